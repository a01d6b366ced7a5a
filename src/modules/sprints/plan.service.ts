import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Executor } from '../../db/database';
import { AppError, conflict, notFound, validation, type ErrorDetail } from '../../server/errors';
import {
  checkSchedule,
  FixedVisitsInfeasibleError,
  solve,
  type Instance,
  type Violation,
  type Visit,
} from '../../scheduler';
import type { Board, PlanVisit } from '../../contracts/sprints';
import {
  listParticipantRows,
  listPeopleByIds,
  listPublishedRows,
  listRegistrationRows,
  updateSprintVersioned,
  findSprintRow,
  type ParticipantRow,
  type RegistrationRow,
} from './sprint.repository';
import { loadSprint, sprintView, stale } from './sprint.service';
import { buildInstance, humanizer, violationKey } from './plan.instance';
import type { SprintData, StoredPlan } from './sprint.model';
import { snapshotOf } from './publish.snapshot';

export interface PlanContext {
  s: SprintData;
  participants: ParticipantRow[];
  regs: RegistrationRow[];
  instance: Instance;
  missingPositions: RegistrationRow[];
}

export async function planContext(
  db: Executor,
  municipalityId: string,
  sprintId: string,
): Promise<PlanContext> {
  const s = await loadSprint(db, municipalityId, sprintId);
  const participants = await listParticipantRows(db, sprintId);
  const regs = await listRegistrationRows(db, sprintId);
  const { instance, missingPositions } = buildInstance(s, participants, regs);
  return { s, participants, regs, instance, missingPositions };
}

const MISSING_POSITION_SV = 'Besöksadressen saknar position. Ange den innan schemaläggningen.';
const MISSING_POSITION_EN = 'The visiting address has no position. Set it before scheduling.';

type ChangedSinceRun = Board['changedSinceRun'][number];

/**
 * What a scheduling run planned from, kept with its plan (in the plan's JSON: plans made before
 * it have none): a digest of each active registration's part of the scheduler's input, of the
 * participants' and of the day's. The run's bounds and reasons hold for what it saw; the board
 * compares this with what is there now to say whether they still do.
 */
interface RunBasis {
  /** Each active registration the run saw: a digest of its mode, position, times and topics, or 'no position'. */
  registrations: Record<string, string>;
  participants: string;
  day: string;
  /** The registrations the run left out: their stored reasons are the run's (a hand's are not). */
  left: string[];
}
type PlanWithBasis = StoredPlan & { basis?: RunBasis };

const digest = (x: unknown) =>
  createHash('sha256').update(JSON.stringify(x)).digest('base64url').slice(0, 22);
const NO_POSITION = 'no position';

/** The digests of what the scheduler plans from now (names left out: they are not planned from). */
function basisOf(ctx: PlanContext): Omit<RunBasis, 'left'> {
  const registrations: Record<string, string> = {};
  for (const r of ctx.instance.registrations) {
    registrations[r.id] = digest([r.mode, r.location ?? null, r.available, r.topics]);
  }
  for (const r of ctx.missingPositions) registrations[r.id] = NO_POSITION;
  const participants = [...ctx.instance.staff]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((p) => [p.id, p.group, p.party ?? null, p.expertise, p.available, p.maxVisits ?? null]);
  return {
    registrations,
    participants: digest(participants),
    day: digest([ctx.instance.day, ctx.instance.slots, ctx.instance.rules]),
  };
}

/**
 * What changed since the plan's last run in what the scheduler plans from. A plan made before
 * runs kept their basis is judged by the registrations' own times: one written since the run.
 */
