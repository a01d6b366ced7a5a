import { Link } from 'react-router';
import { Alert } from '../../../components/Alert';
import { useStalled } from '../api/programmes';
import { useTexts } from '../texts';

/** For the start page: batons that have stood still longer than the pace allows. Nothing when none. */
export function StalledCard() {
  const { tx } = useTexts();
  const q = useStalled();
  const items = q.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Alert tone="warning" title={tx.stalled.title} live={false}>
      <ul>
        {items.map((s) => (
          <li key={s.batonId}>
            <Link to={`/stafett/${s.programmeId}`}>
              {tx.stalled.body(s.programmeName, s.batonNumber, s.companyName ?? '', s.days)}
            </Link>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
