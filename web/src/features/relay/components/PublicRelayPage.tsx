import { useParams } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { ProgressBar } from '../../../components/ProgressBar';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { usePublicRelay } from '../api/links';
import { formatDate, useTexts } from '../texts';

/** The relay's story for the municipality's website: no log-in, no personal data. */
export default function PublicRelayPage() {
  const { id = '' } = useParams();
  const { tx, lang } = useTexts();
  const q = usePublicRelay(id);
  if (q.isPending) return <Spinner />;
  if (q.isError) {
    return (
      <>
        <PageHeading>{tx.title}</PageHeading>
        <QueryError error={q.error} />
      </>
    );
  }
  const r = q.data;
  return (
    <div className="narrow">
      <PageHeading>{r.name}</PageHeading>
      <p className="lead">{r.municipalityName}</p>
      {/* The municipality's own words are Swedish, whatever the interface's language. */}
      {r.description ? <p lang="sv">{r.description}</p> : null}
      <ProgressBar
        id="public-progress"
        label={tx.progress.done}
        value={r.goal ? Math.min(r.visitsDone / r.goal, 1) : 0}
        text={tx.public.count(r.visitsDone, r.goal)}
      />
      <h2>{tx.public.latest}</h2>
      <p>
        {r.latest
          ? `${r.latest.companyName ?? tx.public.latestHidden}, ${formatDate(r.latest.visitedAt, lang)}`
          : tx.public.none}
      </p>
      <h2>{tx.public.visited}</h2>
      <p className="muted">{tx.public.listNote}</p>
      {r.companies.length ? (
        <ol reversed>
          {r.companies.map((c, i) => (
            <li key={`${c.name}-${i}`}>
              {c.name}
              {c.postalTown ? `, ${c.postalTown}` : ''} – {formatDate(c.visitedAt, lang)}
            </li>
          ))}
        </ol>
      ) : (
        <p>{tx.public.none}</p>
      )}
    </div>
  );
}
