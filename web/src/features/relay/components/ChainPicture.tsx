import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/Button';
import type { Chain, Leg, Nomination } from '../api/types';
import { formatDate, useTexts, type RelayTexts } from '../texts';

const ROW = 36;
const LANE = 28;
const PAD = 16;
/** Rows shown before "show all": enough for a year or two of a relay, small enough to read. */
const LATEST = 60;
/** Narrower than the picture at its own size (45rem, and the page's margins): the list opens at once. */
const NARROW = '(max-width: 47rem)';

type Row = { kind: 'leg'; leg: Leg } | { kind: 'nom'; nom: Nomination };

/**
 * The chain as a vertical timeline, newest at the bottom: one lane per baton, a dot per leg
 * (filled when visited), a line to the leg it came from (curving across lanes where a chain
 * branches), and a cross beside a leg for each invitation that was declined or went unanswered
 * (the baton handed back). Long chains show their latest rows, with a button to show all; the
 * same chain is also given as an ordered list for screen readers and keyboard users. The picture is
 * never drawn smaller than its own size (its text would be too small to read on a phone): a narrow
 * screen scrolls it sideways, and opens the list below it.
 */
export function ChainPicture({ chain, visitLinks }: { chain: Chain; visitLinks: boolean }) {
  const { tx, lang } = useTexts();
  const [all, setAll] = useState(false);
  const [listOpen] = useState(() => window.matchMedia(NARROW).matches);
  const { rows, lane, nameOf } = useMemo(() => layout(chain), [chain]);
  const hidden = all ? 0 : Math.max(rows.length - LATEST, 0);
  const shown = rows.slice(hidden);
  const index = new Map<string, number>();
  shown.forEach((r, i) => {
    if (r.kind === 'leg') index.set(r.leg.id, i);
  });
  const lanes = Math.max(...chain.batons.map((b) => b.number), 1);
  const textX = PAD + lanes * LANE + 12;
  const height = PAD * 2 + shown.length * ROW;
  const y = (i: number) => PAD + i * ROW + ROW / 2;
  const x = (l: number) => PAD + l * LANE + LANE / 2;

  if (!rows.length) return null;
  return (
    <figure className="relay-chain">
      {hidden > 0 ? (
        <p className="muted">
          {tx.chain.earlier(rows.slice(0, hidden).filter((r) => r.kind === 'leg').length)}
        </p>
      ) : null}
      {rows.length > LATEST ? (
        <p>
          <Button variant="secondary" onClick={() => setAll((v) => !v)} aria-expanded={all}>
            {all ? tx.chain.showLatest : tx.chain.showAll(rows.filter((r) => r.kind === 'leg').length)}
          </Button>
        </p>
      ) : null}
      <div className="relay-chain__scroll" role="region" aria-label={tx.chain.picture} tabIndex={0}>
        <svg
          role="img"
          aria-label={tx.chain.label(chain.legs.length)}
          width="100%"
          height={height}
          viewBox={`0 0 720 ${height}`}
          preserveAspectRatio="xMinYMin meet"
        >
          {shown.map((r, i) => {
            if (r.kind === 'leg') {
              const prev = r.leg.previousLegId;
              const pi = prev ? index.get(prev) : undefined;
              const l = lane.get(r.leg.batonId) ?? 0;
              if (prev && pi !== undefined) {
                const pl = lane.get(chain.legs.find((g) => g.id === prev)?.batonId ?? '') ?? l;
                const d =
                  pl === l
                    ? `M${x(l)},${y(pi)} L${x(l)},${y(i)}`
                    : // A branch leaves its origin sideways, then runs down its own lane.
                      `M${x(pl)},${y(pi)} Q${x(l)},${y(pi)} ${x(l)},${y(pi) + ROW / 2} L${x(l)},${y(i)}`;
                return <path key={`e${r.leg.id}`} d={d} fill="none" stroke="#52606d" strokeWidth={2} />;
              }
              if (prev && pi === undefined && i === 0) {
                return (
                  <path
                    key={`e${r.leg.id}`}
                    d={`M${x(l)},0 L${x(l)},${y(i)}`}
                    stroke="#52606d"
                    strokeWidth={2}
                    strokeDasharray="2 4"
                  />
                );
              }
              return null;
            }
            const fi = index.get(r.nom.fromLegId);
            const fromLeg = chain.legs.find((g) => g.id === r.nom.fromLegId);
            const l = lane.get(fromLeg?.batonId ?? '') ?? 0;
            if (fi === undefined) return null;
            return (
              <path
                key={`n${r.nom.id}`}
                d={`M${x(l)},${y(fi)} Q${x(l) + LANE},${y(fi)} ${x(l) + LANE / 2},${y(i)}`}
                fill="none"
                stroke="#9aa5b1"
                strokeWidth={1.5}
                strokeDasharray="4 3"
              />
            );
          })}
          {shown.map((r, i) => {
            if (r.kind === 'leg') {
              const l = lane.get(r.leg.batonId) ?? 0;
              const visited = r.leg.visitedAt !== null;
              return (
                <g key={r.leg.id}>
                  <circle
                    cx={x(l)}
                    cy={y(i)}
                    r={8}
                    fill={visited ? '#1f5f8b' : '#ffffff'}
                    stroke="#1f5f8b"
                    strokeWidth={2.5}
                  />
                  <text x={textX} y={y(i) + 5} fontSize={14} fill="#1f2933">
                    {`${r.leg.seq}. ${r.leg.company.name} – ${legStatus(r.leg, tx, lang)}`}
                  </text>
                </g>
              );
            }
            const fromLeg = chain.legs.find((g) => g.id === r.nom.fromLegId);
            const l = lane.get(fromLeg?.batonId ?? '') ?? 0;
            const cx = x(l) + LANE / 2;
            return (
              <g key={r.nom.id}>
                {r.nom.status === 'invited' ? (
                  <circle
                    cx={cx}
                    cy={y(i)}
                    r={6}
                    fill="#fff"
                    stroke="#b8860b"
                    strokeWidth={2}
                    strokeDasharray="3 2"
                  />
                ) : (
                  <path
                    d={`M${cx - 6},${y(i) - 6} L${cx + 6},${y(i) + 6} M${cx + 6},${y(i) - 6} L${cx - 6},${y(i) + 6}`}
                    stroke="#a61b1b"
                    strokeWidth={2.5}
                  />
                )}
                <text x={textX} y={y(i) + 5} fontSize={13} fill="#52606d">
                  {`${r.nom.company.name} – ${nomStatus(r.nom, tx)}`}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="muted">{tx.chain.legend}</figcaption>
      <details open={listOpen}>
        <summary>{tx.chain.asList}</summary>
        <ol>
          {rows.map((r) =>
            r.kind === 'leg' ? (
              <li key={r.leg.id}>
                {r.leg.company.name} – {legStatus(r.leg, tx, lang)}
                {r.leg.previousLegId ? ` (${tx.chain.nominatedBy(nameOf(r.leg.previousLegId))})` : ''}
                {visitLinks && r.leg.visitId ? (
                  <>
                    {' – '}
                    <Link to={`/besok/${r.leg.visitId}`}>{tx.page.openVisit}</Link>
                  </>
                ) : null}
              </li>
            ) : (
              <li key={r.nom.id}>
                {r.nom.company.name} – {nomStatus(r.nom, tx)} ({tx.chain.nominatedBy(nameOf(r.nom.fromLegId))}
                )
              </li>
            ),
          )}
        </ol>
      </details>
    </figure>
  );
}

function legStatus(leg: Leg, tx: RelayTexts, lang: 'sv' | 'en'): string {
  if (leg.visitedAt) return tx.chain.visitedOn(formatDate(leg.visitedAt, lang));
  if (leg.visitStartsAt) return tx.chain.bookedFor(formatDate(leg.visitStartsAt, lang));
  return tx.chain.toBook;
}

function nomStatus(n: Nomination, tx: RelayTexts): string {
  switch (n.status) {
    case 'declined':
      return tx.chain.declined;
    case 'expired':
      return tx.chain.expired;
    case 'withdrawn':
      return tx.chain.withdrawn;
    case 'invited':
      return tx.chain.invited;
    case 'not_visited':
      return tx.chain.notVisited;
    case 'accepted':
      return '';
  }
}

/** Rows in the order things happened: each leg, then the invitations from it that did not become a leg. */
function layout(chain: Chain) {
  const lane = new Map(chain.batons.map((b) => [b.id, b.number - 1]));
  const names = new Map(chain.legs.map((l) => [l.id, l.company.name]));
  const open = new Map<string, Nomination[]>();
  for (const n of chain.nominations) {
    if (n.status === 'accepted') continue;
    open.set(n.fromLegId, [...(open.get(n.fromLegId) ?? []), n]);
  }
  const rows: Row[] = [];
  for (const leg of chain.legs) {
    rows.push({ kind: 'leg', leg });
    for (const nom of open.get(leg.id) ?? []) rows.push({ kind: 'nom', nom });
  }
  return { rows, lane, nameOf: (id: string) => names.get(id) ?? '' };
}
