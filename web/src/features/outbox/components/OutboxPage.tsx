import { useRef, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { OutboxProblem } from '@contracts/mail';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { PageHeading } from '../../../components/PageHeading';
import { Pagination } from '../../../components/Pagination';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import { useAnnounce } from '../../../components/Announcer';
import { ApiError } from '../../../lib/api';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { swedish } from '../../../lib/forms';
import { useFailedJobs, useOutboxProblems, useRequeue } from '../api/outbox';
import { useTexts } from '../texts';

const PAGE_SIZE = 25;

/** Where the app shows the record a message is about, if it has a page for that kind. */
function relatedPath(r: NonNullable<OutboxProblem['related']>): string | null {
  const id = encodeURIComponent(r.id);
  switch (r.type) {
    case 'company':
      return `/foretag/${id}`;
    case 'visit':
      return `/besok/${id}`;
    case 'followup':
      return `/uppfoljningar/${id}`;
    case 'sprint':
      return `/sprintar/${id}`;
    case 'relay_programme':
      return `/stafett/${id}`;
    default:
      return null;
  }
}

function Related({ related }: { related: OutboxProblem['related'] }) {
  const { tx } = useTexts();
  if (!related) return <>–</>;
  const kind = tx.related[related.type] ?? tx.related.other;
  const path = relatedPath(related);
  if (related.label && path)
    return (
      <>
        {kind} <Link to={path}>{related.label}</Link>
      </>
    );
  return (
    <>
      {kind}
      {path ? <span className="muted"> ({tx.related.gone})</span> : null}
    </>
  );
}

/** One of the page's lists: a scrollable table with a hidden caption and a header row. */
function ListTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  columns: string[];
  children: ReactNode;
}) {
  return (
    <TableWrap label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableWrap>
  );
}

const pageOf = (params: URLSearchParams, name: string) =>
  Math.max(1, Number.parseInt(params.get(name) ?? '1', 10) || 1);

/**
 * /utskicksfel — e-mail that failed for good or waits to be tried again, with "Försök igen" for a
 * message, and background jobs that failed (admins). Each list has its page in the address.
 */
