import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, toQuery } from '../../../lib/api';
import type { CompanyPage, CompanyQuery } from './types';

export function listCompanies(query: CompanyQuery, signal?: AbortSignal): Promise<CompanyPage> {
  return api.get<CompanyPage>(`/api/companies${toQuery({ ...query })}`, signal);
}

/** One page of the register; the previous page stays on screen while the next loads. */
export function useCompanies(query: CompanyQuery) {
  return useQuery({
    queryKey: ['companies', 'list', query],
    queryFn: ({ signal }) => listCompanies(query, signal),
    placeholderData: keepPreviousData,
  });
}
