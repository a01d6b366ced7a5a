/**
 * Who may call a route. Every route declares `config: { access }`; the auth hook in
 * plugins/auth.ts enforces it and `test/routes-access.test.ts` walks every registered route to
 * prove it. A route that forgets to declare it is admin-only (deny by default).
 *
 * - `public`: anyone, no session (the public registration form, log-in, health).
 * - `viewer`: management reading reports; every signed-in role has it.
 * - `staff`: politicians and officials (their own day, visit notes) and admins.
 * - `admin`: the business unit that runs the programmes.
 */
export const ROLES = ['viewer', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type Access = 'public' | Role;

const RANK: Record<Role, number> = { viewer: 1, staff: 2, admin: 3 };

export function roleSatisfies(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
}
