import { useState } from 'react';
import { Button } from '../../../components/Button';
import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import { useEvents } from '../api/programmes';
import { formatDateTime, useTexts } from '../texts';

/** Every step kept: who nominated whom, when, the answer, the visit. Loaded when opened. */
export function EventLog({ programmeId }: { programmeId: string }) {
  const { tx, lang } = useTexts();
  const [open, setOpen] = useState(false);
  const q = useEvents(programmeId, open);
  return (
    <>
      <p>
        <Button variant="secondary" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? tx.log.hide : tx.log.show}
        </Button>
      </p>
      {open && q.isPending ? <Spinner /> : null}
      {open && q.isError ? <QueryError error={q.error} /> : null}
      {open && q.data ? (
        <TableWrap label={tx.page.log}>
          <table className="summary-table">
            <thead>
              <tr>
                <th scope="col">{tx.log.when}</th>
                <th scope="col">{tx.log.what}</th>
                <th scope="col">{tx.log.who}</th>
              </tr>
            </thead>
            <tbody>
              {[...q.data.items].reverse().map((e) => {
                const company = typeof e.detail.companyName === 'string' ? e.detail.companyName : '';
                const reason = typeof e.detail.reason === 'string' ? e.detail.reason : '';
                const cancelled = typeof e.detail.cancelledVisit === 'string';
                const notVisited = typeof e.detail.notVisited === 'string' ? e.detail.notVisited : '';
                return (
                  <tr key={e.id}>
                    <td className="nowrap">{formatDateTime(e.at, lang)}</td>
                    <td>
                      {tx.log.kinds[e.kind] ?? e.kind}
                      {company ? `: ${company}` : ''}
                      {reason ? ` – "${reason}"` : ''}
                      {cancelled ? ` (${tx.log.visitCancelled})` : ''}
                      {notVisited ? ` (${tx.log.notVisited(notVisited)})` : ''}
                    </td>
                    <td>{e.actorName ?? tx.log.actors[e.actor] ?? e.actor}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}
