import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import { roleSatisfies, useMe } from '../../../lib/session';
import { useCreateSprint, useSprints } from '../api/sprints';
import { formatDay, useTexts } from '../texts';
import { SprintSettingsForm } from './SprintSettingsForm';
import '../sprints.css';

/** /sprintar: the sprints (admins: all, with a form for a new one; staff: those they are in). */
export default function SprintListPage() {
  const { tx, lang } = useTexts();
  const me = useMe().data;
  const admin = me ? roleSatisfies(me.role, 'admin') : false;
  const list = useSprints();
  const create = useCreateSprint();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeading>{tx.title}</PageHeading>
      <p className="page-intro">{tx.intro}</p>
      {list.isPending ? <Spinner /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <p>{tx.none}</p> : null}
      {items.length ? (
        <TableWrap label={tx.title}>
          <table>
            <caption className="visually-hidden">{tx.title}</caption>
            <thead>
              <tr>
                <th scope="col">{tx.fields.name}</th>
                <th scope="col">{tx.fields.dayColumn}</th>
                <th scope="col">Status</th>
                <th scope="col">{tx.regs.title}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={admin ? `/sprintar/${s.id}` : `/sprintar/${s.id}/mina-tider`}>{s.name}</Link>
                  </td>
                  <td>{formatDay(s.day, lang)}</td>
                  <td>{tx.status[s.status]}</td>
                  <td>
                    {tx.registrationsCount(s.registrations)}, {tx.participantsCount(s.participants)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {admin ? (
        creating ? (
          <section aria-labelledby="new-sprint">
            <h2 id="new-sprint">{tx.newSprint}</h2>
            <SprintSettingsForm
              earlier={items}
              busy={create.isPending}
              submitLabel={tx.create}
              onSubmit={(v, onError, saved) =>
                create.mutate(v, {
                  onSuccess: (s) => {
                    saved(true);
                    void navigate(`/sprintar/${s.id}`);
                  },
                  onError,
                })
              }
            />
          </section>
        ) : (
          <p>
            <Button onClick={() => setCreating(true)}>{tx.newSprint}</Button>
          </p>
        )
      ) : null}
    </>
  );
}
