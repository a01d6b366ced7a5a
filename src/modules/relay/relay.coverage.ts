import type { Executor } from '../../db/database';
import {
  DIMENSIONS,
  coverageRows,
  suggestGapFillers,
  UNKNOWN,
  type CoverageCompany,
  type CoverageRow,
  type Dimension,
} from '../../core/relay/coverage';
import {
  cdb,
  filterQuery,
  findCompanies,
  registerCounts,
  toBrief,
  type RelayCompanyRow,
} from './relay.companies';
import type { GoalFilter } from '../../contracts/relay';
import * as repo from './relay.repository';
import { loadProgramme } from './relay.service';

const COLUMN: Record<Dimension, 'sni_section' | 'size_class' | 'postal_town'> = {
  sniSection: 'sni_section',
  sizeClass: 'size_class',
  area: 'postal_town',
};

const toCoverage = (c: RelayCompanyRow): CoverageCompany => ({
  id: c.id,
  name: c.name,
  sniSection: c.sni_section,
  sizeClass: c.size_class,
  area: c.postal_town,
});

/** How many register companies are scored for suggestions: enough for a municipality, bounded for a county. */
const CANDIDATE_POOL = 5000;

/**
 * The relay's visited companies against the register, by SNI section, size class and area, and
 * companies to suggest after a hand-back: not in the relay, not invited now, not declined here,
 * filling the widest gaps.
 */
export async function getCoverage(db: Executor, municipalityId: string, programmeId: string) {
  const p = await loadProgramme(db, municipalityId, programmeId);
  const visited = await repo.visitedLegs(db, p.id);
  const companies = await findCompanies(
    db,
    visited.map((v) => v.company_id),
  );
  const relay = [...companies.values()].map(toCoverage);
  const rows = {} as Record<Dimension, CoverageRow[]>;
  let registerTotal = 0;
  for (const d of DIMENSIONS) {
    const counts = new Map<string, number>();
    for (const { key, n } of await registerCounts(db, COLUMN[d])) {
      const k =
        key === null || key === '' || (d === 'sizeClass' && Number(key) === 0) ? UNKNOWN : String(key);
      counts.set(k, (counts.get(k) ?? 0) + n);
    }
    if (d === 'sniSection') registerTotal = [...counts.values()].reduce((a, b) => a + b, 0);
    rows[d] = coverageRows(relay, counts, d);
  }

  const excluded = new Set([
    ...(await repo.companiesInRelay(db, p.id)),
    ...(await repo.companiesInvitedNow(db)),
    ...(await repo.companiesDeclinedIn(db, p.id)),
  ]);
  // Candidates from the segments with the widest gaps first: the top size class and section.
  const topSize = rows.sizeClass
    .filter((r) => r.key !== UNKNOWN && r.gap > 0)
    .sort((a, b) => b.gap - a.gap)[0];
  // A municipality's register is scored whole; a larger one only in the widest size-class gap.
  // A relay whose goal is a part of the register suggests only companies in that part.
  const goal = p.goal_type === 'filter' ? (JSON.parse(p.goal_filter ?? '{}') as GoalFilter) : null;
  let q = (goal ? filterQuery(db, goal) : cdb(db).selectFrom('company'))
    .selectAll()
    .where('verified', '=', 1);
  if (topSize && registerTotal > CANDIDATE_POOL) q = q.where('size_class', '=', Number(topSize.key));
  const pool = (await q.orderBy('name_sort').limit(CANDIDATE_POOL).execute()).filter(
    (c) => !excluded.has(c.id),
  );
  const byId = new Map(pool.map((c) => [c.id, c]));
  const suggestions = suggestGapFillers(pool.map(toCoverage), rows, 10).map((s) => ({
    ...toBrief(byId.get(s.id)!),
    score: s.score,
    reasons: s.reasons,
  }));
  return {
    visited: relay.length,
    register: registerTotal,
    sniSection: rows.sniSection,
    sizeClass: rows.sizeClass,
    area: rows.area.slice(0, 30),
    suggestions,
  };
}
