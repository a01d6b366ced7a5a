import { Link } from 'react-router';
import { ButtonLink } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { roleSatisfies, useMe } from '../../../lib/session';
import { useProgrammes } from '../api/programmes';
import { useTexts } from '../texts';

export default function RelayListPage() {
  const { tx } = useTexts();
  const me = useMe().data;
  const list = useProgrammes();
  return (
    <>
      <PageHeading>{tx.title}</PageHeading>
      <p className="page-intro">{tx.listIntro}</p>
      {me && roleSatisfies(me.role, 'admin') ? (
        <p>
          <ButtonLink to="/stafett/ny" variant="primary">
            {tx.newProgramme}
          </ButtonLink>
        </p>
      ) : null}
      {list.isPending ? <Spinner /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && !list.data.items.length ? <p>{tx.noProgrammes}</p> : null}
      {list.data?.items.length ? (
        <ul className="cards">
          {list.data.items.map((p) => (
            <li key={p.id} className="card">
              <h2 className="card__title">
                <Link to={`/stafett/${p.id}`} className="card__link">
                  {p.name}
                </Link>
              </h2>
              <p>
                {tx.visitsOfGoal(p.visitsDone, p.goalVisits)} · {tx.batonsInPlay(p.batonsInPlay)}
                {p.status === 'closed' ? ` · ${tx.closed}` : ''}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
