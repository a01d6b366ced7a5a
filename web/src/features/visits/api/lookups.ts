import { useQuery } from '@tanstack/react-query';
import { api, toQuery } from '../../../lib/api';

/** The lists the visit forms choose from: staff (participants, owners), topics, companies. */
export interface StaffOption {
  id: string;
  name: string;
  role: 'viewer' | 'staff' | 'admin';
  active: boolean;
}
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

export function useStaffOptions() {
  return useQuery({
    queryKey: ['visits', 'staff-options'],
    queryFn: ({ signal }) => api.get<{ items: StaffOption[] }>('/api/staff', signal),
    staleTime: 5 * 60_000,
    select: (d) => d.items.filter((s) => s.active),
  });
}

/** Who can own a follow-up: active staff and admins (a viewer could neither open it nor act on it). */
export function useOwnerOptions() {
  return useQuery({
    queryKey: ['visits', 'staff-options'],
    queryFn: ({ signal }) => api.get<{ items: StaffOption[] }>('/api/staff', signal),
    staleTime: 5 * 60_000,
    select: (d) => d.items.filter((s) => s.active && s.role !== 'viewer'),
  });
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
