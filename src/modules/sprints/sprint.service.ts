import { randomBytes } from 'node:crypto';
import { isUniqueViolation } from '../../db/errors';
import type { z } from 'zod';
import type { Executor } from '../../db/database';
import { AppError, conflict, notFound, validation, type ErrorDetail } from '../../server/errors';
import { newId } from '../../lib/ids';
import { listTopics } from '../municipality/municipality.repository';
import { findStaff } from '../staff/staff.repository';
import { checkSchedule } from '../../scheduler';
import {
  DEFAULT_RULES,
  defaultSlots,
  type AdminRegistration,
  type CreateSprintBody,
  type MyAvailabilityBody,
  type Participant,
  type RosterBody,
  type Slot,
  type Sprint,
  type SprintRules,
  type UpdateSprintBody,
} from '../../contracts/sprints';
import {
  countRegistrations,
  findRegistrationRow,
  findSprintRow,
  insertSprint,
  listParticipantRows,
  listParticipantsWhoCanTakePart,
  listPublishedRows,
  listRegistrationRows,
  listSprintRows,
  replaceParticipantRows,
  slugTaken,
  sprintIdsOfParticipant,
  updateParticipantRow,
  updateRegistrationIfUnchanged,
  updateSprintVersioned,
  type RegistrationRow,
} from './sprint.repository';
import { parseSprint, toSprint, type SprintData, type StoredPlan } from './sprint.model';
import type { SprintParticipantTable, SprintTable } from './sprint.table';
import { buildInstance, humanizer, violationKey } from './plan.instance';

export const stale = () =>
  new AppError(
    'STALE',
    'Någon annan har ändrat sprinten under tiden. Ladda om sidan och gör ändringen igen.',
  );

export const staleRegistration = () =>
  new AppError(
    'STALE',
    'Anmälan har ändrats under tiden, av företaget eller av någon annan. Ladda om sidan och gör ändringen igen.',
  );

export async function loadSprint(db: Executor, municipalityId: string, id: string): Promise<SprintData> {
  const row = await findSprintRow(db, id);
  if (!row || row.municipality_id !== municipalityId) throw notFound('Sprinten');
  return parseSprint(row);
}

export async function sprintView(db: Executor, row: SprintTable): Promise<Sprint> {
  // Those who can take part: someone deactivated stays on the roster (their sent visits need
  // another member) but is not counted.
  const participants = (await listParticipantRows(db, row.id)).filter((p) => Number(p.active) === 1).length;
  return toSprint(row, { registrations: await countRegistrations(db, row.id), participants });
}

export async function listSprints(db: Executor, municipalityId: string): Promise<Sprint[]> {
  const rows = await listSprintRows(db, municipalityId);
  return Promise.all(rows.map((r) => sprintView(db, r)));
}

function checkSlots(slots: Slot[]): void {
  const details: ErrorDetail[] = [];
  const ids = new Set<string>();
  slots.forEach((s, i) => {
    if (ids.has(s.id)) details.push({ path: `slots.${i}.id`, message: `tiden ${s.id} finns två gånger` });
    ids.add(s.id);
  });
  if (details.length) throw validation(details);
}

/**
 * The topics a sprint offers are the municipality's active ones; one the sprint offered already
 * stays allowed after it is deactivated (else no save of that sprint would go through).
 */
async function checkTopics(
  db: Executor,
  municipalityId: string,
  topics: string[],
  had: readonly string[] = [],
): Promise<void> {
  const known = new Set((await listTopics(db, municipalityId)).map((t) => t.slug));
  const unknown = topics.filter((t) => !known.has(t) && !had.includes(t));
  if (unknown.length) throw validation([{ path: 'topics', message: `okänt ämne: ${unknown.join(', ')}` }]);
}

function checkPeriod(opensAt: string, closesAt: string, day: string): void {
  if (Date.parse(closesAt) <= Date.parse(opensAt)) {
    throw validation([
      { path: 'registrationClosesAt', message: 'anmälan måste stänga efter att den öppnar' },
    ]);
  }
  if (closesAt.slice(0, 10) > day) {
    throw validation([
      { path: 'registrationClosesAt', message: 'anmälan måste stänga senast sprintens dag' },
    ]);
  }
}

