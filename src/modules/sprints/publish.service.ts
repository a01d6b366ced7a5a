import type { Executor } from '../../db/database';
import type { Env } from '../../config/env';
import { AppError, conflict } from '../../server/errors';

import { buildInvitation, parseMailbox, type Person } from '../../lib/ical';
import { checkSchedule } from '../../scheduler';
import { createVisit, getVisit, updateVisit } from '../visits/visit.service';
import { findMunicipality, listTopics } from '../municipality/municipality.repository';
import type { Mailer, OutgoingMail } from '../mail/mailer';
import type { PlanVisit } from '../../contracts/sprints';
import {
  findSprintRow,
  insertPublishedRow,
  listPeopleByIds,
  listPublishedRows,
  otherVisitsOverlapping,
  updatePublishedRow,
  updateSprintRow,
  updateSprintVersioned,
  type ParticipantRow,
  type RegistrationRow,
} from './sprint.repository';
import {
  absentDetails,
  absentMembers,
  planContext,
  violationDetails,
  type PlanContext,
} from './plan.service';
import { sprintView, stale } from './sprint.service';
import { formatDaySv, formatInstantSv, slotInstant, type SprintData } from './sprint.model';
import { meetingLinkOf, snapshotOf, type VisitSnapshot } from './publish.snapshot';
import type { SprintPublishedVisitTable } from './sprint.table';
import {
  companyCancellationText,
  companyVisitText,
  mailLang,
  unscheduledText,
  visitTime,
} from './registration.mails';

export interface PublishCounts {
  companies: number;
  participants: number;
  cancellations: number;
  unscheduled: number;
}

const uidOf = (registrationId: string) => `besok-sprint-${registrationId}@besok`;

/** Someone on a team, by what the messages need of them. */
interface Member {
  name: string;
  title: string;
  email: string;
}

interface Ctx {
  pc: PlanContext;
  env: Env;
  mailer: Mailer;
  db: Executor;
  now: Date;
  topicLabels: Map<string, string>;
  organizer: Person;
  counts: PublishCounts;
  /** The participants something was queued for. */
  told: Set<string>;
  /** Each sent visit's `visit` row, by registration: the participants' links to it. */
  visitIds: Map<string, string>;
}

/**
 * Sends the plan: each company its visit and each participant their visits, as iMIP invitations
 * with a stable UID per visit. Publishing again sends only what changed since — an update with a
 * higher SEQUENCE to those it concerns, a cancellation for visits no longer in the plan.
 */
