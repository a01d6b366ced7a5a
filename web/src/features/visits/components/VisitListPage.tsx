import { Link, useSearchParams } from 'react-router';
import { ButtonLink } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { useVisits } from '../api/visits';
import { fmtDateTime, useTexts } from '../texts';
import './visits.css';

/** /besok — my visits (default) or all visits, newest first, each with its report and follow-ups. */
export default function VisitListPage() {
  const { tx, lang } = useTexts();
  const [params] = useSearchParams();
  const scope = params.get('visa') === 'alla' ? 'all' : 'mine';
  const visits = useVisits({ scope });
  return (
    <>
      <PageHeading>{tx.list.title}</PageHeading>
      <p className="page-intro">{tx.list.intro}</p>
      <p className="form__actions">
        <ButtonLink to="/besok/nytt" variant="primary">
          {tx.list.add}
        </ButtonLink>
        <ButtonLink to="/besok/aterkoppling">{tx.list.missingFeedback}</ButtonLink>
      </p>
      <nav aria-label={tx.list.scope}>
        <ul className="tabs">
          <li>
            <Link to="/besok" aria-current={scope === 'mine' ? 'page' : undefined}>
              {tx.list.mine}
            </Link>
          </li>
          <li>
            <Link to="/besok?visa=alla" aria-current={scope === 'all' ? 'page' : undefined}>
              {tx.list.all}
            </Link>
          </li>
        </ul>
      </nav>
      {visits.isPending ? <Spinner /> : null}
      {visits.isError ? <QueryError error={visits.error} onRetry={() => void visits.refetch()} /> : null}
      {visits.data && visits.data.items.length === 0 ? <p>{tx.list.empty}</p> : null}
      {visits.data && visits.data.items.length > 0 ? (
        <ul className="visit-list" aria-label={tx.list.caption}>
          {visits.data.items.map((v) => (
            <li key={v.id}>
              <h2>
                <Link to={`/besok/${v.id}`}>{v.company.name}</Link>
              </h2>
              <p className="meta">
                {fmtDateTime(v.startsAt, lang)} · {tx.mode[v.mode]} · {tx.status[v.status]}
                {v.programme ? ` · ${tx.programme[v.programme.type]}` : ''}
              </p>
              <p className="meta">
                {tx.list.who}: {v.participants.map((p) => p.name).join(', ')}
              </p>
              <p className="meta">
                {tx.list.report}: {tx.reportStatus[v.reportStatus]}
                {v.followups.total > 0
                  ? ` · ${tx.list.followups}: ${v.followups.total} (${tx.list.open(v.followups.open)})`
                  : ''}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