function changesSinceRun(
  ctx: PlanContext,
  plan: PlanWithBasis,
  now: Omit<RunBasis, 'left'>,
): { kinds: ChangedSinceRun[]; registration: (r: RegistrationRow) => boolean } {
  const solvedAt = plan.solvedAt;
  if (solvedAt === null) return { kinds: [], registration: () => false };
  const basis = plan.basis;
  if (!basis) {
    const since = (r: RegistrationRow) => r.created_at > solvedAt || r.updated_at > solvedAt;
    return {
      kinds: ctx.regs.some(since) ? ['registrations'] : [],
      registration: since,
    };
  }
  const ids = new Set([...Object.keys(basis.registrations), ...Object.keys(now.registrations)]);
  const kinds: ChangedSinceRun[] = [];
  if ([...ids].some((id) => basis.registrations[id] !== now.registrations[id])) kinds.push('registrations');
  if (basis.participants !== now.participants) kinds.push('participants');
  if (basis.day !== now.day) kinds.push('day');
  return { kinds, registration: (r) => basis.registrations[r.id] !== now.registrations[r.id] };
}

/** A team member who can no longer take part: deactivated since (and perhaps taken off the roster). */
export interface AbsentMember {
  registration: string;
  companyName: string;
  userId: string;
  name: string;
  inactive: boolean;
}

/**
 * The members of the plan's teams (of active registrations) who are not among the sprint's active
 * participants: they are sent nothing, and the visit needs another member before it is sent.
 */
export async function absentMembers(
  db: Executor,
  ctx: PlanContext,
  visits: PlanVisit[],
): Promise<AbsentMember[]> {
  const staffIds = new Set(ctx.instance.staff.map((p) => p.id));
  const regs = new Map(ctx.regs.filter((r) => !r.withdrawn_at).map((r) => [r.id, r]));
  const found = visits.flatMap((v) =>
    regs.has(v.registration)
      ? v.team.filter((m) => !staffIds.has(m)).map((m) => ({ registration: v.registration, userId: m }))
      : [],
  );
  if (!found.length) return [];
  const people = new Map(
    (
      await listPeopleByIds(
        db,
        found.map((f) => f.userId),
      )
    ).map((p) => [p.id, p]),
  );
  return found.map((f) => ({
    ...f,
    companyName: regs.get(f.registration)!.company_name,
    name: people.get(f.userId)?.name ?? '(okänd)',
    inactive: people.get(f.userId)?.active !== 1,
  }));
}

/** The board's and the publication's words for an absent member, by company like the other problems. */
export function absentDetails(absent: AbsentMember[]): ErrorDetail[] {
  return absent.map((a) => ({
    path: a.companyName,
    message: a.inactive
      ? `${a.name} är inte längre aktiv i personalen och kan inte vara med. Byt ut hen i laget innan dagen skickas ut.`
      : `${a.name} är inte längre med bland sprintens deltagare. Byt ut hen i laget innan dagen skickas ut.`,
  }));
}

/** The plan's visits the scheduler can reason about (the registration is still active and placeable). */
function known(ctx: PlanContext, visits: PlanVisit[]): PlanVisit[] {
  const ids = new Set(ctx.instance.registrations.map((r) => r.id));
  return visits.filter((v) => ids.has(v.registration));
}

/**
 * Runs the scheduler on the sprint: pinned visits are kept (`fixed`), everything else is planned
 * anew. Refused with the rules in words when the pins themselves cannot be staffed.
 */
