import type { Role } from '../lib/session';

/**
 * The main menu. A feature adds its line here (with the least role that may see it) and its
 * route in router.tsx. `labelKey` is a translation key under `layout.nav`.
 */
export interface NavItem {
  to: string;
  labelKey:
    | 'home'
    | 'companies'
    | 'visits'
    | 'followups'
    | 'relay'
    | 'sprints'
    | 'import'
    | 'staff'
    | 'topics'
    | 'municipality'
    | 'outbox';
  role: Role;
  /** Match only the exact path (for "/"). */
  end?: boolean;
}

export const NAV: NavItem[] = [
  { to: '/', labelKey: 'home', role: 'viewer', end: true },
  { to: '/foretag', labelKey: 'companies', role: 'viewer' },
  { to: '/besok', labelKey: 'visits', role: 'staff' },
  { to: '/uppfoljningar', labelKey: 'followups', role: 'staff' },
  { to: '/stafett', labelKey: 'relay', role: 'viewer' },
  { to: '/sprintar', labelKey: 'sprints', role: 'staff' },
  { to: '/import', labelKey: 'import', role: 'admin' },
  { to: '/personal', labelKey: 'staff', role: 'staff' },
  { to: '/amnen', labelKey: 'topics', role: 'admin' },
  { to: '/kommun', labelKey: 'municipality', role: 'admin' },
  { to: '/utskicksfel', labelKey: 'outbox', role: 'admin' },
];
