import { useQuery } from '@tanstack/react-query';
import { api, toQuery } from '../../../lib/api';

/**
 * The lists the visit forms choose from: topics, companies (staff: `useStaffOptions` in
 * lib/staff-options.ts, shared with the follow-ups).
 */
export interface TopicOption {
  id: string;
  slug: string;
  labelSv: string;
  labelEn: string;
  active: boolean;
}
export interface CompanyHit {
  id: string;
  orgNr: string;
  name: string;
  postalTown: string | null;
}

export function useTopicOptions() {
  return useQuery({
    queryKey: ['visits', 'topic-options'],
    queryFn: ({ signal }) => api.get<{ items: TopicOption[] }>('/api/topics?all=1', signal),
    staleTime: 5 * 60_000,
    select: (d) => d.items,
  });
}

export function useCompanySearch(q: string) {
  return useQuery({
    queryKey: ['visits', 'company-search', q],
    queryFn: ({ signal }) =>
      api.get<{ items: CompanyHit[] }>(`/api/companies${toQuery({ q, pageSize: 10 })}`, signal),
    enabled: q.trim().length >= 2,
  });
}

/** The company a link named (`/besok/nytt?foretag=ID`, from its company page), or none. */
export function useCompanyHit(id: string | null) {
  return useQuery({
    queryKey: ['visits', 'company', id],
    queryFn: ({ signal }) => api.get<CompanyHit>(`/api/companies/${encodeURIComponent(id ?? '')}`, signal),
    enabled: Boolean(id),
    retry: false,
    select: (c): CompanyHit => ({ id: c.id, orgNr: c.orgNr, name: c.name, postalTown: c.postalTown }),
  });
}
