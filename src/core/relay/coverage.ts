/**
 * Coverage: how the relay's visited companies spread over industries (SNI sections), size classes
 * and areas, against the register as a whole — and which companies would fill the gaps. Pure.
 */

export type Dimension = 'sniSection' | 'sizeClass' | 'area';
export const DIMENSIONS: Dimension[] = ['sniSection', 'sizeClass', 'area'];

export interface CoverageCompany {
  id: string;
  name: string;
  sniSection: string | null;
  sizeClass: number | null;
  area: string | null;
}

export interface CoverageRow {
  key: string;
  relay: number;
  register: number;
  relayShare: number;
  registerShare: number;
  /** registerShare − relayShare: positive where the relay reaches too few. */
  gap: number;
}

/** SCB size class 2 (1–4 employees): most of a municipality's firms, and the ones a chain tends to miss. */
export const SMALL_FIRM_SIZE_CLASS = 2;
export const UNKNOWN = '?';

export function keyOf(c: CoverageCompany, d: Dimension): string {
  switch (d) {
    case 'sniSection':
      return c.sniSection || UNKNOWN;
    case 'sizeClass':
      return c.sizeClass === null || c.sizeClass === 0 ? UNKNOWN : String(c.sizeClass);
    case 'area':
      return c.area || UNKNOWN;
  }
}

function tally(items: CoverageCompany[], d: Dimension): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of items) m.set(keyOf(c, d), (m.get(keyOf(c, d)) ?? 0) + 1);
  return m;
}

/** Register counts per key can come from an aggregate query instead of every company. */
export function coverageRows(
  relayCompanies: CoverageCompany[],
  registerCounts: Map<string, number>,
  d: Dimension,
): CoverageRow[] {
  const relay = tally(relayCompanies, d);
  const relayTotal = relayCompanies.length;
  const registerTotal = [...registerCounts.values()].reduce((a, b) => a + b, 0);
  const keys = new Set([...registerCounts.keys(), ...relay.keys()]);
  const rows = [...keys].map((key) => {
    const r = relay.get(key) ?? 0;
    const g = registerCounts.get(key) ?? 0;
    const relayShare = relayTotal ? r / relayTotal : 0;
    const registerShare = registerTotal ? g / registerTotal : 0;
    return { key, relay: r, register: g, relayShare, registerShare, gap: registerShare - relayShare };
  });
  return rows.sort((a, b) =>
    d === 'sizeClass'
      ? sizeOrder(a.key) - sizeOrder(b.key)
      : b.register - a.register || a.key.localeCompare(b.key, 'sv'),
  );
}

const sizeOrder = (k: string) => (k === UNKNOWN ? 1000 : Number(k));

/**
 * Companies the relay has not reached, best gap-fillers first: each candidate scores the sum of
 * the gaps of its section, size class and area (a candidate in three under-reached segments
 * beats one in a single segment). Ties go to the name, so the list is stable.
 */
export function suggestGapFillers(
  candidates: CoverageCompany[],
  rowsByDimension: Record<Dimension, CoverageRow[]>,
  limit: number,
): Array<CoverageCompany & { score: number; reasons: Dimension[] }> {
  const gapOf = Object.fromEntries(
    DIMENSIONS.map((d) => [d, new Map(rowsByDimension[d].map((r) => [r.key, r.gap]))]),
  ) as Record<Dimension, Map<string, number>>;
  const collator = new Intl.Collator('sv');
  return candidates
    .map((c) => {
      const reasons: Dimension[] = [];
      let score = 0;
      for (const d of DIMENSIONS) {
        const g = gapOf[d].get(keyOf(c, d)) ?? 0;
        if (keyOf(c, d) !== UNKNOWN && g > 0) {
          score += g;
          reasons.push(d);
        }
      }
      return { ...c, score, reasons };
    })
    .sort((a, b) => b.score - a.score || collator.compare(a.name, b.name))
    .slice(0, limit);
}
