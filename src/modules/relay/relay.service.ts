import type { z } from 'zod';
import type { Executor, Transaction } from '../../db/database';
import type { Mailer } from '../mail/mailer';
import { hashToken, newId, newToken } from '../../lib/ids';
import { AppError, conflict, forbidden, notFound, validation } from '../../server/errors';
import { cancelJobs, enqueueJob } from '../jobs/jobs';
import {
  assertVisitHasBegun,
  canWriteVisit,
  createVisit,
  getVisit,
  updateVisit,
  type Actor,
  type Visit,
} from '../visits/visit.service';
import {
  batonPhase,
  canNominate,
  canNominateOnBaton,
  canPutBatonInPlay,
  describeShortfall,
  invitationTimes,
  teamShortfalls,
  type BatonPhase,
  type StaffGroup,
  type TeamRule,
} from '../../core/relay/rules';
import { project, stallIntervalMs } from '../../core/relay/projection';
import type {
  BookLegBody,
  CompanyChoice,
  CreateProgrammeInput,
  GoalFilter,
  NominateInput,
  Programme,
  UpdateProgrammeInput,
  AcceptBody,
  StartBatonBody,
} from '../../contracts/relay';
import { NOMINATION_STATUSES } from '../../contracts/relay';
import * as repo from './relay.repository';
import {
  findCompanies,
  findCompany,
  findOrCreateCompany,
  countMatching,
  searchCompanies,
  toBrief,
  type RelayCompanyRow,
} from './relay.companies';
import type { RegisterReader } from '../companies/company.service';
import {
  dateTimeSv,
  handedBackToNominatorMail,
  invitationMail,
  nominateMail,
  reminderMail,
  staffNotice,
  withdrawnMail,
  type Mail,
} from './relay.emails';
import type {
  RelayBatonTable,
  RelayLegTable,
  RelayNominationTable,
  RelayProgrammeTable,
} from './relay.table';

export const JOB_REMIND = 'relay.invitation.remind';
export const JOB_EXPIRE = 'relay.invitation.expire';

/** What every state-changing relay operation needs: the transaction, the time, the outbox, who. */
export interface RelayCtx {
  trx: Transaction;
  now: Date;
  mailer: Mailer;
  publicUrl: string;
  actor: { kind: 'staff'; userId: string } | { kind: 'company' } | { kind: 'nominee' } | { kind: 'system' };
}

const actorOf = (ctx: RelayCtx) => ({
  actor: ctx.actor.kind,
  actor_user_id: ctx.actor.kind === 'staff' ? ctx.actor.userId : null,
});

export const links = {
  invitation: (base: string, token: string) => `${base.replace(/\/$/, '')}/stafett/svar/${token}`,
  nominate: (base: string, token: string) => `${base.replace(/\/$/, '')}/stafett/nominera/${token}`,
  programme: (base: string, id: string) => `${base.replace(/\/$/, '')}/stafett/${id}`,
};

// ---------------------------------------------------------------------------------------------
// Programmes

function parseRule(s: string): TeamRule {
  return JSON.parse(s) as TeamRule;
}

function goalOf(p: RelayProgrammeTable): Programme['goal'] {
  return p.goal_type === 'filter'
    ? { type: 'filter', filter: JSON.parse(p.goal_filter ?? '{}') as GoalFilter }
    : { type: 'count', count: p.goal_count ?? 0 };
}

async function goalVisits(db: Executor, p: RelayProgrammeTable): Promise<number> {
  const goal = goalOf(p);
  return goal.type === 'count' ? goal.count : countMatching(db, goal.filter);
}

function matchesFilter(c: RelayCompanyRow, f: GoalFilter): boolean {
  return (
    (!f.sniSections.length || (c.sni_section !== null && f.sniSections.includes(c.sni_section))) &&
    (!f.sizeClasses.length || f.sizeClasses.includes(c.size_class)) &&
    (!f.postalTowns.length || (c.postal_town !== null && f.postalTowns.includes(c.postal_town)))
  );
}

/** The visit dates that count towards the goal (for a filter goal, only companies matching it). */
async function countedVisitDates(db: Executor, p: RelayProgrammeTable): Promise<Date[]> {
  const legs = await repo.visitedLegs(db, p.id);
  const goal = goalOf(p);
  if (goal.type === 'count') return legs.map((l) => new Date(l.visited_at));
  const companies = await findCompanies(
    db,
    legs.map((l) => l.company_id),
  );
  return legs
    .filter((l) => {
      const c = companies.get(l.company_id);
      return c ? matchesFilter(c, goal.filter) : false;
    })
    .map((l) => new Date(l.visited_at));
}

export async function toProgramme(db: Executor, p: RelayProgrammeTable): Promise<Programme> {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    goal: goalOf(p),
    goalVisits: await goalVisits(db, p),
    targetPace: Number(p.target_pace),
    goalDate: p.goal_date,
    teamRule: parseRule(p.team_rule) as Record<string, number>,
    maxBatons: p.max_batons,
    answerDays: p.answer_days,
    publicPage: p.public_page === 1,
    status: p.status as Programme['status'],
    visitsDone: (await countedVisitDates(db, p)).length,
    batonsInPlay: await repo.countActiveBatons(db, p.id),
    createdAt: p.created_at,
  };
}

export async function loadProgramme(
  db: Executor,
  municipalityId: string,
  id: string,
): Promise<RelayProgrammeTable> {
  const p = await repo.findProgramme(db, id);
  if (!p || p.municipality_id !== municipalityId) throw notFound('Stafetten');
  return p;
}

