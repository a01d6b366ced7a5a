import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Company } from './types';

export function getCompany(id: string, signal?: AbortSignal): Promise<Company> {
  return api.get<Company>(`/api/companies/${encodeURIComponent(id)}`, signal);
}

export function useCompany(id: string) {
  return useQuery({ queryKey: ['companies', 'one', id], queryFn: ({ signal }) => getCompany(id, signal) });
}
