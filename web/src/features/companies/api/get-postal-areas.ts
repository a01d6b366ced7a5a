import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { PostalArea } from './types';

export function getPostalAreas(signal?: AbortSignal): Promise<{ items: PostalArea[] }> {
  return api.get(`/api/postal-areas`, signal);
}

export function usePostalAreas() {
  return useQuery({
    queryKey: ['companies', 'postal-areas'],
    queryFn: ({ signal }) => getPostalAreas(signal),
    staleTime: 5 * 60_000,
  });
}
