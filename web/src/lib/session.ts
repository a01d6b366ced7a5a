import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Me, SessionInfo } from '@contracts/staff';
import { api } from './api';

/**
 * The signed-in user, shared by the shell and every feature (which is why it lives in lib/ and
 * not in a feature). `null` means nobody is signed in; a 401 resets it to null (see
 * app/providers.tsx), and the route guard then sends the user to the log-in page; a 401 during a
 * save instead asks for the password over the page (lib/session-ended.ts), keeping what was typed.
 */
export type SessionUser = z.infer<typeof Me>;
export type Role = SessionUser['role'];

export const meQueryKey = ['auth', 'me'] as const;

/** Who is signed in; asks the public /api/auth/session, so a signed-out first load is no 401. */
export async function getMe(): Promise<SessionUser | null> {
  return (await api.get<z.infer<typeof SessionInfo>>('/api/auth/session')).user;
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: getMe, staleTime: 5 * 60_000, retry: false });
}

const RANK: Record<Role, number> = { viewer: 1, staff: 2, admin: 3 };

/** The same rule as the server's access check (src/server/access.ts). */
export function roleSatisfies(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}
