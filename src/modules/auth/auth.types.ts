import type { Role } from '../../server/access';

export const STAFF_GROUPS = ['politician', 'leadership', 'business', 'department', 'other'] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];
export const PARTIES = ['majority', 'opposition'] as const;
export type Party = (typeof PARTIES)[number];

export interface SessionUser {
  id: string;
  municipalityId: string;
  email: string;
  name: string;
  role: Role;
  group: StaffGroup;
  party: Party | null;
}
