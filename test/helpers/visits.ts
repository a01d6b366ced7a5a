import { createVisit } from '../../src/modules/visits/visit.service';
import type { TestContext } from './app';

/**
 * A one-hour on-site visit that began `hoursAgo` hours ago (on the hour), Sven Staff and Anna
 * Admin on it; its id.
 */
export async function insertVisitEarlierToday(
  ctx: TestContext,
  visit: { companyId: string; hoursAgo: number; location: string; status: 'planned' | 'done' },
): Promise<string> {
  const start = new Date(Date.now() - visit.hoursAgo * 3600_000);
  start.setUTCMinutes(0, 0, 0);
  const created = await createVisit(
    ctx.testDb.db.kysely,
    {
      municipalityId: ctx.municipality.id,
      companyId: visit.companyId,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3600_000).toISOString(),
      mode: 'physical',
      location: visit.location,
      participantIds: [ctx.users.staff.id, ctx.users.admin.id],
      status: visit.status,
      checkCalendars: false,
    },
    ctx.clock.now(),
  );
  return created.id;
}
