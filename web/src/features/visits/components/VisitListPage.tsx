import { Link, useSearchParams } from 'react-router';
import { ButtonLink } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { Pagination } from '../../../components/Pagination';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { useVisits, type Visit } from '../api/visits';
import { fmtDateTime, useTexts } from '../texts';
import './visits.css';

const PAGE_SIZE = 25;

/**
 * /besok?visa=alla&sida=2 — my visits (default) or all visits, each with its report and
 * follow-ups; 25 a page (the page is in the address, so back and links keep it). All visits come
 * newest first; mine as the server orders them, the upcoming first, soonest first (the next one
 * on top on the day), then the earlier ones newest first, each part under its heading.
 */
export default function VisitListPage() {
  const { tx, lang } = useTexts();
  const [params, setParams] = useSearchParams();
  const scope = params.get('visa') === 'alla' ? 'all' : 'mine';
  const page = Math.max(1, Number.parseInt(params.get('sida') ?? '1', 10) || 1);
  const visits = useVisits({ scope, page, pageSize: PAGE_SIZE });
  const toPage = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('sida', String(p));
    else next.delete('sida');
    setParams(next);
    document.getElementById('visit-list')?.focus();
  };
  const card = (v: Visit, Heading: 'h2' | 'h3') => (
    <li key={v.id}>
      <Heading>
        <Link to={`/besok/${v.id}`}>{v.company.name}</Link>
      </Heading>
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
  );
  const items = visits.data?.items ?? [];
  // The server's line between the two parts: not over yet and not cancelled.
  const now = Date.now();
  const isUpcoming = (v: Visit) => v.status !== 'cancelled' && Date.parse(v.endsAt) > now;
  const parts = [
    { key: 'upcoming', title: tx.list.upcoming, items: items.filter(isUpcoming) },
    { key: 'past', title: tx.list.past, items: items.filter((v) => !isUpcoming(v)) },
  ].filter((part) => part.items.length > 0);
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
      {visits.data && items.length === 0 ? <p>{tx.list.empty}</p> : null}
      {items.length > 0 && scope === 'all' ? (
        <ul className="visit-list" aria-label={tx.list.caption} id="visit-list" tabIndex={-1}>
          {items.map((v) => card(v, 'h2'))}
        </ul>
      ) : null}
      {items.length > 0 && scope === 'mine' ? (
        <div id="visit-list" tabIndex={-1}>
          {parts.map((part) => (
            <section key={part.key} aria-labelledby={`visit-list-${part.key}`}>
              <h2 id={`visit-list-${part.key}`}>{part.title}</h2>
              <ul className="visit-list">{part.items.map((v) => card(v, 'h3'))}</ul>
            </section>
          ))}
        </div>
      ) : null}
      {visits.data ? (
        <Pagination
          page={visits.data.page}
          pageSize={visits.data.pageSize}
          total={visits.data.total}
          itemsOnPage={visits.data.items.length}
          onPage={toPage}
        />
      ) : null}
    </>
  );
}