export async function publish(
  db: Executor,
  mailer: Mailer,
  env: Env,
  municipalityId: string,
  sprintId: string,
  version: number,
  now: Date,
): Promise<{ sprint: Awaited<ReturnType<typeof sprintView>>; sent: PublishCounts }> {
  const pc = await planContext(db, municipalityId, sprintId);
  const s = pc.s;
  if (s.row.version !== version) throw stale();
  // Claim the sprint first: a second admin publishing at the same moment waits on this row and
  // is then refused as stale, instead of racing to write the same visits.
  if (!(await updateSprintVersioned(db, sprintId, version, { updated_at: now.toISOString() }))) throw stale();
  if (!s.row.plan)
    throw conflict('Kör schemaläggningen innan dagen skickas ut.', [
      { path: 'plan', message: 'ingen plan än' },
    ]);
  const regs = new Map(pc.regs.map((r) => [r.id, r]));
  const visits = s.plan.visits.filter(
    (v) => regs.get(v.registration) && !regs.get(v.registration)!.withdrawn_at,
  );
  // Someone deactivated since is sent nothing: their visits need another member first.
  const absent = await absentMembers(db, pc, visits);
  if (absent.length) {
    throw conflict(
      'Några i lagen är inte längre aktiva och kan inte vara med. Byt ut dem i lagen innan dagen skickas ut.',
      absentDetails(absent),
    );
  }
  const violations = checkSchedule(
    pc.instance,
    visits.filter((v) => pc.instance.registrations.some((r) => r.id === v.registration)),
  );
  if (violations.length) {
    throw new AppError(
      'INFEASIBLE',
      'Planen bryter mot reglerna sedan den gjordes (en anmälan eller en deltagares tider har ändrats). Gör om eller ändra planen.',
      violationDetails(violations, pc.regs, pc.participants, pc.s.slots).slice(0, 20),
    );
  }
  await assertCalendarsFree(db, sprintId, s, visits, pc.participants);
  const published = new Map((await listPublishedRows(db, sprintId)).map((p) => [p.registration_id, p]));
  await assertHeldVisitsKept(db, published, s, visits, regs);
  const topics = await listTopics(db, municipalityId, true);
  const ctx: Ctx = {
    pc,
    env,
    mailer,
    db,
    now,
    topicLabels: new Map(topics.map((t) => [t.slug, t.labelSv])),
    organizer: await organizerOf(db, env),
    counts: { companies: 0, participants: 0, cancellations: 0, unscheduled: 0 },
    told: new Set(),
    visitIds: new Map(),
  };
  for (const p of published.values()) ctx.visitIds.set(p.registration_id, p.visit_id);
  // The active participants, and whoever was sent a visit before, on the roster or not (someone
  // taken off a team and then off the roster is still sent the cancellation); never the inactive.
  const people = new Map<string, Member>(
    pc.participants.filter((p) => p.active === 1).map((p) => [p.user_id, p]),
  );
  const earlier = [...published.values()].flatMap((p) => (JSON.parse(p.snapshot) as VisitSnapshot).team);
  for (const u of await listPeopleByIds(
    db,
    earlier.filter((id) => !people.has(id)),
  ))
    if (u.active === 1) people.set(u.id, u);
  const firstPublish = s.row.published_at === null;

  for (const v of visits) {
    const r = regs.get(v.registration)!;
    const snap = snapshotOf(s, v, r);
    const prev = published.get(v.registration);
    const starts = slotInstant(s.row.day, snap.start.slice(11));
    const ends = slotInstant(s.row.day, snap.end.slice(11));
    if (!prev) {
      const visit = await createVisit(
        db,
        {
          municipalityId,
          companyId: r.company_id,
          startsAt: starts,
          endsAt: ends,
          mode: r.mode as 'digital' | 'physical',
          location: r.mode === 'physical' ? r.visit_address : '',
          meetingLink: r.mode === 'digital' ? snap.place : '',
          participantIds: v.team,
          programme: { type: 'sprint', id: sprintId },
          checkCalendars: false,
        },
        now,
      );
      ctx.visitIds.set(r.id, visit.id);
      await insertPublishedRow(db, {
        registration_id: r.id,
        sprint_id: sprintId,
        visit_id: visit.id,
        ical_uid: uidOf(r.id),
        sequence: 0,
        snapshot: JSON.stringify(snap),
        cancelled: 0,
        updated_at: now.toISOString(),
      });
      await sendVisit(ctx, r, v, snap, 0, 'new', [], [], people);
      continue;
    }
    const prevSnap = JSON.parse(prev.snapshot) as VisitSnapshot;
    if (!prev.cancelled && prev.snapshot === JSON.stringify(snap)) continue;
    const sequence = prev.sequence + 1;
    const current = await getVisit(db, prev.visit_id);
    await updateVisit(
      db,
      prev.visit_id,
      current.version,
      {
        startsAt: starts,
        endsAt: ends,
        mode: r.mode as 'digital' | 'physical',
        location: r.mode === 'physical' ? r.visit_address : '',
        meetingLink: r.mode === 'digital' ? snap.place : '',
        participantIds: v.team,
        status: 'planned',
        checkCalendars: false,
      },
      now,
    );
    await updatePublishedRow(db, r.id, {
      sequence,
      snapshot: JSON.stringify(snap),
      cancelled: 0,
      updated_at: now.toISOString(),
    });
    // Those on the team before get the change; those new to it, the visit as new to them.
    const before = prev.cancelled ? [] : prevSnap.team;
    const removed = before.filter((m) => !v.team.includes(m));
    await sendVisit(ctx, r, v, snap, sequence, prev.cancelled ? 'new' : 'changed', before, removed, people);
  }

  // Visits published before and no longer in the plan (dropped, or the company withdrew).
  const planned = new Set(visits.map((v) => v.registration));
  for (const prev of published.values()) {
    if (prev.cancelled || planned.has(prev.registration_id)) continue;
    const r = regs.get(prev.registration_id);
    const snap = JSON.parse(prev.snapshot) as VisitSnapshot;
    const sequence = prev.sequence + 1;
    const current = await getVisit(db, prev.visit_id);
    await updateVisit(
      db,
      prev.visit_id,
      current.version,
      { status: 'cancelled', checkCalendars: false },
      now,
    );
    await updatePublishedRow(db, prev.registration_id, {
      sequence,
      cancelled: 1,
      updated_at: now.toISOString(),
    });
    if (r) await sendCancellation(ctx, r, snap, sequence, people);
  }

  // Registrations left out get a polite word, once. Not those without a position yet: the
  // scheduler never had them, and the board asks for the position; once it is set they are
  // planned (or told they were left out) with a later publication. Nor, once the scheduler has
  // run, those it never saw (registered after its last run: the board says so, and the next run
  // plans them or leaves them out); a plan made by hand alone leaves out all it does not hold.
  const told = new Set(s.plan.notifiedUnscheduled ?? []);
  const everPublished = new Set(published.keys());
  const waiting = new Set(pc.missingPositions.map((r) => r.id));
  const leftOut = s.plan.solvedAt ? new Set(s.plan.unscheduled.map((u) => u.registration)) : null;
  const newlyTold: string[] = [];
  for (const r of pc.regs) {
    if (r.withdrawn_at || planned.has(r.id) || told.has(r.id) || everPublished.has(r.id)) continue;
    if (waiting.has(r.id) || (leftOut && !leftOut.has(r.id))) continue;
    await ctx.mailer.enqueue(db, unscheduledMail(s, r));
    newlyTold.push(r.id);
    ctx.counts.unscheduled++;
  }

  // Each participant also gets their whole day in one message: with the first publication, or
  // with the first that gives them a visit (someone who joined the roster later).
  const summarized = new Set(
    s.plan.daySummaryTo ?? (firstPublish ? [] : pc.participants.map((p) => p.user_id)),
  );
  for (const p of pc.participants) {
    if (p.active !== 1 || summarized.has(p.user_id)) continue;
    const mine = visits.filter((v) => v.team.includes(p.user_id));
    if (!mine.length) continue;
    await ctx.mailer.enqueue(db, daySummaryMail(ctx, p, mine, regs));
    ctx.told.add(p.user_id);
    summarized.add(p.user_id);
  }
  ctx.counts.participants = ctx.told.size;

  await updateSprintRow(db, sprintId, {
    status: 'published',
    published_at: s.row.published_at ?? now.toISOString(),
    plan: JSON.stringify({
      ...s.plan,
      notifiedUnscheduled: [...told, ...newlyTold],
      daySummaryTo: [...summarized],
    }),
    updated_at: now.toISOString(),
  });
  return { sprint: await sprintView(db, (await findSprintRow(db, sprintId))!), sent: ctx.counts };
}

