import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Me } from '@contracts/staff';
import { api, isApiError } from './api';

/**
 * The signed-in user, shared by the shell and every feature (which is why it lives in lib/ and
 * not in a feature). `null` means nobody is signed in; a 401 anywhere resets it to null
 * (see app/providers.tsx), and the route guard then sends the user to the log-in page.
 */
export type SessionUser = z.infer<typeof Me>;
export type Role = SessionUser['role'];

export const meQueryKey = ['auth', 'me'] as const;

export async function getMe(): Promise<SessionUser | null> {
  try {
    return await api.get<SessionUser>('/api/auth/me');
  } catch (err) {
    if (isApiError(err, 401)) return null;
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: getMe, staleTime: 5 * 60_000, retry: false });
}

const RANK: Record<Role, number> = { viewer: 1, staff: 2, admin: 3 };

/** The same rule as the server's access check (src/server/access.ts). */
export function roleSatisfies(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}
