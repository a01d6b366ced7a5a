import { DateTime } from 'luxon';
import type { Db } from '../../db/connect';
import { hashToken, newId, newToken } from '../../lib/ids';
import { swedishToday } from '../../lib/clock';
import { DEFAULT_TOPICS } from '../municipality/municipality.defaults';
import { defaultSlots } from '../../contracts/sprints';
import { createSprint, saveRoster, updateSprint } from './sprint.service';
import { runScheduler } from './plan.service';
import { insertRegistration } from './sprint.repository';
import { registerAddress } from './registration.service';
import { insertRegisterCompany, orgNrFor } from './sprint.fixtures';

const DAY = 86_400_000;

/**
 * The demo sprint's day: three weeks after today in Sweden (the municipality's date, not UTC's),
 * moved on to the first Tuesday, Wednesday or Thursday from then, when a municipality would hold
 * one (never a weekend, nor a Monday or Friday); the same `now` always gives the same day.
 */
export function demoSprintDay(now: Date): string {
  let d = DateTime.fromISO(swedishToday(now), { zone: 'utc' }).plus({ days: 21 });
  // Luxon's weekdays: 1 Monday … 7 Sunday; on to the next Tuesday unless it is a Tuesday to Thursday.
  while (d.weekday < 2 || d.weekday > 4) d = d.plus({ days: 1 });
  return d.toISODate()!;
}

/**
 * A sprint for the demo: three weeks ahead on a Tuesday to Thursday, open for registration, the thirteen on its roster,
 * 26 companies registered (some digital, some on site) and a first plan on the board. Written
 * through the module's services; registrations are inserted directly so no e-mail is queued.
 */
export async function seedDemoSprint(db: Db, municipalityId: string, now: Date): Promise<void> {
  const k = db.kysely;
  if (await k.selectFrom('sprint').select('id').executeTakeFirst()) return;
  const day = demoSprintDay(now);
  const admin = await k
    .selectFrom('app_user')
    .select('id')
    .where('municipality_id', '=', municipalityId)
    .where('role', '=', 'admin')
    .executeTakeFirst();
  if (!admin) return;

  await k.transaction().execute(async (trx) => {
    let sprint = await createSprint(
      trx,
      municipalityId,
      {
        name: 'Besökssprint (demo)',
        day,
        slug: 'demo',
        topics: [],
        publicText:
          'Kommunens politiker och tjänstepersoner vill träffa er under en dag. Anmäl intresse, berätta vad ni vill prata om och vilka tider som passar.',
        meetingLinkTemplate: 'https://meet.example.se/besok-{id}',
        registrationOpensAt: new Date(now.getTime() - 7 * DAY).toISOString(),
        registrationClosesAt: new Date(now.getTime() + 14 * DAY).toISOString(),
      },
      now,
    );
    sprint = await updateSprint(
      trx,
      municipalityId,
      sprint.id,
      { version: sprint.version, status: 'open' },
      now,
    );
    const people = await trx
      .selectFrom('app_user')
      .select('id')
      .where('municipality_id', '=', municipalityId)
      .where('active', '=', 1)
      .where('role', '!=', 'viewer')
      .execute();
    const slots = defaultSlots().map((s) => s.id);
    await saveRoster(
      trx,
      municipalityId,
      sprint.id,
      {
        version: sprint.version,
        participants: people.map((p, i) => ({
          userId: p.id,
          // A few have a meeting in the morning or leave early.
          available: i % 5 === 1 ? slots.slice(2) : i % 5 === 3 ? slots.slice(0, 6) : slots,
          maxVisits: null,
        })),
      },
      now,
    );

    let companies = await trx
      .selectFrom('company')
      .select(['id', 'org_nr', 'name', 'visit_address', 'postal_code', 'postal_town', 'lat', 'lon'])
      .where('lat', 'is not', null)
      .where('personal_data', '=', 0)
      .orderBy('name_sort')
      .limit(26)
      .execute();
    if (companies.length < 26) {
      for (let i = companies.length; i < 26; i++) {
        await insertRegisterCompany(
          trx,
          {
            orgNr: orgNrFor(900 + i),
            name: `Demoföretag ${i + 1} AB`,
            visitAddress: `Kanalgatan ${i + 1}`,
            postalCode: '461 30',
            postalTown: 'Trollhättan',
            lat: 58.28 + (i % 7) * 0.004,
            lon: 12.28 + (i % 5) * 0.006,
          },
          now,
        );
      }
      companies = await trx
        .selectFrom('company')
        .select(['id', 'org_nr', 'name', 'visit_address', 'postal_code', 'postal_town', 'lat', 'lon'])
        .where('lat', 'is not', null)
        .where('personal_data', '=', 0)
        .orderBy('name_sort')
        .limit(26)
        .execute();
    }
    const topics = DEFAULT_TOPICS.map((t) => t.slug);
    for (const [i, c] of companies.entries()) {
      const digital = i % 3 === 0;
      const first = i % 4;
      const regSlots = slots.slice(first, first + 3 + (i % 3));
      await insertRegistration(trx, {
        id: newId(),
        sprint_id: sprint.id,
        company_id: c.id,
        org_nr: c.org_nr,
        company_name: c.name,
        contact_name: ['Anna Andersson', 'Björn Berg', 'Cecilia Carlsson', 'David Dahl', 'Elin Ek'][i % 5]!,
        contact_role: ['VD', 'Ekonomichef', 'Grundare', 'Platschef'][i % 4]!,
        contact_email: `kontakt${i + 1}@exempel.se`,
        contact_phone: `0520-${String(100000 + i * 137).slice(0, 6)}`,
        mode: digital ? 'digital' : 'physical',
        visit_address: digital ? '' : registerAddress(c),
        lat: digital ? null : c.lat,
        lon: digital ? null : c.lon,
        position_source: digital ? null : 'register',
        slots: JSON.stringify(regSlots),
        topics: JSON.stringify([topics[i % topics.length]!, topics[(i * 5 + 3) % topics.length]!]),
        topics_text: i % 4 === 0 ? 'Vi vill gärna visa vår nya produktionslinje.' : '',
        meeting_link: '',
        lang: 'sv',
        consent_at: new Date(now.getTime() - (i % 6) * DAY).toISOString(),
        token_hash: hashToken(newToken()),
        withdrawn_at: null,
        created_at: new Date(now.getTime() - (i % 6) * DAY).toISOString(),
        updated_at: new Date(now.getTime() - (i % 6) * DAY).toISOString(),
      });
    }
    const current = await trx
      .selectFrom('sprint')
      .select('version')
      .where('id', '=', sprint.id)
      .executeTakeFirstOrThrow();
    await runScheduler(trx, municipalityId, sprint.id, { version: current.version }, now);
  });
}