/**
 * A visit already held (marked done, or its report submitted) is a record: publishing again must
 * not move it, change its team or cancel it (nor mail the company a change to a visit that took
 * place). Refused, naming each such visit, so the board can be set back for them first.
 */
async function assertHeldVisitsKept(
  db: Executor,
  published: Map<string, SprintPublishedVisitTable>,
  s: SprintData,
  visits: PlanVisit[],
  regs: Map<string, RegistrationRow>,
): Promise<void> {
  const inPlan = new Map(visits.map((v) => [v.registration, v]));
  const details: Array<{ path: string; message: string }> = [];
  for (const prev of published.values()) {
    if (prev.cancelled) continue;
    const v = inPlan.get(prev.registration_id);
    const r = regs.get(prev.registration_id);
    const changed = !v || !r || JSON.stringify(snapshotOf(s, v, r)) !== prev.snapshot;
    if (!changed) continue;
    if ((await getVisit(db, prev.visit_id)).status !== 'done') continue;
    details.push({
      path: r?.company_name ?? prev.registration_id,
      message: v
        ? 'besöket är redan genomfört; planen ändrar dess tid eller lag'
        : 'besöket är redan genomfört; planen tar bort det',
    });
  }
  if (details.length) {
    throw conflict(
      'Besök som redan är genomförda kan inte ändras eller ställas in. Lägg tillbaka dem på tavlan som de skickades ut innan dagen skickas igen.',
      details,
    );
  }
}

