import { PageHeading } from '../../../components/PageHeading';
import { Spinner } from '../../../components/Spinner';
import { usePublicMunicipality } from '../api/public-municipality';
import { useTexts } from '../texts';

/**
 * The accessibility statement (tillgänglighetsredogörelse) the DOS law asks for. Public: it names
 * the municipality and its business unit, and the unit's e-mail, from the municipality's record,
 * signed in or not.
 */
export default function AccessibilityPage() {
  const tx = useTexts();
  const q = usePublicMunicipality();
  if (q.isPending) {
    return (
      <article className="prose">
        <PageHeading>{tx.title}</PageHeading>
        <Spinner />
      </article>
    );
  }
  // Not readable (the server unreachable): the statement still says what it can.
  const m = q.data ?? null;
  return (
    <article className="prose">
      <PageHeading>{tx.title}</PageHeading>
      <p className="lead">{m ? tx.intro(m.name, m.unitName) : tx.introUnknown}</p>
      <h2>{tx.statusTitle}</h2>
      <p>{tx.status}</p>
      <h2>{tx.knownTitle}</h2>
      <p>{tx.knownIntro}</p>
      <ul>
        {tx.known.map((k) => (
          <li key={k}>{k}</li>
        ))}
      </ul>
      <h2>{tx.reportTitle}</h2>
      {m?.replyTo ? (
        <p>
          {tx.reportEmail(m.unitName, m.name)}{' '}
          <a href={`mailto:${m.replyTo}?subject=${encodeURIComponent(tx.title)}`}>{m.replyTo}</a>.
        </p>
      ) : (
        <p>{m ? tx.reportFallback(m.unitName, m.name) : tx.reportUnknown}</p>
      )}
      <h2>{tx.supervisionTitle}</h2>
      <p>{tx.supervision}</p>
      <p>
        <a href="https://www.digg.se/tdosanmalan">{tx.diggLink}</a>
      </p>
      <h2>{tx.reviewTitle}</h2>
      <p>{tx.review}</p>
      <p className="muted">{tx.updated}</p>
    </article>
  );
}