export default function OutboxPage() {
  const { tx, lang } = useTexts();
  const announce = useAnnounce();
  const [params, setParams] = useSearchParams();
  const mailPage = pageOf(params, 'sida');
  const jobPage = pageOf(params, 'jobbsida');
  const problems = useOutboxProblems(mailPage, PAGE_SIZE);
  const jobs = useFailedJobs(jobPage, PAGE_SIZE);
  const requeue = useRequeue();
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const mailHeading = useRef<HTMLHeadingElement>(null);
  const jobsHeading = useRef<HTMLHeadingElement>(null);
  const n = (x: number) => formatNumber(x, lang);
  const when = (iso: string | null) => formatDateTime(iso, lang);

  const toPage = (name: string, p: number, heading: HTMLHeadingElement | null) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set(name, String(p));
    else next.delete(name);
    setParams(next);
    heading?.focus();
  };

  const onRequeue = (m: OutboxProblem) => {
    setDone(null);
    setFailure(null);
    requeue.mutate(m.id, {
      onSuccess: () => {
        const message = tx.mail.requeued(m.subject);
        setDone(message);
        announce(message);
        // The row (and its button) leaves the list: focus goes to the list's heading.
        mailHeading.current?.focus();
      },
      onError: (err) => setFailure(err),
    });
  };

  const counts = problems.data?.counts;
  return (
    <>
      <PageHeading>{tx.title}</PageHeading>
      <p className="page-intro">{tx.intro}</p>

      <section aria-labelledby="outbox-mail">
        <h2 id="outbox-mail" ref={mailHeading} tabIndex={-1}>
          {tx.mail.heading}
        </h2>
        {done ? (
          <Alert tone="success" live={false}>
            <p>{done}</p>
          </Alert>
        ) : null}
        {failure ? (
          <Alert tone="error" title={tx.mail.requeueFailed}>
            {failure instanceof ApiError && failure.message ? <p>{swedish(failure.message)}</p> : null}
          </Alert>
        ) : null}
        {problems.isPending ? <Spinner /> : null}
        {problems.isError ? (
          <QueryError error={problems.error} onRetry={() => void problems.refetch()} />
        ) : null}
        {counts ? (
          counts.failed + counts.retry === 0 ? (
            <p>{tx.mail.empty}</p>
          ) : (
            <p>{tx.mail.summary(counts.failed, counts.retry)}</p>
          )
        ) : null}
        {problems.data && problems.data.items.length > 0 ? (
          <ListTable
            caption={tx.mail.caption}
            columns={[
              tx.mail.columns.to,
              tx.mail.columns.subject,
              tx.mail.columns.related,
              tx.mail.columns.error,
              tx.mail.columns.attempts,
              tx.mail.columns.created,
              tx.mail.columns.status,
              tx.mail.columns.action,
            ]}
          >
            {problems.data.items.map((m) => {
              const busy = requeue.isPending && requeue.variables === m.id;
              return (
                <tr key={m.id}>
                  <td>{m.to || <span className="muted">{tx.mail.cleared}</span>}</td>
                  <td>{m.subject}</td>
                  <td>
                    <Related related={m.related} />
                  </td>
                  <td>{m.error ?? tx.mail.noError}</td>
                  <td>{n(m.attempts)}</td>
                  <td>
                    <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
                  </td>
                  <td>
                    <span className="badge">{tx.mail.status[m.status]}</span>
                    <div className="muted">
                      {m.nextAttemptAt ? (
                        <>
                          {tx.mail.columns.next}:{' '}
                          <time dateTime={m.nextAttemptAt}>{when(m.nextAttemptAt)}</time>
                        </>
                      ) : (
                        tx.mail.notAgain
                      )}
                    </div>
                  </td>
                  <td>
                    {m.to ? (
                      <Button
                        variant="secondary"
                        className="btn--small"
                        busy={busy}
                        busyText={tx.mail.retrying}
                        onClick={() => onRequeue(m)}
                      >
                        {tx.mail.retryButton}
                        <span className="visually-hidden">{tx.mail.retryContext(m.subject, m.to)}</span>
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </ListTable>
        ) : null}
        {problems.data ? (
          <Pagination
            page={problems.data.page}
            pageSize={problems.data.pageSize}
            total={problems.data.total}
            itemsOnPage={problems.data.items.length}
            onPage={(p) => toPage('sida', p, mailHeading.current)}
          />
        ) : null}
      </section>

      <section aria-labelledby="outbox-jobs">
        <h2 id="outbox-jobs" ref={jobsHeading} tabIndex={-1}>
          {tx.jobs.heading}
        </h2>
        {jobs.isPending ? <Spinner /> : null}
        {jobs.isError ? <QueryError error={jobs.error} onRetry={() => void jobs.refetch()} /> : null}
        {jobs.data ? (
          jobs.data.total === 0 ? (
            <p>{tx.jobs.empty}</p>
          ) : (
            <p>{tx.jobs.summary(jobs.data.total)}</p>
          )
        ) : null}
        {jobs.data && jobs.data.items.length > 0 ? (
          <ListTable
            caption={tx.jobs.caption}
            columns={[
              tx.jobs.columns.kind,
              tx.jobs.columns.error,
              tx.jobs.columns.attempts,
              tx.jobs.columns.failed,
              tx.jobs.columns.created,
            ]}
          >
            {jobs.data.items.map((j) => (
              <tr key={j.id}>
                <td>
                  <code>{j.kind}</code>
                </td>
                <td>{j.error ?? '–'}</td>
                <td>{n(j.attempts)}</td>
                <td className="nowrap">
                  <time dateTime={j.failedAt}>{when(j.failedAt)}</time>
                </td>
                <td className="nowrap">
                  <time dateTime={j.createdAt}>{when(j.createdAt)}</time>
                </td>
              </tr>
            ))}
          </ListTable>
        ) : null}
        {jobs.data ? (
          <Pagination
            page={jobs.data.page}
            pageSize={jobs.data.pageSize}
            total={jobs.data.total}
            itemsOnPage={jobs.data.items.length}
            onPage={(p) => toPage('jobbsida', p, jobsHeading.current)}
          />
        ) : null}
      </section>
    </>
  );
}