/**
 * A participant may have other visits that day (a call-in, a relay visit): publishing refuses a
 * sprint visit that would clash with one, naming the person and the time. Sprint visits among
 * themselves are kept apart by the scheduler's rule 4.
 */
async function assertCalendarsFree(
  db: Executor,
  sprintId: string,
  s: SprintData,
  visits: PlanVisit[],
  participants: ParticipantRow[],
): Promise<void> {
  const names = new Map(participants.map((p) => [p.user_id, p.name]));
  const details: Array<{ path: string; message: string }> = [];
  for (const v of visits) {
    const slot = s.slots.find((x) => x.id === v.slot);
    if (!slot) continue;
    const clashes = await otherVisitsOverlapping(
      db,
      sprintId,
      v.team,
      slotInstant(s.row.day, slot.start),
      slotInstant(s.row.day, slot.end),
    );
    for (const c of clashes) {
      details.push({
        path: names.get(c.user_id) ?? c.user_id,
        message: `har redan ett annat besök ${formatInstantSv(c.starts_at)}, samtidigt som tiden ${slot.start}–${slot.end}`,
      });
    }
  }
  if (details.length) {
    throw conflict(
      'Några i lagen har redan andra besök vid de tiderna. Ändra laget eller tiden först.',
      details,
    );
  }
}

/** Replies to an invitation go to the organizer: the unit's shared mailbox when one is set. */
async function organizerOf(db: Executor, env: Env): Promise<Person> {
  const m = await findMunicipality(db);
  const replyTo = m?.settings.replyTo.trim();
  return replyTo ? { name: m!.settings.unitName, email: replyTo } : parseMailbox(env.MAIL_FROM);
}

function teamLines(team: string[], people: Map<string, Member>): string[] {
  return team.map((id) => {
    const p = people.get(id);
    return p ? `- ${p.name}${p.title ? `, ${p.title}` : ''}` : '- (okänd)';
  });
}

function timeOf(snap: VisitSnapshot): string {
  return `${formatDaySv(snap.start.slice(0, 10))} kl. ${snap.start.slice(11)}–${snap.end.slice(11)}`;
}

function attendeesOf(r: RegistrationRow, team: string[], people: Map<string, Member>): Person[] {
  return [
    { name: r.contact_name, email: r.contact_email },
    ...team.flatMap((id) =>
      people.get(id) ? [{ name: people.get(id)!.name, email: people.get(id)!.email }] : [],
    ),
  ];
}