export async function createProgramme(
  trx: Transaction,
  municipalityId: string,
  input: CreateProgrammeInput,
  userId: string | null,
  now: Date,
): Promise<Programme> {
  const id = newId();
  const row: RelayProgrammeTable = {
    id,
    municipality_id: municipalityId,
    name: input.name,
    description: input.description,
    goal_type: input.goal.type,
    goal_count: input.goal.type === 'count' ? input.goal.count : null,
    goal_filter: input.goal.type === 'filter' ? JSON.stringify(input.goal.filter) : null,
    target_pace: input.targetPace,
    goal_date: input.goalDate,
    team_rule: JSON.stringify(input.teamRule),
    max_batons: input.maxBatons,
    answer_days: input.answerDays,
    public_page: input.publicPage ? 1 : 0,
    status: 'active',
    created_by: userId,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await repo.insertProgramme(trx, row);
  await repo.appendEvent(trx, {
    programme_id: id,
    baton_id: null,
    leg_id: null,
    nomination_id: null,
    kind: 'programme_created',
    actor: userId ? 'staff' : 'system',
    actor_user_id: userId,
    at: now.toISOString(),
    detail: { name: input.name },
  });
  return toProgramme(trx, row);
}

export async function updateProgramme(
  ctx: RelayCtx,
  municipalityId: string,
  id: string,
  input: UpdateProgrammeInput,
): Promise<Programme> {
  const { trx, now } = ctx;
  const userId = ctx.actor.kind === 'staff' ? ctx.actor.userId : null;
  await loadProgramme(trx, municipalityId, id);
  const patch: Partial<RelayProgrammeTable> = { updated_at: now.toISOString() };
  if (input.name !== undefined) patch.name = input.name;
  if (input.description !== undefined) patch.description = input.description;
  if (input.goal) {
    patch.goal_type = input.goal.type;
    patch.goal_count = input.goal.type === 'count' ? input.goal.count : null;
    patch.goal_filter = input.goal.type === 'filter' ? JSON.stringify(input.goal.filter) : null;
  }
  if (input.targetPace !== undefined) patch.target_pace = input.targetPace;
  if (input.goalDate !== undefined) patch.goal_date = input.goalDate;
  if (input.teamRule !== undefined) patch.team_rule = JSON.stringify(input.teamRule);
  if (input.maxBatons !== undefined) patch.max_batons = input.maxBatons;
  if (input.answerDays !== undefined) patch.answer_days = input.answerDays;
  if (input.publicPage !== undefined) patch.public_page = input.publicPage ? 1 : 0;
  if (input.status !== undefined) patch.status = input.status;
  // The update locks the row: a nomination or a baton started at the same moment (which lock it
  // first) lands wholly before the closing, or sees the relay closed.
  await repo.updateProgrammeRow(trx, id, patch);
  const withdrawn: string[] = [];
  const ended: string[] = [];
  if (input.status === 'closed') {
    // A closed relay takes no answers and names no one: its batons in play end (their open
    // invitations withdrawn with their reminders and time-outs, the companies told; a booked visit
    // is kept, see finishBaton), and its companies' links to name the next are spent.
    const p = (await repo.findProgramme(trx, id))!;
    for (const b of await repo.listBatons(trx, id)) {
      if (b.status !== 'active') continue;
      const open = await finishBaton(ctx, p, b, 'Stafetten är avslutad.', 'closed');
      if (open) withdrawn.push(open);
      ended.push(b.id);
    }
    // An invitation on no baton in play (left open before closing ended batons): withdrawn too.
    for (const n of await repo.openNominations(trx, id)) {
      if (await withdrawInvitation(ctx, n, 'closed')) withdrawn.push(n.id);
    }
    await repo.clearNominateLinks(trx, id, now.toISOString());
  }
  await repo.appendEvent(trx, {
    programme_id: id,
    baton_id: null,
    leg_id: null,
    nomination_id: null,
    kind: 'programme_updated',
    actor: 'staff',
    actor_user_id: userId,
    at: now.toISOString(),
    detail: {
      fields: Object.keys(input),
      ...(withdrawn.length ? { withdrawnInvitations: withdrawn } : {}),
      ...(ended.length ? { endedBatons: ended } : {}),
    },
  });
  return toProgramme(trx, (await repo.findProgramme(trx, id))!);
}

export async function listProgrammes(db: Executor, municipalityId: string): Promise<Programme[]> {
  const rows = await repo.listProgrammeRows(db, municipalityId);
  return Promise.all(rows.map((r) => toProgramme(db, r)));
}

// ---------------------------------------------------------------------------------------------
// Where each baton is

/** A leg waits for booking when it has no visit, or its visit was cancelled (in the visit's own page). */
async function legNeedsBooking(db: Executor, leg: RelayLegTable): Promise<boolean> {
  if (leg.status === 'to_book') return true;
  if (leg.status !== 'booked' || !leg.visit_id) return false;
  return (await repo.visitTimes(db, [leg.visit_id])).get(leg.visit_id)?.status === 'cancelled';
}

export interface BatonState {
  baton: RelayBatonTable;
  holder: RelayLegTable | null;
  open: RelayNominationTable | null;
  last: RelayNominationTable | null;
  phase: BatonPhase;
  /** The holder's booked visit (phase booked), else null. */
  visit: { startsAt: string; endsAt: string } | null;
}

export async function batonState(db: Executor, baton: RelayBatonTable): Promise<BatonState> {
  const holder = baton.holder_leg_id ? ((await repo.findLeg(db, baton.holder_leg_id)) ?? null) : null;
  const legStatus = holder && (await legNeedsBooking(db, holder)) ? 'to_book' : (holder?.status ?? 'to_book');
  const times =
    legStatus === 'booked' && holder?.visit_id
      ? (await repo.visitTimes(db, [holder.visit_id])).get(holder.visit_id)
      : undefined;
  const visit = times ? { startsAt: times.starts_at, endsAt: times.ends_at } : null;
  const noms = await repo.batonNominations(db, baton.id);
  const fromHolder = holder ? noms.filter((n) => n.from_leg_id === holder.id) : [];
  const open = noms.find((n) => n.status === 'invited') ?? null;
  const last = fromHolder.at(-1) ?? null;
  const phase = batonPhase({
    batonStatus: baton.status as 'active' | 'ended',
    legStatus: legStatus as 'to_book' | 'booked' | 'visited' | 'passed',
    openInvitation: open !== null,
    lastNominationOutcome: (last?.status === 'invited' ? null : (last?.status ?? null)) as
      'declined' | 'expired' | 'withdrawn' | 'accepted' | null,
  });
  return { baton, holder, open, last, phase, visit };
}

/**
 * A baton that has not moved for longer than the pace allows (a move: started, booked, visited,
 * an invitation sent, accepted, or handed back). An open invitation is no stall. A booked visit
 * holds it until the visit's time; after that it stands still as any other step does, counted from the visit's end (a
 * visit that did not happen, or was made and never marked as done, is then flagged).
 */
function isStalled(state: BatonState, p: RelayProgrammeTable, activeBatons: number, now: Date): boolean {
  if (state.baton.status !== 'active') return false;
  // An invitation awaiting an answer has its own window, reminder and time-out (which hands the
  // baton back, a move): the baton is not standing still meanwhile.
  if (state.phase === 'invited') return false;
  const since = state.phase === 'booked' ? (state.visit?.endsAt ?? null) : state.baton.moved_at;
  if (!since) return false;
  const idle = now.getTime() - new Date(since).getTime();
  return idle > stallIntervalMs(Number(p.target_pace), activeBatons);
}

// ---------------------------------------------------------------------------------------------
// Mail helpers

async function enqueue(
  ctx: RelayCtx,
  to: string,
  mail: Mail,
  related: { type: string; id: string },
): Promise<void> {
  await ctx.mailer.enqueue(ctx.trx, { to, subject: mail.subject, text: mail.text, related });
}

async function tellBusinessUnit(
  ctx: RelayCtx,
  p: RelayProgrammeTable,
  subject: string,
  lines: string[],
): Promise<void> {
  const mail = staffNotice({ programme: p.name, subject, lines, link: links.programme(ctx.publicUrl, p.id) });
  for (const to of await repo.businessUnitEmails(ctx.trx, p.municipality_id)) {
    await enqueue(ctx, to, mail, { type: 'relay_programme', id: p.id });
  }
}

/** A fresh private link for the company of a leg to name the next one; e-mailed when we know where. */
async function sendNominateLink(
  ctx: RelayCtx,
  p: RelayProgrammeTable,
  leg: RelayLegTable,
  mail: (link: string, company: string, municipality: string) => Mail,
): Promise<boolean> {
  if (!leg.contact_email) return false;
  const token = newToken();
  await repo.updateLeg(ctx.trx, leg.id, {
    nominate_token_hash: hashToken(token),
    updated_at: ctx.now.toISOString(),
  });
  const company = (await findCompany(ctx.trx, leg.company_id))?.name ?? '';
  const municipality = await repo.municipalityName(ctx.trx, p.municipality_id);
  await enqueue(ctx, leg.contact_email, mail(links.nominate(ctx.publicUrl, token), company, municipality), {
    type: 'company',
    id: leg.company_id,
  });
  return true;
}

async function resolveCompany(ctx: RelayCtx, choice: CompanyChoice): Promise<RelayCompanyRow> {
  const id = 'id' in choice ? choice.id : await findOrCreateCompany(ctx.trx, choice.new, ctx.now);
  const c = await findCompany(ctx.trx, id);
  if (!c) throw validation([{ path: 'company', message: 'företaget finns inte i registret' }]);
  return c;
}

async function assertEligible(
  ctx: RelayCtx,
  p: RelayProgrammeTable,
  companyId: string,
  nominatorCompanyId: string | null,
) {
  const v = canNominate({
    companyId,
    nominatorCompanyId,
    companiesInRelay: await repo.companiesInRelay(ctx.trx, p.id),
    companiesInvitedNow: await repo.companiesInvitedNow(ctx.trx),
    companiesDeclinedHere: await repo.companiesDeclinedIn(ctx.trx, p.id),
  });
  if (!v.ok) throw conflict(v.message, [{ path: 'company', message: v.message }]);
}

function assertActive(p: RelayProgrammeTable, message = 'Stafetten är avslutad.'): void {
  if (p.status !== 'active') throw new AppError('CLOSED', message);
}

// ---------------------------------------------------------------------------------------------
// Batons: start, book, visit, nominate, answer, hand back, end

export async function startBaton(
  ctx: RelayCtx,
  municipalityId: string,
  programmeId: string,
  input: z.output<typeof StartBatonBody>,
): Promise<{ batonId: string; legId: string }> {
  // Two batons started at once would both count the batons in play and take the same number:
  // the programme's row is locked first, so the second waits and then counts and numbers after it.
  await repo.lockProgramme(ctx.trx, programmeId);
  const p = await loadProgramme(ctx.trx, municipalityId, programmeId);
  assertActive(p);
  const capacity = canPutBatonInPlay(await repo.countActiveBatons(ctx.trx, p.id), p.max_batons);
  if (!capacity.ok) throw conflict(capacity.message);
  let origin: RelayLegTable | null = null;
  if (input.fromLegId) {
    origin = (await repo.findLeg(ctx.trx, input.fromLegId)) ?? null;
    if (!origin || origin.programme_id !== p.id) throw notFound('Sträckan');
    if (origin.status !== 'visited' && origin.status !== 'passed') {
      throw conflict('En gren kan bara utgå från ett företag som har besökts.');
    }
  }
  const company = await resolveCompany(ctx, input.company);
  await assertEligible(ctx, p, company.id, origin?.company_id ?? null);
  const at = ctx.now.toISOString();
  const batonId = newId();
  const legId = newId();
  await repo.insertBaton(ctx.trx, {
    id: batonId,
    programme_id: p.id,
    number: await repo.nextBatonNumber(ctx.trx, p.id),
    status: 'active',
    holder_leg_id: legId,
    origin_leg_id: origin?.id ?? null,
    moved_at: at,
    stall_notified_at: null,
    ended_reason: '',
    created_at: at,
    updated_at: at,
  });
  try {
    await repo.insertLeg(ctx.trx, {
      id: legId,
      programme_id: p.id,
      baton_id: batonId,
      company_id: company.id,
      seq: await repo.nextLegSeq(ctx.trx, p.id),
      previous_leg_id: origin?.id ?? null,
      nomination_id: null,
      visit_id: null,
      status: 'to_book',
      proposed_times: '',
      contact_name: input.contactName,
      contact_email: input.contactEmail,
      show_publicly: input.showPublicly ? 1 : 0,
      nominate_token_hash: null,
      visited_at: null,
      created_at: at,
      updated_at: at,
    });
  } catch (err) {
    if (repo.isUniqueViolation(err)) throw conflict('Företaget finns redan i stafetten.');
    throw err;
  }
  await repo.appendEvent(ctx.trx, {
    programme_id: p.id,
    baton_id: batonId,
    leg_id: legId,
    nomination_id: null,
    kind: 'baton_started',
    ...actorOf(ctx),
    at,
    detail: { companyId: company.id, companyName: company.name, originLegId: origin?.id ?? null },
  });
  return { batonId, legId };
}

async function loadLeg(db: Executor, municipalityId: string, legId: string) {
  const leg = await repo.findLeg(db, legId);
  if (!leg) throw notFound('Sträckan');
  const p = await loadProgramme(db, municipalityId, leg.programme_id);
  return { leg, p };
}

export async function bookLeg(
  ctx: RelayCtx,
  municipalityId: string,
  legId: string,
  input: z.output<typeof BookLegBody>,
): Promise<{ visitId: string }> {
  const { leg, p } = await loadLeg(ctx.trx, municipalityId, legId);
  assertActive(p);
  await assertHoldsActiveBaton(ctx.trx, leg);
  if (!(await legNeedsBooking(ctx.trx, leg))) {
    throw conflict(leg.status === 'booked' ? 'Besöket är redan bokat.' : 'Besöket är redan gjort.');
  }
  const ids = [...new Set(input.participantIds)];
  const people = await repo.staffGroups(ctx.trx, municipalityId, ids);
  const unknown = ids.filter((id) => !people.some((x) => x.id === id && x.active === 1));
  if (unknown.length)
    throw validation([{ path: 'participantIds', message: 'okänd eller inaktiv person i laget' }]);
  // A viewer could not open the visit nor write its report: the team is staff and admins only.
  const readers = people.filter((x) => x.role === 'viewer');
  if (readers.length) {
    throw validation(
      readers.map((x) => ({
        path: 'participantIds',
        message: `${x.name} har bara läsbehörighet och kan inte vara med i laget`,
      })),
      `Laget kan bara ha personal och administratörer: ${readers.map((x) => x.name).join(', ')} har bara läsbehörighet.`,
    );
  }
  const short = teamShortfalls(
    parseRule(p.team_rule),
    people.map((x) => x.staff_group as StaffGroup),
  );
  if (short.length) {
    throw validation(
      short.map((s) => ({ path: 'participantIds', message: describeShortfall(s) })),
      `Laget följer inte stafettens regel: ${short.map(describeShortfall).join('; ')}.`,
    );
  }
  // Two bookings at once both pass the checks above; only the one that claims the leg goes on to
  // make a visit (else the other's visit would be left behind, booked for no leg).
  if (!(await repo.claimLeg(ctx.trx, leg, ctx.now.toISOString()))) {
    throw conflict('Besöket har just bokats av någon annan. Ladda om sidan.');
  }
  const visit = await createVisit(
    ctx.trx,
    {
      municipalityId,
      companyId: leg.company_id,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      mode: input.mode,
      location: input.location,
      meetingLink: input.meetingLink,
      participantIds: ids,
      programme: { type: 'relay', id: p.id },
      createdBy: ctx.actor.kind === 'staff' ? ctx.actor.userId : null,
    },
    ctx.now,
  );
  const at = ctx.now.toISOString();
  await repo.updateLeg(ctx.trx, leg.id, { visit_id: visit.id, status: 'booked', updated_at: at });
  await repo.updateBaton(ctx.trx, leg.baton_id, { moved_at: at, stall_notified_at: null, updated_at: at });
  await repo.appendEvent(ctx.trx, {
    programme_id: p.id,
    baton_id: leg.baton_id,
    leg_id: leg.id,
    nomination_id: null,
    kind: 'visit_booked',
    ...actorOf(ctx),
    at,
    detail: { visitId: visit.id, startsAt: visit.startsAt, participantIds: ids },
  });
  return { visitId: visit.id };
}

/** The leg holds a baton that is still in play: only such a leg's visit is booked or cancelled. */
async function assertHoldsActiveBaton(db: Executor, leg: RelayLegTable): Promise<void> {
  const baton = await repo.findBaton(db, leg.baton_id);
  if (baton?.status !== 'active') throw conflict('Stafettpinnen är avslutad.');
  if (baton.holder_leg_id !== leg.id) throw conflict('Stafettpinnen har gått vidare. Ladda om sidan.');
}

/**
 * The booked visit cannot be made as booked (the company asks for another time, someone in the
 * team falls ill, it did not happen): it is cancelled, and the company waits to be booked again —
 * with a new time or team, through the booking form. Its visit stays in the company's history as
 * cancelled; the team is not e-mailed, as for any cancelled visit.
 */
export async function cancelLegVisit(
  ctx: RelayCtx,
  municipalityId: string,
  legId: string,
  reason: string,
): Promise<void> {
  const { leg, p } = await loadLeg(ctx.trx, municipalityId, legId);
  const baton = await repo.findBaton(ctx.trx, leg.baton_id);
  if (baton?.status === 'ended' && baton.holder_leg_id === leg.id && leg.status === 'booked') {
    return cancelKeptVisit(ctx, p, leg, baton, reason);
  }
  assertActive(p);
  await assertHoldsActiveBaton(ctx.trx, leg);
  if (leg.status === 'visited' || leg.status === 'passed') throw conflict('Besöket är redan gjort.');
  if (leg.status !== 'booked' || !leg.visit_id) throw conflict('Det finns inget bokat besök att ställa in.');
  const at = ctx.now.toISOString();
  // Cancelled and marked as done at once: only one of them goes through.
  if (!(await repo.claimLeg(ctx.trx, leg, at))) {
    throw conflict('Besöket har just ändrats av någon annan. Ladda om sidan.');
  }
  const visit = await getVisit(ctx.trx, leg.visit_id);
  if (visit.status === 'done') throw conflict('Besöket är redan markerat som gjort.');
  await cancelBookedVisit(ctx, leg);
  await repo.updateLeg(ctx.trx, leg.id, { status: 'to_book', visit_id: null, updated_at: at });
  await repo.updateBaton(ctx.trx, leg.baton_id, { moved_at: at, stall_notified_at: null, updated_at: at });
  await repo.appendEvent(ctx.trx, {
    programme_id: p.id,
    baton_id: leg.baton_id,
    leg_id: leg.id,
    nomination_id: null,
    kind: 'visit_cancelled',
    ...actorOf(ctx),
    at,
    detail: {
      visitId: visit.id,
      startsAt: visit.startsAt,
      companyName: (await findCompany(ctx.trx, leg.company_id))?.name ?? '',
      reason,
    },
  });
}

/**
 * A visit kept when its relay closed (its baton ended with it, see finishBaton) that will not be
 * made: cancelled here, as its own page cannot. The company, never visited, leaves the relay, as
 * when a baton ends before its visit; the baton ends with the company that passed it on.
 */
async function cancelKeptVisit(
  ctx: RelayCtx,
  p: RelayProgrammeTable,
  leg: RelayLegTable,
  baton: RelayBatonTable,
  reason: string,
): Promise<void> {
  const at = ctx.now.toISOString();
  if (!leg.visit_id || !(await repo.claimLeg(ctx.trx, leg, at))) {
    throw conflict('Besöket har just ändrats av någon annan. Ladda om sidan.');
  }
  const visit = await getVisit(ctx.trx, leg.visit_id);
  if (visit.status === 'done') throw conflict('Besöket är redan markerat som gjort.');
  await cancelBookedVisit(ctx, leg);
  const companyName = (await findCompany(ctx.trx, leg.company_id))?.name ?? '';
  await repo.updateBaton(ctx.trx, baton.id, { holder_leg_id: leg.previous_leg_id, updated_at: at });
  if (leg.nomination_id) await repo.markNominationDropped(ctx.trx, leg.nomination_id, at);
  await repo.deleteLeg(ctx.trx, leg.id);
  await repo.appendEvent(ctx.trx, {
    programme_id: p.id,
    baton_id: baton.id,
    leg_id: leg.previous_leg_id,
    nomination_id: null,
    kind: 'visit_cancelled',
    ...actorOf(ctx),
    at,
    detail: { visitId: visit.id, startsAt: visit.startsAt, companyName, reason, notVisited: companyName },
  });
}

/**
 * "Besöket är gjort" on the relay page. As on the visit's own page, only its team or an admin (the
 * business unit) may say so: it marks the visit held and sends the company its link to name the next.
 */
export async function markLegVisited(
  ctx: RelayCtx,
  who: Actor,
  legId: string,
): Promise<{ nominateLinkSent: boolean }> {
  const { leg, p } = await loadLeg(ctx.trx, who.municipalityId, legId);
  if (leg.status === 'visited' || leg.status === 'passed')
    throw conflict('Besöket är redan markerat som gjort.');
  if (leg.status !== 'booked' || !leg.visit_id)
    throw conflict('Besöket behöver vara bokat innan det kan markeras som gjort.');
  const visit = await getVisit(ctx.trx, leg.visit_id);
  if (!canWriteVisit(who, visit)) {
    throw forbidden(
      'Bara de som är med i laget för besöket (eller en administratör) kan markera det som gjort.',
    );
  }
  return recordVisit(ctx, leg, visit, p);
}

/**
 * The visit was made: the company now holds the baton and is sent its link to name the next. A
 * baton ended (or a relay closed) while its visit was booked does not move: the visit counts as
 * held, but the company is not asked to name anyone (its link could not name one).
 */
async function recordVisit(
  ctx: RelayCtx,
  leg: RelayLegTable,
  visit: Visit,
  p: RelayProgrammeTable,
): Promise<{ nominateLinkSent: boolean }> {
  // Marked twice at once: only the first moves the baton on and sends the company its link.
  if (!(await repo.claimLeg(ctx.trx, leg, ctx.now.toISOString()))) {
    throw conflict('Besöket har just markerats som gjort av någon annan. Ladda om sidan.');
  }
  if (visit.status === 'cancelled') throw conflict('Besöket är inställt. Boka ett nytt.');
  assertVisitHasBegun(visit, ctx.now);
  if (visit.status !== 'done')
    await updateVisit(ctx.trx, visit.id, visit.version, { status: 'done' }, ctx.now);
  const at = ctx.now.toISOString();
  await repo.updateLeg(ctx.trx, leg.id, { status: 'visited', visited_at: visit.startsAt, updated_at: at });
  const running = p.status === 'active' && (await repo.findBaton(ctx.trx, leg.baton_id))?.status === 'active';
  if (running) {
    await repo.updateBaton(ctx.trx, leg.baton_id, { moved_at: at, stall_notified_at: null, updated_at: at });
  }
  await repo.appendEvent(ctx.trx, {
    programme_id: p.id,
    baton_id: leg.baton_id,
    leg_id: leg.id,
    nomination_id: null,
    kind: 'visit_done',
    ...actorOf(ctx),
    at,
    detail: { visitId: visit.id, visitedAt: visit.startsAt, ...(running ? {} : { batonInPlay: false }) },
  });
  if (!running) return { nominateLinkSent: false };
  const sent = await sendNominateLink(ctx, p, leg, (link, company, municipality) =>
    nominateMail({ municipality, programme: p.name, company, link }),
  );
  if (sent) {
    await repo.appendEvent(ctx.trx, {
      programme_id: p.id,
      baton_id: leg.baton_id,
      leg_id: leg.id,
      nomination_id: null,
      kind: 'nominate_link_sent',
      actor: 'system',
      actor_user_id: null,
      at,
    });
  }
  return { nominateLinkSent: sent };
}

/**
 * A relay visit marked as held on the visit's own page (by its team or an admin, which that page
 * checked): the same as "Besöket är gjort" here.
 */
export async function visitHeld(ctx: RelayCtx, municipalityId: string, visitId: string): Promise<void> {
  const leg = await repo.findBookedLegByVisit(ctx.trx, visitId);
  if (!leg) return;
  const p = await loadProgramme(ctx.trx, municipalityId, leg.programme_id);
  await recordVisit(ctx, leg, await getVisit(ctx.trx, visitId), p);
}

/**
 * The visited company (through staff at the visit, or its own link), or the business unit after a
 * hand-back, names the next company: it is invited by e-mail with its own private link.
 */
export async function nominate(
  ctx: RelayCtx,
  leg: RelayLegTable,
  input: NominateInput,
  source: 'visit' | 'link' | 'staff',
): Promise<{ nominationId: string }> {
  // Closing the relay at the same moment must not leave this invitation open after it: the
  // programme's row is locked, so one of the two waits for the other.
  await repo.lockProgramme(ctx.trx, leg.programme_id);
  const p = (await repo.findProgramme(ctx.trx, leg.programme_id))!;
  assertActive(p);
  const baton = (await repo.findBaton(ctx.trx, leg.baton_id))!;
  const state = await batonState(ctx.trx, baton);
  if (state.holder?.id !== leg.id)
    throw conflict('Stafettpinnen har redan gått vidare från det här företaget.');
  const allowed = canNominateOnBaton(state.phase);
  if (!allowed.ok) throw conflict(allowed.message);
  const company = await resolveCompany(ctx, input.company);
  await assertEligible(ctx, p, company.id, leg.company_id);

  const token = newToken();
  const id = newId();
  const { dueAt, remindAt } = invitationTimes(ctx.now, p.answer_days);
  const at = ctx.now.toISOString();
  try {
    await repo.insertNomination(ctx.trx, {
      id,
      programme_id: p.id,
      baton_id: baton.id,
      from_leg_id: leg.id,
      company_id: company.id,
      source,
      nominated_by: ctx.actor.kind === 'staff' ? ctx.actor.userId : null,
      reason: input.reason,
      invite_email: input.inviteEmail,
      contact_name: input.contactName,
      status: 'invited',
      open_company_key: company.id,
      open_baton_key: baton.id,
      token_hash: hashToken(token),
      invited_at: at,
      due_at: dueAt.toISOString(),
      reminded_at: null,
      answered_at: null,
      answer_note: '',
      created_at: at,
      updated_at: at,
    });
  } catch (err) {
    // Two people nominating at once: the unique keys let one win.
    if (repo.isUniqueViolation(err)) throw conflict('En inbjudan har just skickats. Ladda om sidan.');
    throw err;
  }
  if (input.showPublicly !== undefined) {
    await repo.updateLeg(ctx.trx, leg.id, { show_publicly: input.showPublicly ? 1 : 0, updated_at: at });
  }
  const nominator = (await findCompany(ctx.trx, leg.company_id))?.name ?? null;
  const municipality = await repo.municipalityName(ctx.trx, p.municipality_id);
  const mail = invitationMail({
    municipality,
    programme: p.name,
    company: company.name,
    nominator,
    pickedByStaff: source === 'staff',
    reason: input.reason,
    link: links.invitation(ctx.publicUrl, token),
    dueAt: dueAt.toISOString(),
  });
  await enqueue(ctx, input.inviteEmail, mail, { type: 'company', id: company.id });
  await enqueueJob(ctx.trx, { kind: JOB_REMIND, payload: { nominationId: id }, runAt: remindAt }, ctx.now);
  await enqueueJob(ctx.trx, { kind: JOB_EXPIRE, payload: { nominationId: id }, runAt: dueAt }, ctx.now);
  // The link the company used is spent once it has named someone; a hand-back sends a new one.
  if (source === 'link') await repo.updateLeg(ctx.trx, leg.id, { nominate_token_hash: null, updated_at: at });
  // Sending an invitation moves the baton: the stall clock starts again (and stops while it is open).
  await repo.updateBaton(ctx.trx, baton.id, { moved_at: at, stall_notified_at: null, updated_at: at });
  await repo.appendEvent(ctx.trx, {
    programme_id: p.id,
    baton_id: baton.id,
    leg_id: leg.id,
    nomination_id: id,
    kind: 'nominated',
    ...actorOf(ctx),
    at,
    detail: {
      source,
      companyId: company.id,
      companyName: company.name,
      nominatorName: nominator,
      reason: input.reason,
      dueAt: dueAt.toISOString(),
    },
  });
  return { nominationId: id };
}

/**
 * A company named by staff: at the visit, by its team or an admin (as on the visit's own page);
 * picked after a hand-back, by an admin (the business unit).
 */
export async function nominateAsStaff(
  ctx: RelayCtx,
  who: Actor,
  legId: string,
  input: NominateInput,
): Promise<{ nominationId: string }> {
  const { leg } = await loadLeg(ctx.trx, who.municipalityId, legId);
  if (who.role !== 'admin') {
    if (input.pickedByStaff) throw forbidden('Bara näringslivsenheten kan välja företag själv.');
    const visit = leg.visit_id ? await getVisit(ctx.trx, leg.visit_id) : null;
    if (!visit || !canWriteVisit(who, visit)) {
      throw forbidden(
        'Bara de som var med på besöket (eller en administratör) kan nominera nästa företag åt det.',
      );
    }
  }
  return nominate(ctx, leg, input, input.pickedByStaff ? 'staff' : 'visit');
}

async function legByToken(db: Executor, token: string): Promise<RelayLegTable> {
  const leg = await repo.findLegByToken(db, hashToken(token));
  if (!leg)
    throw new AppError(
      'NOT_FOUND',
      'Länken gäller inte längre. Kontakta kommunens näringslivsenhet om ni vill nominera.',
    );
  return leg;
}

async function nominationByToken(db: Executor, token: string): Promise<RelayNominationTable> {
  const n = await repo.findNominationByToken(db, hashToken(token));
  if (!n)
    throw new AppError(
      'NOT_FOUND',
      'Länken gäller inte. Kontrollera att hela adressen kom med från e-postmeddelandet.',
    );
  return n;
}

export async function nominateByLink(ctx: RelayCtx, token: string, input: NominateInput) {
  const leg = await legByToken(ctx.trx, token);
  return nominate(ctx, leg, { ...input, pickedByStaff: false }, 'link');
}

const RELAY_CLOSED_ANSWER =
  'Stafetten är avslutad, så inbjudan gäller inte längre. Kontakta kommunens näringslivsenhet om ni har frågor.';

/** Closes the invitation with the answer, or says why it cannot be answered (410). */
async function answer(
  ctx: RelayCtx,
  n: RelayNominationTable,
  status: 'accepted' | 'declined',
  note = '',
): Promise<RelayProgrammeTable> {
  const p = (await repo.findProgramme(ctx.trx, n.programme_id))!;
  assertActive(p, RELAY_CLOSED_ANSWER);
  // Ending the baton withdraws its invitation: whichever comes first, the other sees it.
  await repo.lockProgramme(ctx.trx, p.id);
  if ((await repo.findBaton(ctx.trx, n.baton_id))?.status !== 'active') {
    throw new AppError(
      'CLOSED',
      'Den här stafettpinnen är avslutad, så inbjudan gäller inte längre. Kontakta kommunens näringslivsenhet om ni har frågor.',
    );
  }
  if (!(await repo.closeNomination(ctx.trx, n.id, status, ctx.now.toISOString(), note))) {
    // Closed in the meantime: by the relay's closing (which withdraws it), or by another answer.
    assertActive((await repo.findProgramme(ctx.trx, n.programme_id))!, RELAY_CLOSED_ANSWER);
    throw new AppError('CLOSED', 'Inbjudan är redan besvarad eller har gått ut.');
  }
  await cancelJobsFor(ctx.trx, n.id);
  return p;
}

export async function acceptInvitation(ctx: RelayCtx, token: string, input: z.output<typeof AcceptBody>) {
  const n = await nominationByToken(ctx.trx, token);
  const p = await answer(ctx, n, 'accepted');
  const at = ctx.now.toISOString();
  const legId = newId();
  try {
    await repo.insertLeg(ctx.trx, {
      id: legId,
      programme_id: p.id,
      baton_id: n.baton_id,
      company_id: n.company_id,
      seq: await repo.nextLegSeq(ctx.trx, p.id),
      previous_leg_id: n.from_leg_id,
      nomination_id: n.id,
      visit_id: null,
      status: 'to_book',
      proposed_times: input.proposedTimes,
      contact_name: input.contactName,
      contact_email: input.contactEmail,
      show_publicly: input.showPublicly ? 1 : 0,
      nominate_token_hash: null,
      visited_at: null,
      created_at: at,
      updated_at: at,
    });
  } catch (err) {
    if (repo.isUniqueViolation(err)) throw conflict('Företaget finns redan i stafetten.');
    throw err;
  }
  await repo.updateLeg(ctx.trx, n.from_leg_id, {
    status: 'passed',
    nominate_token_hash: null,
    updated_at: at,
  });
  await repo.updateBaton(ctx.trx, n.baton_id, {
    holder_leg_id: legId,
    moved_at: at,
    stall_notified_at: null,
    updated_at: at,
  });
  const company = (await findCompany(ctx.trx, n.company_id))?.name ?? '';
  await repo.appendEvent(ctx.trx, {
    programme_id: p.id,
    baton_id: n.baton_id,
    leg_id: legId,
    nomination_id: n.id,
    kind: 'accepted',
    ...actorOf(ctx),
    at,
    detail: {
      companyId: n.company_id,
      companyName: company,
      proposedTimes: input.proposedTimes,
      showPublicly: input.showPublicly,
    },
  });
  await tellBusinessUnit(ctx, p, `${company} tackade ja – boka besöket`, [
    `${company} har tackat ja till att ta emot stafettpinnen.`,
    `Kontaktperson: ${input.contactName}, ${input.contactEmail}`,
    `Föreslagna tider: ${input.proposedTimes}`,
  ]);
  return { legId };
}

export async function declineInvitation(ctx: RelayCtx, token: string, note: string) {
  const n = await nominationByToken(ctx.trx, token);
  await answer(ctx, n, 'declined', note);
  await handBack(ctx, n, 'declined', note);
}

async function cancelJobsFor(trx: Transaction, nominationId: string): Promise<void> {
  const mine = (payload: unknown) => (payload as { nominationId?: string }).nominationId === nominationId;
  await cancelJobs(trx, JOB_REMIND, mine);
  await cancelJobs(trx, JOB_EXPIRE, mine);
}

/**
 * The nominee said no or did not answer: the baton goes back to the company that nominated. It
 * gets a new link to name another; the business unit is told so it can pick one instead.
 */
async function handBack(
  ctx: RelayCtx,
  n: RelayNominationTable,
  outcome: 'declined' | 'expired',
  note = '',
): Promise<void> {
  const p = (await repo.findProgramme(ctx.trx, n.programme_id))!;
  const from = (await repo.findLeg(ctx.trx, n.from_leg_id))!;
  const nominee = (await findCompany(ctx.trx, n.company_id))?.name ?? '';
  const at = ctx.now.toISOString();
  // A hand-back moves the baton: the stall clock starts again from it.
  await repo.updateBaton(ctx.trx, n.baton_id, { moved_at: at, stall_notified_at: null, updated_at: at });
  await repo.appendEvent(ctx.trx, {
    programme_id: p.id,
    baton_id: n.baton_id,
    leg_id: from.id,
    nomination_id: n.id,
    kind: outcome,
    ...actorOf(ctx),
    at,
    detail: { companyId: n.company_id, companyName: nominee, ...(note ? { note } : {}) },
  });
  const linkSent =
    n.source === 'staff'
      ? false
      : await sendNominateLink(ctx, p, from, (link, _company, municipality) =>
          handedBackToNominatorMail({ municipality, programme: p.name, nominee, outcome, link }),
        );
  await repo.appendEvent(ctx.trx, {
    programme_id: p.id,
    baton_id: n.baton_id,
    leg_id: from.id,
    nomination_id: n.id,
    kind: 'handed_back',
    actor: 'system',
    actor_user_id: null,
    at,
    detail: { outcome, nominatorLinkSent: linkSent },
  });
  const nominator = (await findCompany(ctx.trx, from.company_id))?.name ?? '';
  await tellBusinessUnit(ctx, p, 'stafettpinnen har kommit tillbaka', [
    outcome === 'declined'
      ? `${nominee} tackade nej.`
      : `${nominee} svarade inte inom ${p.answer_days} dagar.`,
    linkSent
      ? `${nominator} har fått en ny länk för att nominera ett annat företag. Ni kan också välja ett företag själva – Besök föreslår företag som stafetten inte har nått.`
      : `Välj nästa företag i Besök – Besök föreslår företag som stafetten inte har nått.`,
  ]);
}

export async function remindInvitation(ctx: RelayCtx, nominationId: string): Promise<void> {
  const n = await repo.findNomination(ctx.trx, nominationId);
  if (!n) return;
  const p = (await repo.findProgramme(ctx.trx, n.programme_id))!;
  // Closing the relay withdraws its invitations and cancels these jobs; this covers one closed
  // before it did (an invitation left open), which must not be reminded of a closed relay.
  if (p.status !== 'active') return;
  if (!(await repo.markReminded(ctx.trx, n.id, ctx.now.toISOString()))) return;
  // A reminder needs the link again: the first token is stored only hashed, so a second one is made;
  // both links work.
  const token = newToken();
  await repo.setReminderToken(ctx.trx, n.id, hashToken(token));
  const company = (await findCompany(ctx.trx, n.company_id))?.name ?? '';
  const municipality = await repo.municipalityName(ctx.trx, p.municipality_id);
  await enqueue(
    ctx,
    n.invite_email,
    reminderMail({
      municipality,
      programme: p.name,
      company,
      link: links.invitation(ctx.publicUrl, token),
      dueAt: n.due_at,
    }),
    { type: 'company', id: n.company_id },
  );
  await repo.appendEvent(ctx.trx, {
    programme_id: p.id,
    baton_id: n.baton_id,
    leg_id: null,
    nomination_id: n.id,
    kind: 'reminded',
    actor: 'system',
    actor_user_id: null,
    at: ctx.now.toISOString(),
  });
}

export async function expireInvitation(ctx: RelayCtx, nominationId: string): Promise<void> {
  const n = await repo.findNomination(ctx.trx, nominationId);
  if (!n) return;
  const p = (await repo.findProgramme(ctx.trx, n.programme_id))!;
  if (p.status !== 'active') {
    // An invitation left open in a closed relay (closed before closing withdrew them): withdrawn
    // quietly, with no hand-back or new link, so the company can be invited to another relay.
    await withdrawInvitation(ctx, n, 'closed');
    return;
  }
  if (!(await repo.closeNomination(ctx.trx, n.id, 'expired', ctx.now.toISOString()))) return;
  await cancelJobsFor(ctx.trx, n.id);
  await handBack(ctx, n, 'expired');
}

/**
 * Withdraws an invitation awaiting an answer, with its reminder and time-out, and tells the
 * invited company that it no longer stands (its link no longer works); false if already answered.
 */
async function withdrawInvitation(
  ctx: RelayCtx,
  n: RelayNominationTable,
  why: 'closed' | 'ended',
): Promise<boolean> {
  if (!(await repo.closeNomination(ctx.trx, n.id, 'withdrawn', ctx.now.toISOString()))) return false;
  await cancelJobsFor(ctx.trx, n.id);
  const p = (await repo.findProgramme(ctx.trx, n.programme_id))!;
  const mail = withdrawnMail({
    municipality: await repo.municipalityName(ctx.trx, p.municipality_id),
    programme: p.name,
    company: (await findCompany(ctx.trx, n.company_id))?.name ?? '',
    what: 'invitation',
    why,
  });
  await enqueue(ctx, n.invite_email, mail, { type: 'company', id: n.company_id });
  return true;
}

export async function endBaton(
  ctx: RelayCtx,
  municipalityId: string,
  batonId: string,
  reason: string,
): Promise<void> {
  const found = await repo.findBaton(ctx.trx, batonId);
  if (!found) throw notFound('Stafettpinnen');
  const p = await loadProgramme(ctx.trx, municipalityId, found.programme_id);
  // As a nomination or an answer does: one at a time, each seeing what the other left.
  await repo.lockProgramme(ctx.trx, p.id);
  const baton = (await repo.findBaton(ctx.trx, batonId))!;
  if (baton.status === 'ended') throw conflict('Stafettpinnen är redan avslutad.');
  await finishBaton(ctx, p, baton, reason, 'ended');
}

/**
 * Ends a baton in play, by an admin (`ended`) or with its relay (`closed`): its open invitation is
 * withdrawn and its holder's link to name the next spent, each company told by e-mail. A company
 * that accepted but was not visited leaves the relay, its booked visit cancelled unless it is
 * marked held, when the baton alone ends. When the relay closes, a booked visit is kept (agreed
 * with the company and in the team's calendars): held, it counts; the company stays its holder.
 * Returns the invitation withdrawn, if any.
 */
async function finishBaton(
  ctx: RelayCtx,
  p: RelayProgrammeTable,
  baton: RelayBatonTable,
  reason: string,
  why: 'closed' | 'ended',
): Promise<string | null> {
  const state = await batonState(ctx.trx, baton);
  const at = ctx.now.toISOString();
  const withdrawn = state.open && (await withdrawInvitation(ctx, state.open, why)) ? state.open.id : null;
  const holder = state.holder;
  if (holder) {
    // A company waiting to name the next (its link live) is told it need not.
    const waiting =
      holder.nominate_token_hash !== null && (state.phase === 'to_nominate' || state.phase === 'handed_back');
    await repo.updateLeg(ctx.trx, holder.id, { nominate_token_hash: null, updated_at: at });
    if (waiting && holder.contact_email) {
      const mail = withdrawnMail({
        municipality: await repo.municipalityName(ctx.trx, p.municipality_id),
        programme: p.name,
        company: (await findCompany(ctx.trx, holder.company_id))?.name ?? '',
        what: 'nominate',
        why,
      });
      await enqueue(ctx, holder.contact_email, mail, { type: 'company', id: holder.company_id });
    }
  }
  const kept = why === 'closed' && state.phase === 'booked' && holder?.visit_id ? holder.visit_id : null;
  const cancelled = holder && !kept ? await cancelBookedVisit(ctx, holder) : null;
  // A company that accepted but was never visited is not left in the relay: it may be invited
  // again, or start a baton, later. The baton ends with the company that passed it on.
  const dropped =
    holder && !kept && (holder.status === 'to_book' || holder.status === 'booked') ? holder : null;
  const droppedName = dropped ? ((await findCompany(ctx.trx, dropped.company_id))?.name ?? '') : '';
  if (dropped) {
    await repo.updateBaton(ctx.trx, baton.id, { holder_leg_id: dropped.previous_leg_id, updated_at: at });
    if (dropped.nomination_id) await repo.markNominationDropped(ctx.trx, dropped.nomination_id, at);
    await repo.deleteLeg(ctx.trx, dropped.id);
  }
  await repo.updateBaton(ctx.trx, baton.id, { status: 'ended', ended_reason: reason, updated_at: at });
  await repo.appendEvent(ctx.trx, {
    programme_id: p.id,
    baton_id: baton.id,
    leg_id: dropped ? dropped.previous_leg_id : (holder?.id ?? null),
    nomination_id: state.open?.id ?? null,
    kind: 'baton_ended',
    ...actorOf(ctx),
    at,
    detail: {
      reason,
      withdrawnInvitation: withdrawn,
      cancelledVisit: cancelled?.id ?? null,
      ...(dropped ? { notVisited: droppedName } : {}),
      ...(why === 'closed' ? { relayClosed: true } : {}),
      ...(kept ? { keptVisit: kept } : {}),
    },
  });
  return withdrawn;
}

/**
 * The visit booked for a leg whose baton ends, cancelled unless it is marked as held: the relay
 * plans it (its own page cannot cancel it), so it would otherwise stay planned, and its report
 * would move a baton that is no longer in play. The team is not e-mailed, as for any cancelled visit.
 */
async function cancelBookedVisit(ctx: RelayCtx, leg: RelayLegTable): Promise<Visit | null> {
  if (leg.status !== 'booked' || !leg.visit_id) return null;
  const visit = await getVisit(ctx.trx, leg.visit_id);
  if (visit.status !== 'planned') return null;
  return updateVisit(
    ctx.trx,
    visit.id,
    visit.version,
    { status: 'cancelled', checkCalendars: false },
    ctx.now,
  );
}

// ---------------------------------------------------------------------------------------------
// Reading: the chain, progress, stalled batons, the private-link pages

/**
 * The whole relay, as `who` may see it. Viewers (management, reading reports) are not shown the
 * companies' contact persons: `reader.personalData` false leaves them out, as the register leaves
 * out a sole trader's. Each leg says whether `who` may record its visit (its team or an admin).
 */
export async function getChain(
  db: Executor,
  who: Actor,
  programmeId: string,
  now: Date,
  reader: RegisterReader,
) {
  const p = await loadProgramme(db, who.municipalityId, programmeId);
  const [batons, legs, noms] = await Promise.all([
    repo.listBatons(db, p.id),
    repo.listLegs(db, p.id),
    repo.listNominations(db, p.id),
  ]);
  const companies = await findCompanies(db, [
    ...legs.map((l) => l.company_id),
    ...noms.map((n) => n.company_id),
  ]);
  const visitIds = legs.flatMap((l) => (l.visit_id ? [l.visit_id] : []));
  const [visits, teams] = await Promise.all([repo.visitTimes(db, visitIds), repo.visitTeams(db, visitIds)]);
  const active = batons.filter((b) => b.status === 'active').length;
  const states = await Promise.all(batons.map((b) => batonState(db, b)));
  const brief = (id: string) => {
    const c = companies.get(id);
    return c
      ? toBrief(c)
      : { id, name: '(okänt företag)', postalTown: null, sniSection: null, sizeClass: null, verified: false };
  };
  return {
    programme: await toProgramme(db, p),
    batons: states.map((s) => ({
      id: s.baton.id,
      number: s.baton.number,
      status: s.baton.status as 'active' | 'ended',
      phase: s.phase,
      holderLegId: s.baton.holder_leg_id,
      originLegId: s.baton.origin_leg_id,
      movedAt: s.baton.moved_at,
      idleDays: Math.floor((now.getTime() - new Date(s.baton.moved_at).getTime()) / 86_400_000),
      stalled: isStalled(s, p, active, now),
      endedReason: s.baton.ended_reason,
    })),
    legs: legs.map((l) => ({
      id: l.id,
      batonId: l.baton_id,
      seq: l.seq,
      company: brief(l.company_id),
      previousLegId: l.previous_leg_id,
      status: l.status as 'to_book' | 'booked' | 'visited' | 'passed',
      visitId: l.visit_id,
      visitStartsAt: l.visit_id ? (visits.get(l.visit_id)?.starts_at ?? null) : null,
      visitedAt: l.visited_at,
      proposedTimes: l.proposed_times,
      contactName: reader.personalData ? l.contact_name : null,
      hasContactEmail: !!l.contact_email,
      showPublicly: l.show_publicly === 1,
      mayRecord:
        who.role !== 'viewer' &&
        l.visit_id !== null &&
        canWriteVisit(who, { participantIds: teams.get(l.visit_id) ?? [] }),
    })),
    nominations: noms.map((n) => ({
      id: n.id,
      batonId: n.baton_id,
      fromLegId: n.from_leg_id,
      company: brief(n.company_id),
      source: n.source as 'visit' | 'link' | 'staff',
      reason: n.reason,
      status: n.status as (typeof NOMINATION_STATUSES)[number],
      invitedAt: n.invited_at,
      dueAt: n.due_at,
      remindedAt: n.reminded_at,
      answeredAt: n.answered_at,
      answerNote: n.answer_note,
    })),
  };
}

export async function getEvents(db: Executor, municipalityId: string, programmeId: string) {
  const p = await loadProgramme(db, municipalityId, programmeId);
  const events = await repo.listEvents(db, p.id);
  const names = await repo.userNames(
    db,
    events.flatMap((e) => (e.actor_user_id ? [e.actor_user_id] : [])),
  );
  return events.map((e) => ({
    id: e.id,
    kind: e.kind,
    actor: e.actor,
    actorName: e.actor_user_id ? (names.get(e.actor_user_id) ?? null) : null,
    batonId: e.baton_id,
    legId: e.leg_id,
    nominationId: e.nomination_id,
    detail: JSON.parse(e.detail) as Record<string, unknown>,
    at: e.at,
  }));
}

export async function getProgress(
  db: Executor,
  municipalityId: string,
  programmeId: string,
  now: Date,
  byDate?: string | null,
) {
  const p = await loadProgramme(db, municipalityId, programmeId);
  const date = byDate ?? p.goal_date;
  const r = project({
    visitDates: await countedVisitDates(db, p),
    now,
    startedAt: new Date(p.created_at),
    goal: await goalVisits(db, p),
    targetPace: Number(p.target_pace),
    byDate: date ? new Date(`${date}T23:59:59Z`) : null,
  });
  return {
    ...r,
    projectedDate: r.projectedDate?.toISOString() ?? null,
    targetPaceDate: r.targetPaceDate?.toISOString() ?? null,
    byDate: date ?? null,
    neededPace: r.neededPace === null ? null : Number.isFinite(r.neededPace) ? r.neededPace : -1,
  };
}

/** Batons that have stood still longer than the pace allows, for the start page. */
export async function listStalled(db: Executor, municipalityId: string, now: Date) {
  const out = [];
  for (const p of await repo.listProgrammeRows(db, municipalityId)) {
    if (p.status !== 'active') continue;
    const batons = (await repo.listBatons(db, p.id)).filter((b) => b.status === 'active');
    for (const b of batons) {
      const s = await batonState(db, b);
      if (!isStalled(s, p, batons.length, now)) continue;
      const company = s.holder ? ((await findCompany(db, s.holder.company_id))?.name ?? null) : null;
      out.push({
        programmeId: p.id,
        programmeName: p.name,
        batonId: b.id,
        batonNumber: b.number,
        phase: s.phase,
        movedAt: b.moved_at,
        companyName: company,
        days: Math.floor((now.getTime() - new Date(b.moved_at).getTime()) / 86_400_000),
      });
    }
  }
  return out;
}

/** The sweep: e-mails the business unit once per stall (a baton that moves and stalls again is new). */
export async function stallSweep(
  ctx: Omit<RelayCtx, 'trx' | 'actor'> & {
    db: Executor;
    run: <T>(fn: (trx: Transaction) => Promise<T>) => Promise<T>;
  },
) {
  let flagged = 0;
  for (const p of await repo.listActiveProgrammes(ctx.db)) {
    const batons = (await repo.listBatons(ctx.db, p.id)).filter(
      (b) => b.status === 'active' && !b.stall_notified_at,
    );
    if (!batons.length) continue;
    const active = await repo.countActiveBatons(ctx.db, p.id);
    for (const b of batons) {
      const s = await batonState(ctx.db, b);
      if (!isStalled(s, p, active, ctx.now)) continue;
      await ctx.run(async (trx) => {
        const at = ctx.now.toISOString();
        if (!(await repo.flagStall(trx, b.id, b.moved_at, at))) return;
        const c: RelayCtx = {
          trx,
          now: ctx.now,
          mailer: ctx.mailer,
          publicUrl: ctx.publicUrl,
          actor: { kind: 'system' },
        };
        const company = s.holder ? ((await findCompany(trx, s.holder.company_id))?.name ?? '') : '';
        const days = Math.floor((ctx.now.getTime() - new Date(b.moved_at).getTime()) / 86_400_000);
        await tellBusinessUnit(c, p, `stafettpinne ${b.number} har stått still i ${days} dagar`, [
          `Stafettpinne ${b.number} i ${p.name} har inte rört sig sedan ${b.moved_at.slice(0, 10)} (${days} dagar).`,
          `Den är hos ${company || 'inget företag'} (${PHASE_SV[s.phase]}).`,
          s.phase === 'booked' && s.visit
            ? `Besöket som var bokat ${dateTimeSv(s.visit.startsAt)} är inte markerat som gjort: markera det som gjort, eller ställ in det och boka ett nytt.`
            : `Med takten ${Number(p.target_pace)} besök i månaden borde nästa besök redan vara bokat.`,
        ]);
        await repo.appendEvent(trx, {
          programme_id: p.id,
          baton_id: b.id,
          leg_id: s.holder?.id ?? null,
          nomination_id: s.open?.id ?? null,
          kind: 'stall_flagged',
          actor: 'system',
          actor_user_id: null,
          at,
          detail: { days, phase: s.phase },
        });
        flagged++;
      });
    }
  }
  return flagged;
}

export const PHASE_SV: Record<BatonPhase, string> = {
  to_book: 'besöket ska bokas',
  booked: 'besöket är bokat',
  to_nominate: 'företaget ska nominera nästa',
  invited: 'inbjudan väntar på svar',
  handed_back: 'stafettpinnen har kommit tillbaka',
  ended: 'avslutad',
};

export async function invitationView(db: Executor, token: string) {
  const n = await nominationByToken(db, token);
  const p = (await repo.findProgramme(db, n.programme_id))!;
  const from = await repo.findLeg(db, n.from_leg_id);
  const companies = await findCompanies(db, [n.company_id, ...(from ? [from.company_id] : [])]);
  return {
    status: n.status as (typeof NOMINATION_STATUSES)[number],
    municipalityName: await repo.municipalityName(db, p.municipality_id),
    programmeName: p.name,
    programmeDescription: p.description,
    companyName: companies.get(n.company_id)?.name ?? '',
    nominatorName: n.source === 'staff' || !from ? null : (companies.get(from.company_id)?.name ?? null),
    pickedByStaff: n.source === 'staff',
    reason: n.reason,
    dueAt: n.due_at,
  };
}

/** Where the company of a private link to name the next stands, and whether it may name one now. */
async function linkState(db: Executor, leg: RelayLegTable) {
  const p = (await repo.findProgramme(db, leg.programme_id))!;
  const s = await batonState(db, (await repo.findBaton(db, leg.baton_id))!);
  const canNominate = p.status === 'active' && s.holder?.id === leg.id && canNominateOnBaton(s.phase).ok;
  return { p, s, canNominate };
}

export async function nominateLinkView(db: Executor, token: string) {
  const leg = await legByToken(db, token);
  const { p, s, canNominate } = await linkState(db, leg);
  const lastCompany = s.last ? ((await findCompany(db, s.last.company_id))?.name ?? '') : '';
  const openCompany = s.open ? ((await findCompany(db, s.open.company_id))?.name ?? '') : '';
  return {
    municipalityName: await repo.municipalityName(db, p.municipality_id),
    programmeName: p.name,
    companyName: (await findCompany(db, leg.company_id))?.name ?? '',
    canNominate,
    handedBack:
      s.phase === 'handed_back' && s.last
        ? { companyName: lastCompany, outcome: s.last.status as 'declined' | 'expired' }
        : null,
    pending: s.open ? { companyName: openCompany } : null,
    showPublicly: leg.show_publicly === 1,
  };
}

/**
 * The register search of a private link to name the next, for someone outside the municipality:
 * only while the link can still name one (else it would be a public window on the register), and
 * as a reader without personal data, so a sole trader's personal identity number cannot be tested
 * digit by digit (it is searched by its date of birth at most).
 */
export async function searchByLink(db: Executor, token: string, q: string): Promise<RelayCompanyRow[]> {
  const { canNominate } = await linkState(db, await legByToken(db, token));
  if (!canNominate) {
    throw new AppError(
      'CLOSED',
      'Länken kan inte användas för att nominera just nu. Ladda om sidan för att se varför.',
    );
  }
  return searchCompanies(db, q, 10, { personalData: false });
}

/** The public page: only companies that agreed to be shown, no personal data. */
export async function publicView(db: Executor, programmeId: string) {
  const p = await repo.findProgramme(db, programmeId);
  if (!p || p.public_page !== 1) throw notFound('Sidan');
  const visited = await repo.visitedLegs(db, p.id);
  const companies = await findCompanies(
    db,
    visited.map((v) => v.company_id),
  );
  // A sole trader's name can be a person's name: never shown, even with consent ticked.
  const shown = visited.filter(
    (v) => v.show_publicly === 1 && companies.get(v.company_id)?.personal_data !== 1,
  );
  const latest = visited.at(-1);
  const latestShown = latest && shown.includes(latest);
  return {
    municipalityName: await repo.municipalityName(db, p.municipality_id),
    name: p.name,
    description: p.description,
    goal: await goalVisits(db, p),
    visitsDone: (await countedVisitDates(db, p)).length,
    latest: latest
      ? {
          companyName: latestShown ? (companies.get(latest.company_id)?.name ?? null) : null,
          visitedAt: latest.visited_at.slice(0, 10),
        }
      : null,
    companies: shown
      .map((v) => ({
        name: companies.get(v.company_id)?.name ?? '',
        postalTown: companies.get(v.company_id)?.postal_town ?? null,
        visitedAt: v.visited_at.slice(0, 10),
      }))
      .reverse(),
  };
}
