import { Link, useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { telHref } from '../../../lib/format';
import { useDay, type DayData } from '../api/sprints';
import { formatDay, formatInstant, useTexts } from '../texts';
import { SprintNav } from './SprintNav';
import { useSprintPage } from './useSprintPage';
import '../sprints.css';

/**
 * A participant's day (/sprintar/:id/dag, or /dag/:userId for an admin): the visits in order with
 * company, topics, contact, link or address, and the travel time to the next on-site visit.
 * Once the day is sent each visit links to its page and report (written there on the day; it can
 * be submitted from the visit's start, which the page says until then).
 * One column, so it reads on a phone; the print style drops the app's frame.
 */
export default function DayPage() {
  const { id = '', userId } = useParams();
  const { tx, lang } = useTexts();
  const q = useDay(id, userId);
  const { sprint, admin } = useSprintPage();
  if (q.isPending) return <Spinner />;
  if (q.isError) return <QueryError page error={q.error} />;
  const d = q.data;
  const now = Date.now();
  // The municipality's English label where its topic list has one.
  const topicLabel = (t: DayData['visits'][number]['topics'][number]) =>
    lang === 'en' && t.labelEn ? t.labelEn : t.labelSv;
  return (
    <>
      <PageHeading>{userId ? tx.day.titleOf(d.person.name) : tx.day.title}</PageHeading>
      <p className="lead">
        {d.sprint.name} – {formatDay(d.sprint.day, lang)}
      </p>
      {sprint.data ? <SprintNav sprint={sprint.data} admin={admin} /> : null}
      <p className="no-print">
        <button type="button" className="btn btn--secondary" onClick={() => window.print()}>
          {tx.day.print}
        </button>
      </p>
      {!d.sprint.published && !userId ? <p>{tx.day.notPublished}</p> : null}
      {/* An admin's view of someone's day before it is sent is the draft: said so, not to be taken for what was sent. */}
      {!d.sprint.published && userId ? (
        <Alert tone="warning" live={false}>
          <p>{tx.day.draft}</p>
        </Alert>
      ) : null}
      {d.sprint.published && userId ? <p className="no-print">{tx.day.asSent}</p> : null}
      {d.sprint.published || userId ? (
        d.visits.length === 0 ? (
          <p>{tx.day.none}</p>
        ) : (
          <ol className="sprint-day">
            {d.visits.map((v) => (
              <li key={v.slot}>
                <h2>
                  {v.start}–{v.end}{' '}
                  {v.visitId ? <Link to={`/besok/${v.visitId}`}>{v.companyName}</Link> : v.companyName}
                </h2>
                <p>
                  {tx.modes[v.mode]}
                  {v.mode === 'physical' ? (
                    <>
                      {' – '}
                      {tx.day.place}: {v.place}
                      {v.place ? (
                        <>
                          {' ('}
                          {/* On a phone, the way there: the address looked up on OpenStreetMap. */}
                          <a
                            href={`https://www.openstreetmap.org/search?query=${encodeURIComponent(v.place)}`}
                            aria-label={`${tx.day.map}: ${v.place}`}
                          >
                            {tx.day.map}
                          </a>
                          {')'}
                        </>
                      ) : null}
                    </>
                  ) : v.meetingLink ? (
                    <>
                      {' – '}
                      <a href={v.meetingLink}>{tx.day.link}</a>
                    </>
                  ) : null}
                </p>
                <p>
                  {tx.day.contact}: {v.contact.name}
                  {v.contact.role ? `, ${v.contact.role}` : ''}
                  {' – '}
                  <a href={`mailto:${v.contact.email}`}>{v.contact.email}</a>
                  {v.contact.phone ? (
                    <>
                      {', '}
                      <a href={telHref(v.contact.phone)}>{v.contact.phone}</a>
                    </>
                  ) : null}
                </p>
                {v.topics.length || v.topicsText ? (
                  <p>
                    {tx.day.topics}: {[...v.topics.map(topicLabel), v.topicsText].filter(Boolean).join('; ')}
                  </p>
                ) : null}
                <p>
                  {tx.day.team}: {v.team.map((m) => (m.title ? `${m.name} (${m.title})` : m.name)).join(', ')}
                </p>
                {v.visitId ? (
                  <p className="no-print">
                    <Link to={`/besok/${v.visitId}/rapport`} aria-label={tx.day.reportOf(v.companyName)}>
                      {tx.day.report}
                    </Link>
                    {Date.parse(v.startsAt) > now
                      ? ` – ${tx.day.reportFrom(formatInstant(v.startsAt, lang))}`
                      : null}
                  </p>
                ) : null}
                {v.travelToNext ? (
                  <p className="sprint-travel">
                    {tx.day.travel(v.travelToNext.minutes, v.travelToNext.km, v.travelToNext.to)}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )
      ) : null}
    </>
  );
}
