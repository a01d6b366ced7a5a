import type { Executor } from '../../db/database';
import { forbidden, notFound } from '../../server/errors';
import { listTopics } from '../municipality/municipality.repository';
import type { DayPage } from '../../contracts/sprints';
import { planContext } from './plan.service';
import { haversineKm } from './sprint.model';
import { meetingLinkOf } from './publish.snapshot';

/**
 * One participant's day: the visits in order, with the company, topics, contact, link or address,
 * and the travel time to the next on-site visit (digital visits in between can be taken anywhere,
 * as in the scheduler's travel rule). Participants see their day once it is published.
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
  const people = new Map(ctx.participants.map((p) => [p.user_id, p]));
  const regs = new Map(ctx.regs.map((r) => [r.id, r]));
  const labels = new Map((await listTopics(db, municipalityId, true)).map((t) => [t.slug, t.labelSv]));
  const order = new Map(ctx.s.slots.map((x, i) => [x.id, i]));
  const mine =
    published || viewer.isAdmin
      ? ctx.s.plan.visits
          .filter(
            (v) =>
              v.team.includes(userId) && regs.get(v.registration) && !regs.get(v.registration)!.withdrawn_at,
          )
          .sort((a, b) => order.get(a.slot)! - order.get(b.slot)!)
      : [];
  const visits = mine.map((v) => {
    const r = regs.get(v.registration)!;
    const slot = ctx.s.slots.find((x) => x.id === v.slot)!;
    return {
      slot: v.slot,
      start: slot.start,
      end: slot.end,
      companyName: r.company_name,
      mode: r.mode as 'digital' | 'physical',
      place: r.mode === 'physical' ? r.visit_address : '',
      meetingLink: r.mode === 'digital' ? meetingLinkOf(ctx.s, r) : '',
      topics: (JSON.parse(r.topics) as string[]).map((t) => labels.get(t) ?? t),
      topicsText: r.topics_text,
      contact: { name: r.contact_name, role: r.contact_role, email: r.contact_email, phone: r.contact_phone },
      team: v.team.map((id) => ({ name: people.get(id)?.name ?? '', title: people.get(id)?.title ?? '' })),
      travelToNext: null as DayPage['visits'][number]['travelToNext'],
      _pos:
        r.mode === 'physical' && r.lat !== null && r.lon !== null
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