const newSlug = () =>
  randomBytes(5)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x');

export async function createSprint(
  db: Executor,
  municipalityId: string,
  input: z.output<typeof CreateSprintBody>,
  now: Date,
): Promise<Sprint> {
  const slots = input.slots ?? defaultSlots();
  checkSlots(slots);
  await checkTopics(db, municipalityId, input.topics);
  checkPeriod(input.registrationOpensAt, input.registrationClosesAt, input.day);
  const slug = input.slug ?? newSlug();
  const slugInUse = () =>
    conflict('Den publika adressen används redan.', [{ path: 'slug', message: 'används redan' }]);
  if (input.slug && (await slugTaken(db, slug))) throw slugInUse();
  const row: SprintTable = {
    id: newId(),
    municipality_id: municipalityId,
    name: input.name,
    slug,
    day: input.day,
    slots: JSON.stringify(slots),
    rules: JSON.stringify(input.rules ?? DEFAULT_RULES),
    topics: JSON.stringify(input.topics),
    public_text: input.publicText,
    meeting_link_template: input.meetingLinkTemplate,
    registration_opens_at: new Date(input.registrationOpensAt).toISOString(),
    registration_closes_at: new Date(input.registrationClosesAt).toISOString(),
    status: 'draft',
    plan: null,
    published_at: null,
    version: 1,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  const roster = input.rosterFrom ? await rosterToCopy(db, municipalityId, input.rosterFrom, slots) : [];
  try {
    await insertSprint(db, row);
  } catch (err) {
    // Taken by a sprint created a moment ago (the check above did not see it yet).
    if (isUniqueViolation(err)) throw slugInUse();
    throw err;
  }
  await replaceParticipantRows(
    db,
    row.id,
    roster.map((p) => ({ ...p, sprint_id: row.id })),
  );
  return sprintView(db, row);
}

/**
 * The participants of an earlier sprint, for a new one: those who are still active staff (not
 * readers), each available in all the new day's times — their times that day are their own to set
 * again — and with the most visits they had.
 */
async function rosterToCopy(
  db: Executor,
  municipalityId: string,
  fromId: string,
  slots: Slot[],
): Promise<Array<Omit<SprintParticipantTable, 'sprint_id'>>> {
  const from = await findSprintRow(db, fromId);
  if (!from || from.municipality_id !== municipalityId) {
    throw validation([{ path: 'rosterFrom', message: 'det finns ingen sådan sprint' }]);
  }
  const people = await listParticipantsWhoCanTakePart(db, from.id);
  const all = JSON.stringify(slots.map((s) => s.id));
  return people.map((p) => ({
    user_id: p.user_id,
    available: all,
    max_visits: p.max_visits === null ? null : Math.min(p.max_visits, slots.length),
  }));
}

/**
 * A time is what companies chose: one that a registration chose keeps its id only while its start
 * and end stay as they were. A chosen time that moves becomes a new time (a new id): the choices of
 * the old one are let go (each company is told on its page and may choose again), and a visit
 * planned in it leaves the plan, or the change is refused when that visit is already sent. A new
 * time never takes the id of one removed earlier that registrations still name (it would take
 * their choices over unasked). Returns the times to store and the ids moved.
 */
async function settleSlots(
  db: Executor,
  s: SprintData,
  wanted: Slot[],
): Promise<{ slots: Slot[]; moved: Array<{ from: string; to: string }> }> {
  const chosen = new Set(
    (await listRegistrationRows(db, s.row.id)).flatMap((r) => JSON.parse(r.slots) as string[]),
  );
  const used = new Set([...chosen, ...s.slots.map((x) => x.id), ...wanted.map((x) => x.id)]);
  let n = Math.max(0, ...[...used].map((x) => Number(/^s(\d{1,6})$/.exec(x)?.[1] ?? 0)));
  const fresh = () => {
    while (used.has(`s${++n}`));
    used.add(`s${n}`);
    return `s${n}`;
  };
  const moved: Array<{ from: string; to: string }> = [];
  const slots = wanted.map((x) => {
    const was = s.slots.find((o) => o.id === x.id);
    if (!chosen.has(x.id) || (was && was.start === x.start && was.end === x.end)) return x;
    const to = fresh();
    if (was) moved.push({ from: x.id, to });
    return { ...x, id: to };
  });
  return { slots, moved };
}

/**
 * The visits of the plan that a new day (slots, rules, roster) would break, by company and rule.
 * Only what the change itself breaks counts: a visit that already broke a rule before it (a
 * position set since the run, someone deactivated, a hand edit the admin kept) breaks it no more
 * for it, and is neither dropped nor reason to refuse. Published visits must never break silently;
 * unpublished ones leave the plan.
 */
async function brokenVisits(
  db: Executor,
  s: SprintData,
  next: {
    slots: Slot[];
    rules: SprintRules;
    roster?: Array<{ userId: string; available: string[]; maxVisits: number | null }>;
  },
): Promise<{ published: ErrorDetail[]; dropped: Set<string> }> {
  const regs = await listRegistrationRows(db, s.row.id);
  const current = await listParticipantRows(db, s.row.id);
  let participants = current;
  if (next.roster) {
    const byId = new Map(next.roster.map((p) => [p.userId, p]));
    participants = current
      .filter((p) => byId.has(p.user_id))
      .map((p) => ({
        ...p,
        available: JSON.stringify(byId.get(p.user_id)!.available),
        max_visits: byId.get(p.user_id)!.maxVisits,
      }));
  }
  const visits = s.plan.visits.map((v) => ({ registration: v.registration, slot: v.slot, team: v.team }));
  // The plan checked against a day: the visits it can check (their time, company and people are in
  // it) and the rules they break there. Someone deactivated is in no day's staff, so a visit of
  // theirs is broken before and after alike.
  const check = (day: Pick<SprintData, 'row' | 'slots' | 'rules'>, people: typeof current) => {
    const { instance } = buildInstance(day, people, regs);
    const slotIds = new Set(day.slots.map((x) => x.id));
    const known = new Set(instance.registrations.map((r) => r.id));
    const staffIds = new Set(instance.staff.map((p) => p.id));
    const checkable = visits.filter(
      (v) => slotIds.has(v.slot) && known.has(v.registration) && v.team.every((m) => staffIds.has(m)),
    );
    return { slotIds, staffIds, violations: checkSchedule(instance, checkable) };
  };
  const before = check(s, current);
  const after = check({ ...s, slots: next.slots, rules: next.rules }, participants);
  const problems = new Map<string, string[]>();
  const add = (reg: string, msg: string) => problems.set(reg, [...(problems.get(reg) ?? []), msg]);
  const timeOf = (id: string) => {
    const x = s.slots.find((o) => o.id === id);
    return x ? `${x.start}–${x.end}` : id;
  };
  for (const v of visits) {
    if (before.slotIds.has(v.slot) && !after.slotIds.has(v.slot))
      add(v.registration, `tiden ${timeOf(v.slot)} är borttagen eller flyttad`);
    if (v.team.some((m) => before.staffIds.has(m) && !after.staffIds.has(m)))
      add(v.registration, 'en deltagare i laget är inte längre med i sprinten');
  }
  const existing = new Set(before.violations.map(violationKey));
  const human = humanizer(regs, participants, next.slots);
  for (const v of after.violations)
    if (!existing.has(violationKey(v))) add(v.registration, human(v.messageSv));
  const published = new Set(
    (await listPublishedRows(db, s.row.id)).filter((p) => p.cancelled === 0).map((p) => p.registration_id),
  );
  const names = new Map(regs.map((r) => [r.id, r.company_name]));
  const details: ErrorDetail[] = [];
  const dropped = new Set<string>();
  for (const [reg, msgs] of problems) {
    if (published.has(reg))
      details.push({ path: names.get(reg) ?? reg, message: [...new Set(msgs)].join('; ') });
    else dropped.add(reg);
  }
  return { published: details, dropped };
}

/** Takes the visits broken by a change out of the plan, each with the change as its reason (`why`: in English and Swedish). */
function dropFromPlan(plan: StoredPlan, dropped: Set<string>, why: { en: string; sv: string }): StoredPlan {
  if (!dropped.size) return plan;
  return {
    ...plan,
    visits: plan.visits.filter((v) => !dropped.has(v.registration)),
    unscheduled: [
      ...plan.unscheduled.filter((u) => !dropped.has(u.registration)),
      ...[...dropped].map((registration) => ({ registration, reason: why.en, reasonSv: why.sv })),
    ],
  };
}

export async function updateSprint(
  db: Executor,
  municipalityId: string,
  id: string,
  input: z.output<typeof UpdateSprintBody>,
  now: Date,
): Promise<Sprint> {
  const s = await loadSprint(db, municipalityId, id);
  if (s.row.version !== input.version) throw stale();
  const rules = input.rules ?? s.rules;
  if (input.slots) checkSlots(input.slots);
  const { slots, moved } = input.slots
    ? await settleSlots(db, s, input.slots)
    : { slots: s.slots, moved: [] };
  if (input.topics) await checkTopics(db, municipalityId, input.topics, s.topics);
  const day = input.day ?? s.row.day;
  const opens = input.registrationOpensAt
    ? new Date(input.registrationOpensAt).toISOString()
    : s.row.registration_opens_at;
  const closes = input.registrationClosesAt
    ? new Date(input.registrationClosesAt).toISOString()
    : s.row.registration_closes_at;
  checkPeriod(opens, closes, day);
  let plan = s.plan;
  if (input.slots || input.rules) {
    const broken = await brokenVisits(db, s, { slots, rules });
    if (broken.published.length) {
      throw conflict(
        'Ändringen skulle bryta besök som redan är skickade. Ändra eller ta bort dem först.',
        broken.published,
      );
    }
    plan = dropFromPlan(plan, broken.dropped, {
      en: "The plan changed when the day's times or rules changed.",
      sv: 'Planen ändrades när dagens tider eller regler ändrades.',
    });
  }
  if (input.day && input.day !== s.row.day && s.row.published_at) {
    throw conflict('Dagen kan inte flyttas när besöken redan är skickade.', [
      { path: 'day', message: 'besöken är redan skickade' },
    ]);
  }
  let status = s.row.status;
  if (input.status) {
    if (s.row.status === 'planned' || s.row.status === 'published') {
      if (input.status === 'draft') {
        throw conflict('En sprint som redan har en plan kan inte göras till utkast.', [
          { path: 'status', message: 'har redan en plan' },
        ]);
      }
    } else status = input.status;
  }
  const ok = await updateSprintVersioned(db, id, input.version, {
    name: input.name ?? s.row.name,
    day,
    slots: JSON.stringify(slots),
    rules: JSON.stringify(rules),
    topics: input.topics ? JSON.stringify(input.topics) : s.row.topics,
    public_text: input.publicText ?? s.row.public_text,
    meeting_link_template: input.meetingLinkTemplate ?? s.row.meeting_link_template,
    registration_opens_at: opens,
    registration_closes_at: closes,
    status,
    plan: s.row.plan === null && plan.visits.length === 0 ? null : JSON.stringify(plan),
    updated_at: now.toISOString(),
  });
  if (!ok) throw stale();
  // The participants' own times go with a time that moved: they plan the day together with the
  // admin, who sees the roster (a company's choice does not: it was made for the old time).
  if (moved.length) {
    for (const p of await listParticipantRows(db, id)) {
      const available = JSON.parse(p.available) as string[];
      const next = available.map((x) => moved.find((m) => m.from === x)?.to ?? x);
      if (next.some((x, i) => x !== available[i]))
        await updateParticipantRow(db, id, p.user_id, { available: JSON.stringify(next) });
    }
  }
  return sprintView(db, (await findSprintRow(db, id))!);
}

// ---- roster ------------------------------------------------------------------------------------

export async function listParticipants(db: Executor, sprintId: string): Promise<Participant[]> {
  return (await listParticipantRows(db, sprintId)).map((p) => ({
    userId: p.user_id,
    name: p.name,
    title: p.title,
    group: p.staff_group,
    available: JSON.parse(p.available) as string[],
    maxVisits: p.max_visits,
  }));
}

function checkSlotIds(slots: Slot[], ids: string[], path: string): void {
  const known = new Set(slots.map((s) => s.id));
  const unknown = ids.filter((x) => !known.has(x));
  if (unknown.length) throw validation([{ path, message: `okänd tid: ${unknown.join(', ')}` }]);
}

export async function saveRoster(
  db: Executor,
  municipalityId: string,
  sprintId: string,
  input: z.output<typeof RosterBody>,
  now: Date,
): Promise<Participant[]> {
  const s = await loadSprint(db, municipalityId, sprintId);
  if (s.row.version !== input.version) throw stale();
  const seen = new Set<string>();
  // Someone deactivated since they joined may stay (they take no part) or go; not be added anew.
  const onRoster = new Set((await listParticipantRows(db, sprintId)).map((p) => p.user_id));
  for (const [i, p] of input.participants.entries()) {
    const user = await findStaff(db, p.userId);
    if (
      !user ||
      user.municipality_id !== municipalityId ||
      (user.active !== 1 && !onRoster.has(p.userId)) ||
      user.role === 'viewer'
    ) {
      throw validation([{ path: `participants.${i}.userId`, message: 'ingen aktiv personal med det id:t' }]);
    }
    if (seen.has(p.userId))
      throw validation([{ path: `participants.${i}.userId`, message: 'finns två gånger' }]);
    seen.add(p.userId);
    checkSlotIds(s.slots, p.available, `participants.${i}.available`);
  }
  const broken = await brokenVisits(db, s, { slots: s.slots, rules: s.rules, roster: input.participants });
  if (broken.published.length) {
    throw conflict(
      'Ändringen skulle bryta besök som redan är skickade. Ändra eller ta bort dem först.',
      broken.published,
    );
  }
  const plan = dropFromPlan(s.plan, broken.dropped, {
    en: 'The plan changed when the participants changed.',
    sv: 'Planen ändrades när deltagarna ändrades.',
  });
  const ok = await updateSprintVersioned(db, sprintId, input.version, {
    updated_at: now.toISOString(),
    ...(broken.dropped.size ? { plan: JSON.stringify(plan) } : {}),
  });
  if (!ok) throw stale();
  await replaceParticipantRows(
    db,
    sprintId,
    input.participants.map((p) => ({
      sprint_id: sprintId,
      user_id: p.userId,
      available: JSON.stringify([...new Set(p.available)]),
      max_visits: p.maxVisits,
    })),
  );
  return listParticipants(db, sprintId);
}

/** A participant sets their own availability; refused when it breaks a visit already sent. */
export async function setMyAvailability(
  db: Executor,
  municipalityId: string,
  sprintId: string,
  userId: string,
  input: z.output<typeof MyAvailabilityBody>,
  now: Date,
): Promise<Participant> {
  const s = await loadSprint(db, municipalityId, sprintId);
  if (s.row.version !== input.version) throw stale();
  const roster = await listParticipants(db, sprintId);
  const me = roster.find((p) => p.userId === userId);
  if (!me) throw notFound('Din plats i sprinten');
  checkSlotIds(s.slots, input.available, 'available');
  const maxVisits = input.maxVisits === undefined ? me.maxVisits : input.maxVisits;
  const next = roster.map((p) => (p.userId === userId ? { ...p, available: input.available, maxVisits } : p));
  const broken = await brokenVisits(db, s, { slots: s.slots, rules: s.rules, roster: next });
  if (broken.published.length) {
    throw conflict(
      'Du är redan inbokad på besök som skulle krocka. Kontakta den som planerar sprinten.',
      broken.published,
    );
  }
  const plan = dropFromPlan(s.plan, broken.dropped, {
    en: 'The plan changed when a participant changed their times.',
    sv: 'Planen ändrades när en deltagare ändrade sina tider.',
  });
  const ok = await updateSprintVersioned(db, sprintId, input.version, {
    updated_at: now.toISOString(),
    ...(broken.dropped.size ? { plan: JSON.stringify(plan) } : {}),
  });
  if (!ok) throw stale();
  await updateParticipantRow(db, sprintId, userId, {
    available: JSON.stringify([...new Set(input.available)]),
    max_visits: maxVisits,
  });
  return { ...me, available: [...new Set(input.available)], maxVisits };
}

/** Sprints the user takes part in (for the participant's own pages). */
export async function listMySprints(db: Executor, municipalityId: string, userId: string): Promise<Sprint[]> {
  const ids = new Set(await sprintIdsOfParticipant(db, userId));
  const rows = (await listSprintRows(db, municipalityId)).filter((r) => ids.has(r.id));
  return Promise.all(rows.map((r) => sprintView(db, r)));
}

// ---- registrations, admin side ---------------------------------------------------------------

export function toAdminRegistration(r: RegistrationRow): AdminRegistration {
  return {
    id: r.id,
    companyId: r.company_id,
    orgNr: r.org_nr,
    companyName: r.company_name,
    verified: r.verified === 1,
    contactName: r.contact_name,
    contactRole: r.contact_role,
    contactEmail: r.contact_email,
    contactPhone: r.contact_phone,
    mode: r.mode as AdminRegistration['mode'],
    visitAddress: r.visit_address,
    position:
      r.lat !== null && r.lon !== null
        ? { lat: Number(r.lat), lon: Number(r.lon), source: r.position_source ?? 'admin' }
        : null,
    slots: JSON.parse(r.slots) as string[],
    topics: JSON.parse(r.topics) as string[],
    topicsText: r.topics_text,
    meetingLink: r.meeting_link,
    withdrawn: r.withdrawn_at !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listRegistrations(
  db: Executor,
  municipalityId: string,
  sprintId: string,
): Promise<AdminRegistration[]> {
  await loadSprint(db, municipalityId, sprintId);
  return (await listRegistrationRows(db, sprintId)).map(toAdminRegistration);
}

async function loadRegistration(
  db: Executor,
  municipalityId: string,
  sprintId: string,
  id: string,
): Promise<RegistrationRow> {
  await loadSprint(db, municipalityId, sprintId);
  const r = await findRegistrationRow(db, id);
  if (!r || r.sprint_id !== sprintId) throw notFound('Anmälan');
  return r;
}

/** The admin sets the position of an on-site visit (a company not in the register has none). */
export async function setPosition(
  db: Executor,
  municipalityId: string,
  sprintId: string,
  id: string,
  pos: { lat: number; lon: number; updatedAt: string },
  now: Date,
): Promise<AdminRegistration> {
  await loadRegistration(db, municipalityId, sprintId, id);
  const ok = await updateRegistrationIfUnchanged(db, id, pos.updatedAt, {
    lat: pos.lat,
    lon: pos.lon,
    position_source: 'admin',
    updated_at: now.toISOString(),
  });
  if (!ok) throw staleRegistration();
  return toAdminRegistration((await findRegistrationRow(db, id))!);
}

/** A per-visit meeting link for a digital visit (otherwise the sprint's template is used). */
export async function setMeetingLink(
  db: Executor,
  municipalityId: string,
  sprintId: string,
  id: string,
  edit: { meetingLink: string; updatedAt: string },
  now: Date,
): Promise<AdminRegistration> {
  await loadRegistration(db, municipalityId, sprintId, id);
  const ok = await updateRegistrationIfUnchanged(db, id, edit.updatedAt, {
    meeting_link: edit.meetingLink,
    updated_at: now.toISOString(),
  });
  if (!ok) throw staleRegistration();
  return toAdminRegistration((await findRegistrationRow(db, id))!);
}
