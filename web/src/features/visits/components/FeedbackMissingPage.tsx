import { Link } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import { useMissingFeedback } from '../api/feedback';
import { fmtDateTime, useTexts } from '../texts';
import './visits.css';

/** /besok/aterkoppling — visits whose company has not had feedback within the set number of days. */
export default function FeedbackMissingPage() {
  const { tx, lang } = useTexts();
  const missing = useMissingFeedback();
  return (
    <>
      <p className="back-link">
        <Link to="/besok">← {tx.list.title}</Link>
      </p>
      <PageHeading>{tx.missing.title}</PageHeading>
      {missing.isPending ? <Spinner /> : null}
      {missing.isError ? <QueryError error={missing.error} onRetry={() => void missing.refetch()} /> : null}
      {missing.data ? (
        <>
          <p className="page-intro">{tx.missing.intro(missing.data.feedbackDays)}</p>
          {missing.data.items.length === 0 ? (
            <p>{tx.missing.empty}</p>
          ) : (
            <TableWrap label={tx.missing.caption}>
              <table className="summary-table">
                <caption>{tx.missing.caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tx.list.company}</th>
                    <th scope="col">{tx.list.when}</th>
                    <th scope="col">{tx.missing.days}</th>
                    <th scope="col">{tx.missing.lastFeedback}</th>
                    <th scope="col">{tx.list.who}</th>
                  </tr>
                </thead>
                <tbody>
                  {missing.data.items.map((m) => (
                    <tr key={m.visitId}>
                      <th scope="row">
                        <Link
                          to={`/besok/${m.visitId}/aterkoppling`}
                          aria-label={`${tx.missing.write}: ${m.company.name}`}
                        >
                          {m.company.name}
                        </Link>
                      </th>
                      <td>{fmtDateTime(m.startsAt, lang)}</td>
                      <td>{m.daysSince}</td>
                      <td>{m.lastFeedbackAt ? fmtDateTime(m.lastFeedbackAt, lang) : tx.missing.never}</td>
                      <td>{m.participants.map((p) => p.name).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </>
      ) : null}
    </>
  );
}