export async function runScheduler(
  db: Executor,
  municipalityId: string,
  sprintId: string,
  input: { version: number; seed?: number },
  now: Date,
): Promise<Board> {
  const ctx = await planContext(db, municipalityId, sprintId);
  if (ctx.s.row.version !== input.version) throw stale();
  if (ctx.s.row.status === 'draft') {
    throw conflict('Öppna sprinten för anmälan innan den planeras.', [
      { path: 'status', message: 'sprinten är ett utkast' },
    ]);
  }
  if (!ctx.instance.staff.length)
    throw conflict('Välj deltagare innan schemaläggningen.', [
      { path: 'participants', message: 'inga deltagare' },
    ]);
  const slotIds = new Set(ctx.s.slots.map((x) => x.id));
  const staffIds = new Set(ctx.instance.staff.map((p) => p.id));
  // Once the day is sent, a re-run keeps every visit already sent where it is (as if pinned):
  // only what the admin unpins or changes moves, so companies are not sent a new day by surprise.
  const sent = new Set(
    (await listPublishedRows(db, sprintId)).filter((p) => p.cancelled === 0).map((p) => p.registration_id),
  );
  const pins = known(ctx, ctx.s.plan.visits).filter(
    (v) => (v.pinned || sent.has(v.registration)) && slotIds.has(v.slot),
  );
  const instance: Instance = {
    ...ctx.instance,
    fixed: pins.map((v) => ({
      registration: v.registration,
      slot: v.slot,
      team: v.team.filter((m) => staffIds.has(m)),
    })),
  };
  let result;
  try {
    result = solve(instance, { seed: input.seed ?? 1, timeLimitMs: 10_000, now: () => performance.now() });
  } catch (err) {
    if (err instanceof FixedVisitsInfeasibleError) {
      throw new AppError(
        'INFEASIBLE',
        'De låsta besöken går inte att bemanna. Lås upp eller ändra dem.',
        violationDetails(err.violations, ctx.regs, ctx.participants, ctx.s.slots),
      );
    }
    throw err;
  }
  const pinned = new Set(pins.filter((p) => p.pinned).map((p) => p.registration));
  const human = humanizer(ctx.regs, ctx.participants, ctx.s.slots);
  const plan: StoredPlan = {
    ...ctx.s.plan,
    visits: result.visits.map((v) => ({ ...v, pinned: pinned.has(v.registration) })),
    unscheduled: [
      ...result.unscheduled.map((u) => ({
        registration: u.registration,
        reason: human(u.reason),
        reasonSv: human(u.reasonSv),
      })),
      ...ctx.missingPositions.map((r) => ({
        registration: r.id,
        reason: MISSING_POSITION_EN,
        reasonSv: MISSING_POSITION_SV,
      })),
    ],
    bound: result.bound,
    coverageBound: result.coverageBound,
    solvedAt: now.toISOString(),
  };
  const saved: PlanWithBasis = {
    ...plan,
    basis: { ...basisOf(ctx), left: plan.unscheduled.map((u) => u.registration) },
  };
  await savePlan(db, ctx, input.version, saved, now);
  return getBoard(db, municipalityId, sprintId);
}

async function savePlan(
  db: Executor,
  ctx: PlanContext,
  version: number,
  plan: StoredPlan,
  now: Date,
): Promise<void> {
  const status = ctx.s.row.status === 'published' ? 'published' : 'planned';
  const ok = await updateSprintVersioned(db, ctx.s.row.id, version, {
    plan: JSON.stringify(plan),
    status,
    updated_at: now.toISOString(),
  });
  if (!ok) throw stale();
}

export function violationDetails(
  violations: Violation[],
  regs: RegistrationRow[],
  participants: ParticipantRow[],
  slots: Array<{ id: string; start: string; end: string }> = [],
): ErrorDetail[] {
  return violationMessages(violations, regs, participants, slots).map((d) => ({
    path: d.path,
    message: d.message,
  }));
}

