import { Link, useSearchParams } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { useFollowups, type Followup, type Scope } from '../api/followups';
import { useTexts } from '../texts';
import './followups.css';

const SCOPES: Record<string, Scope> = { mina: 'mine', oppna: 'open', forsenade: 'overdue' };
const PARAM: Record<Scope, string> = { mine: 'mina', open: 'oppna', overdue: 'forsenade' };

/** /uppfoljningar — mine, all open ones grouped by owner (oldest first), or the overdue ones. */
export default function FollowupListPage() {
  const { tx } = useTexts();
  const [params] = useSearchParams();
  const scope = SCOPES[params.get('visa') ?? 'mina'] ?? 'mine';
  const list = useFollowups(scope);
  return (
    <>
      <PageHeading>{tx.title}</PageHeading>
      <p className="page-intro">{tx.intro}</p>
      <nav aria-label={tx.tabs.label}>
        <ul className="fu-tabs">
          {(['mine', 'open', 'overdue'] as const).map((s) => (
            <li key={s}>
              <Link to={`/uppfoljningar?visa=${PARAM[s]}`} aria-current={scope === s ? 'page' : undefined}>
                {tx.tabs[s]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {scope === 'mine' ? <p>{tx.mineHint}</p> : null}
      {list.isPending ? <Spinner /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.items.length === 0 ? <p>{tx.empty[scope]}</p> : null}
      {list.data && list.data.items.length > 0 ? (
        scope === 'open' ? (
          <ByOwner items={list.data.items} />
        ) : (
          <Cards items={list.data.items} headingLevel={2} />
        )
      ) : null}
    </>
  );
}

function ByOwner({ items }: { items: Followup[] }) {
  const { tx } = useTexts();
  const groups = new Map<string, Followup[]>();
  for (const f of items) groups.set(f.owner.label, [...(groups.get(f.owner.label) ?? []), f]);
  return (
    <>
      {[...groups.entries()].map(([owner, fs]) => (
        <section key={owner} aria-label={owner}>
          <h2>{tx.byOwner(owner, fs.length)}</h2>
          <Cards items={fs} headingLevel={3} />
        </section>
      ))}
    </>
  );
}

function Cards({ items, headingLevel }: { items: Followup[]; headingLevel: 2 | 3 }) {
  const { tx } = useTexts();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="fu-cards">
      {items.map((f) => (
        <li key={f.id}>
          <H className="fu-cards__title">
            <Link to={`/uppfoljningar/${f.id}`}>{f.need}</Link>
          </H>
          <p className="fu-meta">
            <span
              className={
                f.overdue ? 'badge fu-badge--late' : f.status === 'done' ? 'badge fu-badge--done' : 'badge'
              }
            >
              {f.overdue ? tx.overdue : tx.status[f.status]}
            </span>{' '}
            {f.company.name} · {f.owner.inactive ? tx.inactive(f.owner.label) : f.owner.label} ·{' '}
            {tx.due(f.dueDate)} · {tx.age(f.ageDays)}
          </p>
        </li>
      ))}
    </ul>
  );
}
