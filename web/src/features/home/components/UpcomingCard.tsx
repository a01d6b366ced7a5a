import { Link } from 'react-router';
import { Spinner } from '../../../components/Spinner';
import { formatDay } from '../../sprints/texts';
import { fmtDateTime, useTexts as useVisitTexts } from '../../visits/texts';
import { swedishToday, useMyUpcomingVisits, useMySprints } from '../api/upcoming';
import { useTexts } from '../texts';
import '../../visits/components/visits.css';

/**
 * For the start page (staff), first: the person's own planned visits from today on, soonest
 * first, each a link to its page and its report, and their day in a sprint they are on that has
 * not passed. On the day this is where the phone opens the next visit's report.
 */
export function UpcomingCard() {
  const { tx, lang } = useTexts();
  const visitTexts = useVisitTexts().tx;
  const visits = useMyUpcomingVisits();
  const sprints = useMySprints();
  const today = swedishToday();
  const days = (sprints.data?.items ?? [])
    .filter((s) => s.day >= today)
    .sort((a, b) => a.day.localeCompare(b.day));
  return (
    <section className="card visits-card" aria-labelledby="upcoming-card-title">
      <h2 id="upcoming-card-title" className="card__title">
        {tx.upcoming.title}
      </h2>
      {days.length ? (
        <ul className="visits-card__list">
          {days.map((s) => (
            <li key={s.id}>
              <Link to={`/sprintar/${s.id}/dag`}>
                {tx.upcoming.sprintDay(s.name, formatDay(s.day, lang))}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {visits.isPending ? <Spinner /> : null}
      {visits.isError ? <p>{tx.upcoming.error}</p> : null}
      {visits.data && visits.data.items.length === 0 ? <p>{tx.upcoming.none}</p> : null}
      {visits.data && visits.data.items.length > 0 ? (
        <>
          <p>{tx.upcoming.intro}</p>
          <ul className="visits-card__list">
            {visits.data.items.map((v) => (
              <li key={v.id}>
                <Link to={`/besok/${v.id}`}>{v.company.name}</Link>{' '}
                <span className="meta">
                  {fmtDateTime(v.startsAt, lang)} · {visitTexts.mode[v.mode]}
                </span>
                {' · '}
                <Link to={`/besok/${v.id}/rapport`} aria-label={tx.upcoming.reportOf(v.company.name)}>
                  {tx.upcoming.report}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <Link to="/besok">{tx.upcoming.all}</Link>
      </p>
    </section>
  );
}