/** Each broken rule once, by company, in Swedish (`message`) and in English (`messageEn`). */
function violationMessages(
  violations: Violation[],
  regs: RegistrationRow[],
  participants: ParticipantRow[],
  slots: Array<{ id: string; start: string; end: string }>,
): Array<{ path: string; message: string; messageEn: string }> {
  const names = new Map(regs.map((r) => [r.id, r.company_name]));
  const human = humanizer(regs, participants, slots);
  const seen = new Set<string>();
  const out: Array<{ path: string; message: string; messageEn: string }> = [];
  for (const v of violations) {
    const key = `${v.registration}|${v.messageSv}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      path: names.get(v.registration) ?? v.registration,
      message: `Regel ${v.ruleNumber}: ${human(v.messageSv)}`,
      messageEn: `Rule ${v.ruleNumber}: ${human(v.message)}`,
    });
  }
  return out;
}

const toVisits = (vs: PlanVisit[]): Visit[] =>
  vs.map((v) => ({ registration: v.registration, slot: v.slot, team: v.team }));

/**
 * Applies a manual change to the plan. The whole plan is checked against the hard rules; a change
 * that breaks one (that was not already broken) is refused with the rule said in words.
 */
async function applyChange(
  db: Executor,
  municipalityId: string,
  sprintId: string,
  version: number,
  now: Date,
  change: (visits: PlanVisit[], ctx: PlanContext) => { visits: PlanVisit[]; touched: string },
): Promise<Board> {
  const ctx = await planContext(db, municipalityId, sprintId);
  if (ctx.s.row.version !== version) throw stale();
  if (!ctx.s.row.plan) throw conflict('Kör schemaläggningen först.', []);
  const before = known(ctx, ctx.s.plan.visits);
  const { visits, touched } = change(ctx.s.plan.visits, ctx);
  const after = known(ctx, visits);
  // A visit with someone no longer taking part breaks rules for want of them: once changed, it is
  // checked as new, so that whoever replaces them meets the rules (not just the rules already broken).
  const staffIds = new Set(ctx.instance.staff.map((p) => p.id));
  const afterOf = new Map(after.map((v) => [v.registration, v]));
  const unchanged = (v: PlanVisit) => {
    const a = afterOf.get(v.registration);
    return a !== undefined && a.slot === v.slot && [...a.team].sort().join() === [...v.team].sort().join();
  };
  const baseline = before.filter((v) => v.team.every((m) => staffIds.has(m)) || unchanged(v));
  const existing = new Set(checkSchedule(ctx.instance, toVisits(baseline)).map(violationKey));
  const fresh = checkSchedule(ctx.instance, toVisits(after)).filter((v) => !existing.has(violationKey(v)));
  if (fresh.length) {
    const details = violationDetails(fresh, ctx.regs, ctx.participants, ctx.s.slots);
    throw new AppError('INFEASIBLE', `Ändringen bryter mot reglerna: ${details[0]!.message}`, details);
  }
  const inPlan = new Set(visits.map((v) => v.registration));
  const unscheduled = ctx.s.plan.unscheduled.filter((u) => !inPlan.has(u.registration));
  if (!inPlan.has(touched) && !unscheduled.some((u) => u.registration === touched)) {
    unscheduled.push({
      registration: touched,
      reason: 'Taken out of the plan by hand.',
      reasonSv: 'Togs bort ur planen för hand.',
    });
  }
  // A visit changed by hand is no longer the run's: should it leave the plan, its reason is the hand's.
  const { basis } = ctx.s.plan as PlanWithBasis;
  const plan: PlanWithBasis = {
    ...ctx.s.plan,
    visits,
    unscheduled,
    ...(basis ? { basis: { ...basis, left: basis.left.filter((r) => r !== touched) } } : {}),
  };
  await savePlan(db, ctx, version, plan, now);
  return getBoard(db, municipalityId, sprintId);
}

function findVisit(visits: PlanVisit[], registration: string): PlanVisit {
  const v = visits.find((x) => x.registration === registration);
  if (!v) throw notFound('Besöket i planen');
  return v;
}

export async function editVisit(
  db: Executor,
  municipalityId: string,
  sprintId: string,
  registration: string,
  input: { version: number; slot?: string; team?: string[]; pinned?: boolean },
  now: Date,
): Promise<Board> {
  return applyChange(db, municipalityId, sprintId, input.version, now, (visits, ctx) => {
    const v = findVisit(visits, registration);
    if (input.slot && !ctx.s.slots.some((x) => x.id === input.slot))
      throw validation([{ path: 'slot', message: 'okänd tid' }]);
    const next: PlanVisit = {
      ...v,
      ...(input.slot ? { slot: input.slot } : {}),
      ...(input.team ? { team: [...new Set(input.team)] } : {}),
      // A visit changed by hand is a decision a person made: it is pinned unless said otherwise.
      pinned: input.pinned ?? (input.slot !== undefined || input.team !== undefined ? true : v.pinned),
    };
    return { visits: visits.map((x) => (x.registration === registration ? next : x)), touched: registration };
  });
}

export async function addVisit(
  db: Executor,
  municipalityId: string,
  sprintId: string,
  input: { version: number; registration: string; slot: string; team: string[] },
  now: Date,
): Promise<Board> {
  return applyChange(db, municipalityId, sprintId, input.version, now, (visits, ctx) => {
    if (!ctx.instance.registrations.some((r) => r.id === input.registration)) {
      const missing = ctx.missingPositions.some((r) => r.id === input.registration);
      throw validation([
        { path: 'registration', message: missing ? MISSING_POSITION_SV : 'ingen aktiv anmälan med det id:t' },
      ]);
    }
    if (visits.some((v) => v.registration === input.registration)) {
      throw conflict('Företaget har redan ett besök i planen.', [
        { path: 'registration', message: 'redan i planen' },
      ]);
    }
    if (!ctx.s.slots.some((x) => x.id === input.slot))
      throw validation([{ path: 'slot', message: 'okänd tid' }]);
    return {
      visits: [
        ...visits,
        { registration: input.registration, slot: input.slot, team: [...new Set(input.team)], pinned: true },
      ],
      touched: input.registration,
    };
  });
}

export async function dropVisit(
  db: Executor,
  municipalityId: string,
  sprintId: string,
  registration: string,
  version: number,
  now: Date,
): Promise<Board> {
  return applyChange(db, municipalityId, sprintId, version, now, (visits) => {
    findVisit(visits, registration);
    return { visits: visits.filter((v) => v.registration !== registration), touched: registration };
  });
}

/** The day as a board: slots across, the visits with their teams and topics, and who was left out. */
export async function getBoard(db: Executor, municipalityId: string, sprintId: string): Promise<Board> {
  const ctx = await planContext(db, municipalityId, sprintId);
  const regs = new Map(ctx.regs.map((r) => [r.id, r]));
  const people = new Map(ctx.participants.map((p) => [p.user_id, p]));
  const active = (id: string) => regs.has(id) && regs.get(id)!.withdrawn_at === null;
  const absent = await absentMembers(db, ctx, ctx.s.plan.visits);
  const absentNames = new Map(absent.map((a) => [a.userId, a.name]));
  const visits = ctx.s.plan.visits
    .filter((v) => active(v.registration))
    .map((v) => {
      const r = regs.get(v.registration)!;
      const topics = JSON.parse(r.topics) as string[];
      const team = v.team.map((id) => {
        const p = people.get(id);
        return {
          id,
          name: p?.name ?? absentNames.get(id) ?? '(inte med längre)',
          title: p?.title ?? '',
          group: p?.staff_group ?? '',
        };
      });
      const expertise = new Set(
        v.team.flatMap((id) => (people.get(id) ? (JSON.parse(people.get(id)!.expertise) as string[]) : [])),
      );
      return {
        registration: v.registration,
        companyName: r.company_name,
        mode: r.mode as 'digital' | 'physical',
        slot: v.slot,
        team,
        topics,
        topicsCovered: topics.filter((t) => expertise.has(t)),
        pinned: v.pinned,
      };
    });
  const plan: PlanWithBasis = ctx.s.plan;
  const changed = changesSinceRun(ctx, plan, basisOf(ctx));
  const inPlan = new Set(plan.visits.map((v) => v.registration));
  const stored = new Map(plan.unscheduled.map((u) => [u.registration, u]));
  // The run's reasons (not a hand's) hold as long as the registration is as the run saw it. A plan
  // made before runs kept their basis does not tell them apart: any of its reasons may be the run's.
  const left = new Set(plan.basis ? plan.basis.left : stored.keys());
  const missing = new Set(ctx.missingPositions.map((m) => m.id));
  const reasonOf = (r: RegistrationRow): { sv: string; en: string | null } => {
    const u = stored.get(r.id);
    const current = u && !(left.has(r.id) && changed.registration(r));
    if (u && current) return { sv: u.reasonSv, en: englishOf(u) };
    if (missing.has(r.id)) return { sv: MISSING_POSITION_SV, en: MISSING_POSITION_EN };
    if (!ctx.s.row.plan) return { sv: 'Inte planerad än.', en: 'Not planned yet.' };
    if (u) {
      return {
        sv: 'Anmälan har ändrats sedan den senaste schemaläggningen. Schemalägg igen för att se om den får ett besök.',
        en: 'The registration has changed since the last scheduling run. Schedule again to see whether it gets a visit.',
      };
    }
    return {
      sv: 'Anmäld efter den senaste schemaläggningen.',
      en: 'Registered after the last scheduling run.',
    };
  };
  const unscheduled = ctx.regs
    .filter((r) => active(r.id) && !inPlan.has(r.id))
    .map((r) => {
      const reason = reasonOf(r);
      return { registration: r.id, companyName: r.company_name, reason: reason.sv, reasonEn: reason.en };
    });
  const published = await listPublishedRows(db, sprintId);
  return {
    sprint: await sprintView(db, (await findSprintRow(db, sprintId))!),
    slots: ctx.s.slots,
    visits,
    unscheduled,
    missingPositions: ctx.missingPositions.map((r) => ({
      registration: r.id,
      companyName: r.company_name,
      visitAddress: r.visit_address,
    })),
    bound: plan.bound,
    coverageBound: plan.coverageBound ?? null,
    solvedAt: plan.solvedAt,
    changedSinceRun: changed.kinds,
    pendingChanges: ctx.s.row.published_at ? pendingChanges(ctx, published) : 0,
    problems: [
      ...absentDetails(absent).map((d, i) => ({ ...d, messageEn: absentEn(absent[i]!) })),
      // A visit with an absent member is checked once the member is replaced.
      ...violationMessages(
        checkSchedule(
          ctx.instance,
          toVisits(
            known(ctx, plan.visits).filter((v) => !absent.some((a) => a.registration === v.registration)),
          ),
        ),
        ctx.regs,
        ctx.participants,
        ctx.s.slots,
      ),
    ],
  };
}

/**
 * A stored reason's English as the board shows it, as a sentence ("taken out of the plan by hand"
 * → "Taken out of the plan by hand"); none where it does not say what the Swedish says (plans
 * from before a change of the day stored its reason in English only as "the day changed").
 */
function englishOf(u: StoredPlan['unscheduled'][number]): string | null {
  const text = u.reason;
  if (!text || text === 'the day changed') return null;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function absentEn(a: AbsentMember): string {
  return a.inactive
    ? `${a.name} is no longer active staff and cannot take part. Replace them on the team before the day is sent.`
    : `${a.name} is no longer among the sprint's participants. Replace them on the team before the day is sent.`;
}

/** How many companies would be sent something if the plan were published now. */
function pendingChanges(
  ctx: PlanContext,
  published: Array<{ registration_id: string; snapshot: string; cancelled: number }>,
): number {
  const pub = new Map(published.map((p) => [p.registration_id, p]));
  const regs = new Map(ctx.regs.map((r) => [r.id, r]));
  let n = 0;
  const planned = new Set<string>();
  for (const v of ctx.s.plan.visits) {
    const r = regs.get(v.registration);
    if (!r || r.withdrawn_at) continue;
    planned.add(v.registration);
    const p = pub.get(v.registration);
    if (!p || p.cancelled || p.snapshot !== JSON.stringify(snapshotOf(ctx.s, v, r))) n++;
  }
  for (const p of published) if (!p.cancelled && !planned.has(p.registration_id)) n++;
  return n;
}
