import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { SniResponseBody } from './types';

export function getSni(signal?: AbortSignal): Promise<SniResponseBody> {
  return api.get(`/api/sni`, signal);
}

/** SNI 2007 sections and divisions with their Swedish names; they change with a new SNI version only. */
export function useSni() {
  return useQuery({ queryKey: ['sni'], queryFn: ({ signal }) => getSni(signal), staleTime: Infinity });
}
