import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { roleSatisfies, useMe, type Role } from '../lib/session';
import { Spinner } from '../components/Spinner';
import { QueryError } from '../components/QueryError';
import { ForbiddenPage } from './pages/ForbiddenPage';

/** Where the log-in page sends the user back to, and why they were sent there. */
export interface LoginState {
  from?: string;
  reason?: 'required' | 'loggedOut';
}

/** Routes below need a session; without one, go to the log-in page and come back afterwards. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Spinner />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const state: LoginState = { from: location.pathname + location.search, reason: 'required' };
    return <Navigate to="/logga-in" replace state={state} />;
  }
  return <Outlet />;
}

/** Routes below need at least this role; others see the 403 page (the server refuses them too). */
export function RequireRole({ role, children }: { role: Role; children?: ReactNode }) {
  const me = useMe();
  if (!me.data) return null;
  if (!roleSatisfies(me.data.role, role)) return <ForbiddenPage />;
  return children ?? <Outlet />;
}
