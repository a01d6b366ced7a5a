import type { Executor } from '../../db/database';
import { forbidden, notFound } from '../../server/errors';
import { listTopics } from '../municipality/municipality.repository';
import type { DayPage } from '../../contracts/sprints';
import { planContext } from './plan.service';
import { haversineKm, slotInstant } from './sprint.model';
import { snapshotOf, type VisitSnapshot } from './publish.snapshot';
import { listPeopleByIds, listPublishedRows } from './sprint.repository';

/**
 * One participant's day: the visits in order, with the company, topics, contact, link or address,
 * each sent visit's id (its page and report), and the travel time to the next on-site visit (digital visits in between can be taken anywhere,
 * as in the scheduler's travel rule). Once the day is published the page shows what was sent (the
 * published visits not cancelled), never an edit of the board not sent yet: the phone says what the
 * calendars and the companies say. Before that, only an admin sees the draft (published: false).
 */
export async function getDay(
  db: Executor,
  municipalityId: string,
  sprintId: string,
  userId: string,
  viewer: { id: string; isAdmin: boolean },
): Promise<DayPage> {
  if (!viewer.isAdmin && viewer.id !== userId) throw forbidden();
  const ctx = await planContext(db, municipalityId, sprintId);
  const me = ctx.participants.find((p) => p.user_id === userId);
  if (!me) throw notFound('Deltagaren i sprinten');
  const published = ctx.s.row.published_at !== null;
  const regs = new Map(ctx.regs.map((r) => [r.id, r]));
  const labels = new Map((await listTopics(db, municipalityId, true)).map((t) => [t.slug, t]));
  let mine: Array<VisitSnapshot & { registration: string; visitId: string | null }> = [];
  if (published) {
    mine = (await listPublishedRows(db, sprintId))
      .filter((p) => p.cancelled === 0 && regs.has(p.registration_id))
      .map((p) => ({
        ...(JSON.parse(p.snapshot) as VisitSnapshot),
        registration: p.registration_id,
        visitId: p.visit_id,
      }))
      .filter((v) => v.team.includes(userId));
  } else if (viewer.isAdmin) {
    // A draft has no visits yet: nothing to open or report on.
    mine = ctx.s.plan.visits
      .filter(
        (v) => v.team.includes(userId) && regs.get(v.registration) && !regs.get(v.registration)!.withdrawn_at,
      )
      .map((v) => ({
        ...snapshotOf(ctx.s, v, regs.get(v.registration)!),
        registration: v.registration,
        visitId: null,
      }));
  }
  mine.sort((a, b) => a.start.localeCompare(b.start));
  // Names of everyone on these teams, also of someone who has left the roster since.
  const people = new Map(ctx.participants.map((p) => [p.user_id, { name: p.name, title: p.title }]));
  for (const u of await listPeopleByIds(
    db,
    mine.flatMap((v) => v.team).filter((id) => !people.has(id)),
  ))
    people.set(u.id, u);
  const visits = mine.map((v) => {
    const r = regs.get(v.registration)!;
    return {
      visitId: v.visitId,
      slot: v.slot,
      start: v.start.slice(11),
      end: v.end.slice(11),
      startsAt: slotInstant(v.start.slice(0, 10), v.start.slice(11)),
      companyName: r.company_name,
      mode: v.mode as 'digital' | 'physical',
      place: v.mode === 'physical' ? v.place : '',
      meetingLink: v.mode === 'digital' ? v.place : '',
      // Both languages, as the topic list has them (a slug no longer in it shows as itself).
      topics: (JSON.parse(r.topics) as string[]).map((slug) => {
        const t = labels.get(slug);
        return { slug, labelSv: t?.labelSv ?? slug, labelEn: t?.labelEn ?? '' };
      }),
      topicsText: r.topics_text,
      contact: { name: r.contact_name, role: r.contact_role, email: r.contact_email, phone: r.contact_phone },
      team: v.team.map((id) => ({ name: people.get(id)?.name ?? '', title: people.get(id)?.title ?? '' })),
      travelToNext: null as DayPage['visits'][number]['travelToNext'],
      _pos:
        v.mode === 'physical' && r.lat !== null && r.lon !== null
          ? { lat: Number(r.lat), lon: Number(r.lon) }
          : null,
    };
  });
  for (let i = 0; i < visits.length; i++) {
    const from = visits[i]!;
    if (!from._pos) continue;
    const next = visits.slice(i + 1).find((x) => x._pos);
    if (!next) continue;
    const km = haversineKm(from._pos, next._pos!);
    from.travelToNext = {
      km: Math.round(km * 10) / 10,
      minutes: Math.ceil((km / ctx.s.rules.travelKmh) * 60),
      to: next.companyName,
    };
  }
  return {
    sprint: { id: ctx.s.row.id, name: ctx.s.row.name, day: ctx.s.row.day, published },
    person: { id: me.user_id, name: me.name, title: me.title },
    visits: visits.map(({ _pos: _unused, ...v }) => v),
  };
}
