import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAnnounce } from '../../../components/Announcer';
import { ButtonLink } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { roleSatisfies, useMe } from '../../../lib/session';
import { useChain, useCoverage } from '../api/programmes';
import { useTexts } from '../texts';
import { BatonPanel } from './BatonPanel';
import { ChainPicture } from './ChainPicture';
import { CoverageTables } from './CoverageTables';
import { EventLog } from './EventLog';
import { ProgressPanel } from './ProgressPanel';
import { StartBatonForm } from './StartBatonForm';

/** One relay: progress, its batons and their next steps, the chain, coverage and the log. */
export default function ProgrammePage() {
  const { id = '' } = useParams();
  const { tx } = useTexts();
  const me = useMe().data;
  const chain = useChain(id);
  const coverage = useCoverage(id);
  const announce = useAnnounce();
  // A baton just started takes focus when its panel appears; an ended one's panel goes, and the
  // batons' heading takes focus in its place.
  const [started, setStarted] = useState<string | null>(null);
  const batonsHeading = useRef<HTMLHeadingElement>(null);
  if (chain.isPending) return <Spinner />;
  if (chain.isError) return <QueryError page error={chain.error} onRetry={() => void chain.refetch()} />;
  if (!me) return null;
  const c = chain.data;
  const p = c.programme;
  const isAdmin = roleSatisfies(me.role, 'admin');
  const activeBatons = c.batons.filter((b) => b.status === 'active');
  return (
    <>
      <p className="back-link">
        <Link to="/stafett">{tx.back}</Link>
      </p>
      <PageHeading>{p.name}</PageHeading>
      {/* The municipality's own words, in Swedish whatever the interface's language. */}
      {p.description ? (
        <p className="page-intro" lang="sv">
          {p.description}
        </p>
      ) : null}
      <p>
        {tx.batonsInPlay(p.batonsInPlay)}
        {p.status === 'closed' ? ` · ${tx.closed}` : ''}
        {' · '}
        <Link to={`/rapporter/relay/${p.id}`}>{tx.page.report}</Link>
        {p.publicPage ? (
          <>
            {' · '}
            <Link to={`/stafett/publik/${p.id}`}>{tx.page.publicLink}</Link>
          </>
        ) : null}
      </p>
      {isAdmin ? (
        <p>
          <ButtonLink to={`/stafett/${p.id}/installningar`}>{tx.page.settings}</ButtonLink>
        </p>
      ) : null}

      <h2>{tx.page.progress}</h2>
      <ProgressPanel programmeId={p.id} />

      <h2 ref={batonsHeading} tabIndex={-1}>
        {tx.page.batons}
      </h2>
      {activeBatons.length ? null : <p>{tx.page.noBatons}</p>}
      {activeBatons.map((b) => (
        <BatonPanel
          key={b.id}
          baton={b}
          chain={c}
          role={me.role}
          suggestions={coverage.data?.suggestions ?? []}
          takeFocus={b.id === started}
          onEnded={() => {
            batonsHeading.current?.focus();
            announce(tx.page.ended(b.number));
          }}
        />
      ))}
      {isAdmin && p.status === 'active' && p.batonsInPlay < p.maxBatons ? (
        <details>
          <summary>{tx.page.startBaton}</summary>
          <StartBatonForm
            chain={c}
            onStarted={(batonId, company) => {
              setStarted(batonId);
              announce(tx.page.started(company));
            }}
          />
        </details>
      ) : null}

      <h2>{tx.page.chain}</h2>
      <ChainPicture chain={c} visitLinks={roleSatisfies(me.role, 'staff')} />

      <h2>{tx.page.coverage}</h2>
      <CoverageTables programmeId={p.id} />

      <h2>{tx.page.log}</h2>
      <EventLog programmeId={p.id} />
    </>
  );
}
