import { Link } from 'react-router';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { useCompanyHistory, type CompanyHistory as History } from '../api/history';
import { useCompanyFeedback } from '../api/feedback';
import { fmtDateTime, useTexts } from '../texts';
import './visits.css';

/**
 * A company's whole history in Besök, newest first: visits, reports and their topics, follow-ups,
 * feedback, registrations. A section the company page can mount (`headingLevel` 2 there), and
 * the body of /foretag/:id/historik.
 */
export function CompanyHistorySection({
  companyId,
  headingLevel = 2,
}: {
  companyId: string;
  headingLevel?: 2 | 3;
}) {
  const history = useCompanyHistory(companyId);
  if (history.isPending) return <Spinner />;
  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  return <HistoryList data={history.data} headingLevel={headingLevel} />;
}

export function HistoryList({ data, headingLevel }: { data: History; headingLevel: 2 | 3 }) {
  const { tx, lang } = useTexts();
  // Where each feedback's e-mail stands (the history's own titles say it in Swedish only).
  const feedback = useCompanyFeedback(data.company.id);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  if (!data.items.length) return <p>{tx.history.empty}</p>;
  const feedbackOf = (entryId: string) =>
    feedback.data?.items.find((f) => `feedback:${f.id}` === entryId) ?? null;
  return (
    <ol className="history" aria-label={tx.history.intro}>
      {data.items.map((i) => {
        const fb = i.kind === 'feedback' ? feedbackOf(i.id) : null;
        return (
          <li key={i.id} data-kind={i.kind} data-status={fb?.emailStatus}>
            <p className="meta">
              <span className="badge">{tx.history.kinds[i.kind]}</span>{' '}
              {fb && fb.emailStatus !== 'sent' ? (
                <>
                  <span className={`badge${fb.emailStatus === 'failed' ? ' badge--late' : ''}`}>
                    {tx.feedback.status[fb.emailStatus] ?? fb.emailStatus}
                  </span>{' '}
                </>
              ) : null}
              <time dateTime={i.at}>{fmtDateTime(i.at, lang)}</time>
            </p>
            <H>{fb && fb.to ? tx.history.feedbackTitle(fb.emailStatus, fb.to) : i.title}</H>
            {i.detail ? <p>{i.detail}</p> : null}
            {fb?.emailStatus === 'failed' ? (
              <p>
                {tx.history.feedbackFailed}
                {fb.visitId ? (
                  <>
                    {' '}
                    <Link to={`/besok/${fb.visitId}/aterkoppling`}>{tx.feedback.again}</Link>
                  </>
                ) : null}
              </p>
            ) : null}
            {i.topics.length ? (
              <p className="meta">
                {tx.history.topics}: {i.topics.join(', ')}
              </p>
            ) : null}
            {i.visitId && i.kind === 'visit' ? (
              <p>
                <Link to={`/besok/${i.visitId}`}>{tx.history.openVisit}</Link>
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The company page's history section (staff): the whole history, newest first, with a link to
 * it on a page of its own (/foretag/:id/historik) and to recording a visit.
 */
export function CompanyHistoryPanel({ companyId }: { companyId: string }) {
  const { tx } = useTexts();
  return (
    <section aria-labelledby="company-history" className="company-history">
      <h2 id="company-history">{tx.history.section}</h2>
      <p>
        <Link to={`/foretag/${companyId}/historik`}>{tx.history.own}</Link>
        {' · '}
        <Link to={`/besok/nytt?foretag=${encodeURIComponent(companyId)}`}>{tx.list.add}</Link>
      </p>
      <CompanyHistorySection companyId={companyId} headingLevel={3} />
    </section>
  );
}
