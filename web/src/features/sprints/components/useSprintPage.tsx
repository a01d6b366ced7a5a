import { useParams } from 'react-router';
import { roleSatisfies, useMe } from '../../../lib/session';
import { useSprint } from '../api/sprints';

/** The sprint of the page's :id, and whether the user is an admin. */
export function useSprintPage() {
  const { id = '' } = useParams();
  const me = useMe().data;
  return { id, sprint: useSprint(id), admin: me ? roleSatisfies(me.role, 'admin') : false, me };
}
