import { Link } from 'react-router';
import { Spinner } from '../../../components/Spinner';
import { useMissingFeedback } from '../api/feedback';
import { useFollowupCounts } from '../api/followups';
import { useTexts } from '../texts';
import './visits.css';

/**
 * For the start page (staff): my open follow-ups and how many are late, all late follow-ups, and
 * visits waiting for feedback to the company — each a link to its list.
 */
export function VisitsCard() {
  const { tx } = useTexts();
  const counts = useFollowupCounts();
  const missing = useMissingFeedback();
  const c = counts.data;
  const waiting = missing.data?.items.length;
  return (
    <section className="card visits-card" aria-labelledby="visits-card-title">
      <h2 id="visits-card-title" className="card__title">
        {tx.home.title}
      </h2>
      {counts.isPending || missing.isPending ? <Spinner /> : null}
      {counts.isError || missing.isError ? <p>{tx.home.error}</p> : null}
      <ul className="visits-card__list">
        {c ? (
          <>
            <li>
              <Link to="/uppfoljningar?visa=mina">
                <strong className="visits-card__n">{c.mineOpen}</strong> {tx.home.mineOpen(c.mineOpen)}
              </Link>
              {c.mineOverdue > 0 ? (
                <span className="badge badge--late">{tx.home.mineOverdue(c.mineOverdue)}</span>
              ) : null}
            </li>
            <li>
              <Link to="/uppfoljningar?visa=forsenade">
                <strong className="visits-card__n">{c.overdue}</strong> {tx.home.overdue(c.overdue)}
              </Link>
            </li>
          </>
        ) : null}
        {waiting !== undefined ? (
          <li>
            <Link to="/besok/aterkoppling">
              <strong className="visits-card__n">{waiting}</strong> {tx.home.waiting(waiting)}
            </Link>
          </li>
        ) : null}
        <li>
          <Link to="/besok">{tx.home.visits}</Link>
        </li>
      </ul>
    </section>
  );
}
