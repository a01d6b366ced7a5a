import { QueryError } from '../../../components/QueryError';
import { Spinner } from '../../../components/Spinner';
import { TableWrap } from '../../../components/TableWrap';
import type { Coverage } from '../api/types';
import { useCoverage } from '../api/programmes';
import { useTexts } from '../texts';

const pct = (v: number) => `${Math.round(v * 100)} %`;

/** The relay's visited companies against the register, by industry, size class and town. */
export function CoverageTables({ programmeId }: { programmeId: string }) {
  const { tx } = useTexts();
  const q = useCoverage(programmeId);
  if (q.isPending) return <Spinner />;
  if (q.isError) return <QueryError error={q.error} />;
  const c = q.data;
  const table = (title: string, rows: Coverage['sizeClass'], highlight?: (key: string) => boolean) => (
    <TableWrap label={title}>
      <table className="summary-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{tx.coverage.key}</th>
            <th scope="col">{tx.coverage.relay}</th>
            <th scope="col">{tx.coverage.register}</th>
            <th scope="col">{tx.coverage.gap}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={highlight?.(r.key) ? 'relay-highlight' : undefined}>
              <th scope="row">
                {r.key === '?' ? tx.coverage.unknown : r.key}
                {highlight?.(r.key) ? ' ★' : ''}
              </th>
              <td>
                {r.relay} ({pct(r.relayShare)})
              </td>
              <td>
                {r.register} ({pct(r.registerShare)})
              </td>
              <td>{`${r.gap > 0 ? '+' : ''}${Math.round(r.gap * 100)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
  return (
    <>
      <p>{tx.coverage.intro(c.visited, c.register)}</p>
      <p>
        <strong>{tx.coverage.smallFirms}</strong>
      </p>
      {table(tx.coverage.sizeClass, c.sizeClass, (k) => k === '2')}
      {table(tx.coverage.sniSection, c.sniSection)}
      {table(tx.coverage.area, c.area)}
    </>
  );
}