async function sendVisit(
  ctx: Ctx,
  r: RegistrationRow,
  v: PlanVisit,
  snap: VisitSnapshot,
  sequence: number,
  kind: 'new' | 'changed',
  /** Who was on the team as last sent: they get the change, the others the visit as new. */
  before: string[],
  removed: string[],
  people: Map<string, Member>,
): Promise<void> {
  const s = ctx.pc.s;
  const where =
    snap.mode === 'digital'
      ? `Digitalt möte: ${snap.place || 'länken skickas separat'}`
      : `Plats: ${snap.place}`;
  const topics = (JSON.parse(r.topics) as string[]).map((t) => ctx.topicLabels.get(t) ?? t);
  const invitation = (method: 'REQUEST' | 'CANCEL', summary: string, description: string) => ({
    method,
    content: buildInvitation({
      method,
      uid: uidOf(r.id),
      sequence,
      start: snap.start,
      end: snap.end,
      summary,
      description,
      ...(snap.mode === 'physical'
        ? { location: snap.place }
        : snap.place
          ? { location: snap.place, url: snap.place }
          : {}),
      organizer: ctx.organizer,
      attendees: attendeesOf(r, v.team, people),
      stamp: ctx.now,
    }),
  });

  const lang = mailLang(r.lang);
  const company = companyVisitText(lang, {
    sprintName: s.row.name,
    contactName: r.contact_name,
    kind,
    time: visitTime(snap.start, snap.end, lang),
    mode: snap.mode,
    place: snap.place,
    team: teamLines(v.team, people),
  });
  await ctx.mailer.enqueue(ctx.db, {
    to: r.contact_email,
    subject: company.subject,
    text: company.text,
    icalEvent: invitation('REQUEST', company.summary, company.text),
    related: { type: 'company', id: r.company_id },
    registrationId: r.id,
  });
  ctx.counts.companies++;

  const staffText = (kind: 'new' | 'changed') =>
    [
      kind === 'new' ? `Besök i ${s.row.name}` : `Ändrat besök i ${s.row.name}`,
      '',
      `Företag: ${r.company_name}`,
      `Tid: ${timeOf(snap)}`,
      where,
      `Kontakt: ${r.contact_name}${r.contact_role ? `, ${r.contact_role}` : ''}, ${r.contact_email}${r.contact_phone ? `, ${r.contact_phone}` : ''}`,
      `Ämnen: ${[...topics, r.topics_text].filter(Boolean).join('; ') || '–'}`,
      '',
      'Laget:',
      ...teamLines(v.team, people),
      '',
      `Din dag: ${ctx.env.PUBLIC_URL.replace(/\/$/, '')}/sprintar/${s.row.id}/dag`,
    ].join('\n');
  for (const id of v.team) {
    const p = people.get(id);
    if (!p) continue;
    const mine = before.includes(id) ? kind : 'new';
    const text = staffText(mine);
    await ctx.mailer.enqueue(ctx.db, {
      to: p.email,
      subject: `${mine === 'new' ? 'Besök' : 'Ändrat besök'}: ${r.company_name} ${snap.start.slice(11)}`,
      text,
      icalEvent: invitation('REQUEST', `Företagsbesök: ${r.company_name}`, text),
      related: { type: 'sprint', id: s.row.id },
      registrationId: r.id,
    });
    ctx.told.add(id);
  }
  for (const id of removed) {
    const p = people.get(id);
    if (!p) continue;
    const text = `Du är inte längre med på besöket hos ${r.company_name} (${timeOf(snap)}) i ${s.row.name}.`;
    await ctx.mailer.enqueue(ctx.db, {
      to: p.email,
      subject: `Inställt för dig: ${r.company_name} ${snap.start.slice(11)}`,
      text,
      icalEvent: {
        method: 'CANCEL',
        content: buildInvitation({
          method: 'CANCEL',
          uid: uidOf(r.id),
          sequence,
          start: snap.start,
          end: snap.end,
          summary: `Företagsbesök: ${r.company_name}`,
          description: text,
          organizer: ctx.organizer,
          attendees: [{ name: p.name, email: p.email }],
          stamp: ctx.now,
        }),
      },
      related: { type: 'sprint', id: s.row.id },
      registrationId: r.id,
    });
    ctx.told.add(id);
  }
}

