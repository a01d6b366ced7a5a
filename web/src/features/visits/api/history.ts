import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CompanyHistoryDto } from '@contracts/visits';
import { api } from '../../../lib/api';

export type CompanyHistory = z.infer<typeof CompanyHistoryDto>;

export function useCompanyHistory(companyId: string) {
  return useQuery({
    queryKey: ['visits', 'history', companyId],
    queryFn: ({ signal }) =>
      api.get<CompanyHistory>(`/api/companies/${encodeURIComponent(companyId)}/history`, signal),
  });
}
