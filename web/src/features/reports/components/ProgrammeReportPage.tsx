import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Field } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import {
  exportUrl,
  useProgrammeReport,
  type ProgrammeReport,
  type ReportParams,
} from '../api/programme-report';
import { useTexts } from '../texts';
import './reports.css';

/**
 * /rapporter/:type/:id?datum=YYYY-MM-DD — a sprint day (or a whole programme) told as a news item,
 * printable (print stylesheet), as a PDF made on the server, with the rows as Excel (.xlsx, with a
 * summary sheet), as CSV for Swedish Excel (semicolons, byte-order mark) and as plain CSV.
 */
export default function ProgrammeReportPage() {
  const { type, id = '' } = useParams();
  const [search] = useSearchParams();
  const { tx } = useTexts();
  const date = search.get('datum') ?? undefined;
  const params: ReportParams = {
    programmeType: type === 'relay' ? 'relay' : 'sprint',
    programmeId: id,
    ...(date ? { date } : {}),
  };
  const report = useProgrammeReport(params);

  // Printing hides the app's header, menu and footer while this page is open.
  useEffect(() => {
    document.body.classList.add('print-report');
    return () => document.body.classList.remove('print-report');
  }, []);

  if (report.isError) {
    return (
      <>
        <PageHeading>{tx.heading}</PageHeading>
        <QueryError error={report.error} />
      </>
    );
  }
  if (!report.data) {
    return (
      <>
        <PageHeading>{tx.heading}</PageHeading>
        <Spinner />
      </>
    );
  }
  return <Report r={report.data} params={params} />;
}