async function sendCancellation(
  ctx: Ctx,
  r: RegistrationRow,
  snap: VisitSnapshot,
  sequence: number,
  people: Map<string, Member>,
): Promise<void> {
  const s = ctx.pc.s;
  const recipients: Array<Person & { company: boolean; id?: string }> = [
    { name: r.contact_name, email: r.contact_email, company: true },
    ...snap.team.flatMap((id) =>
      people.get(id)
        ? [{ id, name: people.get(id)!.name, email: people.get(id)!.email, company: false }]
        : [],
    ),
  ];
  const lang = mailLang(r.lang);
  const forCompany = companyCancellationText(lang, {
    sprintName: s.row.name,
    contactName: r.contact_name,
    companyName: r.company_name,
    time: visitTime(snap.start, snap.end, lang),
    startTime: snap.start.slice(11),
  });
  for (const to of recipients) {
    const text = to.company
      ? forCompany.text
      : `Besöket hos ${r.company_name} ${timeOf(snap)} i ${s.row.name} är inställt.`;
    await ctx.mailer.enqueue(ctx.db, {
      to: to.email,
      subject: to.company ? forCompany.subject : `Inställt besök: ${r.company_name} ${snap.start.slice(11)}`,
      text,
      icalEvent: {
        method: 'CANCEL',
        content: buildInvitation({
          method: 'CANCEL',
          uid: uidOf(r.id),
          sequence,
          start: snap.start,
          end: snap.end,
          summary: to.company ? forCompany.summary : `Företagsbesök: ${r.company_name}`,
          description: text,
          organizer: ctx.organizer,
          attendees: attendeesOf(r, snap.team, people),
          stamp: ctx.now,
        }),
      },
      related: to.company ? { type: 'company', id: r.company_id } : { type: 'sprint', id: s.row.id },
      registrationId: r.id,
    });
    if (to.id) ctx.told.add(to.id);
  }
  ctx.counts.cancellations++;
}

function unscheduledMail(s: SprintData, r: RegistrationRow): OutgoingMail {
  return {
    to: r.contact_email,
    ...unscheduledText(mailLang(r.lang), {
      sprintName: s.row.name,
      day: s.row.day,
      contactName: r.contact_name,
      companyName: r.company_name,
    }),
    related: { type: 'company', id: r.company_id },
    registrationId: r.id,
  };
}

/**
 * A participant's whole day: each visit with a link to its page, where its report is written on
 * the day (from the phone, without looking for it among all one's visits).
 */
function daySummaryMail(ctx: Ctx, p: ParticipantRow, mine: PlanVisit[], regs: Map<string, RegistrationRow>) {
  const s = ctx.pc.s;
  const base = ctx.env.PUBLIC_URL.replace(/\/$/, '');
  const order = new Map(s.slots.map((x, i) => [x.id, i]));
  const lines = [...mine]
    .sort((a, b) => order.get(a.slot)! - order.get(b.slot)!)
    .flatMap((v) => {
      const r = regs.get(v.registration)!;
      const slot = s.slots.find((x) => x.id === v.slot)!;
      const where = r.mode === 'digital' ? `digitalt ${meetingLinkOf(s, r)}` : r.visit_address;
      return [
        `${slot.start}–${slot.end}  ${r.company_name} (${where})`,
        `  Besöket och rapporten: ${base}/besok/${ctx.visitIds.get(v.registration)}`,
      ];
    });
  return {
    to: p.email,
    subject: `Din dag: ${s.row.name} ${s.row.day}`,
    text: [
      `Hej ${p.name},`,
      '',
      `Här är din dag i ${s.row.name}, ${formatDaySv(s.row.day)}:`,
      '',
      ...lines,
      '',
      'Du får en kalenderinbjudan för varje besök.',
      `Hela dagen med kontakter och restider: ${base}/sprintar/${s.row.id}/dag`,
    ].join('\n'),
    related: { type: 'sprint', id: s.row.id },
  };
}