function Report({ r, params }: { r: ProgrammeReport; params: ReportParams }) {
  const { tx, lang } = useTexts();
  const fmt = (n: number | null) => (n === null ? '–' : n.toLocaleString(lang === 'en' ? 'en-GB' : 'sv-SE'));
  // A report of one day shows the time; one of the whole programme (several days) the date too.
  const wholeProgramme = r.date === null;
  const time = (iso: string) =>
    new Intl.DateTimeFormat('sv-SE', {
      ...(wholeProgramme ? { dateStyle: 'short' as const } : {}),
      timeStyle: 'short',
      timeZone: 'Europe/Stockholm',
    }).format(new Date(iso));
  const heldRows = r.rows;
  const topicLabel = (t: { label: string; labelEn: string }) => (lang === 'en' ? t.labelEn : t.label);
  // The SNI sections' names are Swedish only (SCB's): marked so on the English page.
  const section = (s: { section: string; sectionCode: string | null }) =>
    s.sectionCode === null ? (
      tx.unknownSection
    ) : lang === 'en' ? (
      <span lang="sv">{s.section}</span>
    ) : (
      s.section
    );
  return (
    <article className="programme-report">
      <PageHeading>{tx.title(r.programme.name, r.date)}</PageHeading>
      <DayPicker params={params} />
      <p className="report-lead">
        {tx.lead({
          date: r.date,
          visitors: r.byWhom.length,
          companies: r.companiesMet,
          topTopics: r.topics.slice(0, 3).map((t) => ({ label: topicLabel(t), count: t.count })),
          climateAverage: r.grades.climate.average,
          followups: r.followups.created,
          followupsDone: r.followups.done,
        })}
      </p>
      <div className="no-print report-actions">
        <button type="button" className="btn btn--primary" onClick={() => window.print()}>
          {tx.print}
        </button>
        <a className="btn btn--secondary" href={exportUrl(params, 'pdf')} download>
          {tx.pdf}
        </a>
        <a className="btn btn--secondary" href={exportUrl(params, 'xlsx')} download>
          {tx.excel}
        </a>
        <a className="btn btn--secondary" href={exportUrl(params, 'excel')} download>
          {tx.csvExcel}
        </a>
        <a className="btn btn--secondary" href={exportUrl(params, 'csv')} download>
          {tx.csv}
        </a>
        <p className="muted">{tx.printHint}</p>
      </div>

      <section aria-labelledby="r-numbers">
        <h2 id="r-numbers">{tx.numbers(wholeProgramme)}</h2>
        <dl className="report-numbers">
          <div>
            <dt>{tx.companiesMet}</dt>
            <dd>{r.companiesMet}</dd>
          </div>
          <div>
            <dt>{tx.visitsDone}</dt>
            <dd>{r.visits.done}</dd>
          </div>
          <div>
            <dt>{tx.bookedNotHeld}</dt>
            <dd>{r.visits.total - r.visits.done - r.visits.cancelled}</dd>
          </div>
          {/* As in the exports' summary (PDF, Excel): the visits called off. */}
          <div>
            <dt>{tx.cancelled}</dt>
            <dd>{r.visits.cancelled}</dd>
          </div>
          <div>
            <dt>{tx.reports}</dt>
            <dd>{r.visits.withReport}</dd>
          </div>
          <div>
            <dt>{tx.followups}</dt>
            <dd>
              {r.followups.created} ({tx.done.toLowerCase()} {r.followups.done})
            </dd>
          </div>
        </dl>
      </section>

      {r.rows.length === 0 ? <p>{tx.none(wholeProgramme)}</p> : null}

      {r.byWhom.length ? (
        <section aria-labelledby="r-who">
          <h2 id="r-who">{tx.byWhom}</h2>
          <TableWrap label={tx.byWhom}>
            <table className="summary-table">
              <caption className="visually-hidden">{tx.byWhom}</caption>
              <thead>
                <tr>
                  <th scope="col">{tx.person}</th>
                  <th scope="col">{tx.count}</th>
                </tr>
              </thead>
              <tbody>
                {r.byWhom.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.name}</th>
                    <td>{p.visits}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}

      {r.topics.length ? (
        <section aria-labelledby="r-topics">
          <h2 id="r-topics">{tx.topics}</h2>
          <TopicTable caption={tx.topics} topics={r.topics} />
          <h3>{tx.bySection}</h3>
          {r.topicsBySection.map((s) => (
            <div key={s.sectionCode ?? ''} className="report-section">
              <h4>
                {section(s)} – {tx.sectionCompanies(s.companies)}
              </h4>
              {s.topics.length ? (
                <TopicTable
                  caption={`${tx.bySection}: ${s.sectionCode === null ? tx.unknownSection : s.section}`}
                  topics={s.topics}
                />
              ) : null}
            </div>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="r-grades">
        <h2 id="r-grades">{tx.grades}</h2>
        {r.grades.climate.count + r.grades.service.count === 0 ? (
          <p>{tx.noAnswers}</p>
        ) : (
          <TableWrap label={tx.grades}>
            <table className="summary-table">
              <caption className="visually-hidden">{tx.grades}</caption>
              <thead>
                <tr>
                  <th scope="col">{tx.grades}</th>
                  <th scope="col">{tx.average}</th>
                  <th scope="col">{tx.answers}</th>
                  {[1, 2, 3, 4, 5, 6].map((g) => (
                    <th scope="col" key={g}>
                      {tx.grade(g)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(
                  [
                    [tx.climate, r.grades.climate],
                    [tx.service, r.grades.service],
                  ] as const
                ).map(([label, g]) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    <td>{fmt(g.average)}</td>
                    <td>{g.count}</td>
                    {g.distribution.map((n, i) => (
                      <td key={i}>{n}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section aria-labelledby="r-followups">
        <h2 id="r-followups">{tx.followups}</h2>
        <dl className="report-numbers">
          <div>
            <dt>{tx.created}</dt>
            <dd>{r.followups.created}</dd>
          </div>
          <div>
            <dt>{tx.done}</dt>
            <dd>{r.followups.done}</dd>
          </div>
          <div>
            <dt>{tx.notPossible}</dt>
            <dd>{r.followups.notPossible}</dd>
          </div>
          <div>
            <dt>{tx.open}</dt>
            <dd>{r.followups.open}</dd>
          </div>
        </dl>
      </section>

      {heldRows.length ? (
        <section aria-labelledby="r-rows">
          <h2 id="r-rows">{tx.rows}</h2>
          <TableWrap label={tx.rows}>
            <table className="summary-table report-rows">
              <caption className="visually-hidden">{tx.rows}</caption>
              <thead>
                <tr>
                  <th scope="col">{tx.cols.time}</th>
                  <th scope="col">{tx.cols.company}</th>
                  <th scope="col">{tx.cols.section}</th>
                  <th scope="col">{tx.cols.visitors}</th>
                  <th scope="col">{tx.cols.status}</th>
                  <th scope="col">{tx.cols.report}</th>
                  <th scope="col">{tx.cols.climate}</th>
                  <th scope="col">{tx.cols.service}</th>
                  <th scope="col">{tx.cols.topics}</th>
                  <th scope="col">{tx.cols.followups}</th>
                </tr>
              </thead>
              <tbody>
                {heldRows.map((row) => (
                  <tr key={row.visitId}>
                    <td>{time(row.startsAt)}</td>
                    <th scope="row">{row.companyName}</th>
                    <td>{row.sniSection}</td>
                    <td>{row.participants}</td>
                    <td>{tx.status[row.statusCode]}</td>
                    <td>{tx.reportStatus[row.reportStatusCode]}</td>
                    <td>{fmt(row.climateGrade)}</td>
                    <td>{fmt(row.serviceGrade)}</td>
                    <td>{lang === 'en' ? row.topicsEn : row.topics}</td>
                    <td>
                      {row.followupsCreated} ({row.followupsDone})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}
    </article>
  );
}

function TopicTable({
  caption,
  topics,
}: {
  caption: string;
  topics: Array<{ topicId: string; label: string; labelEn: string; count: number }>;
}) {
  const { tx, lang } = useTexts();
  return (
    <table className="summary-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{tx.topic}</th>
          <th scope="col">{tx.times}</th>
        </tr>
      </thead>
      <tbody>
        {topics.map((t) => (
          <tr key={t.topicId}>
            <th scope="row">{lang === 'en' ? t.labelEn : t.label}</th>
            <td>{t.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DayPicker({ params }: { params: ReportParams }) {
  const { tx } = useTexts();
  const navigate = useNavigate();
  const [day, setDay] = useState(params.date ?? '');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const q = /^\d{4}-\d{2}-\d{2}$/.test(day) ? `?datum=${day}` : '';
    void navigate(`/rapporter/${params.programmeType}/${encodeURIComponent(params.programmeId)}${q}`);
  };
  return (
    <form className="no-print report-day" onSubmit={onSubmit} aria-label={tx.dayForm}>
      <Field label={tx.day} hint={tx.dayHint}>
        {(p) => (
          <input
            {...p}
            type="date"
            className="input--short"
            value={day}
            onChange={(e) => setDay(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="btn btn--secondary">
        {tx.show}
      </button>
    </form>
  );
}
