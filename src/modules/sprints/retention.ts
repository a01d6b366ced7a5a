import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Executor } from '../../db/database';
import { DEFAULT_SETTINGS, type MunicipalitySettings } from '../municipality/municipality.defaults';
import { ZONE } from './sprint.model';

/**
 * The public form promises (its privacy text, from the municipality's `retentionMonths`) that the
 * contact person's details and what the company wrote are kept so many months and then removed.
 * This does it, counting from the sprint's day: the registration keeps what the programme's
 * history needs (the company, its times, topics and mode) and loses the contact person's name,
 * role, e-mail address and phone, the free text and the visiting address it gave (a sole trader's
 * is often their home) with its position; its private link stops working. The e-mails
 * sent to that address before the period's start (confirmations, invitations, feedback) keep their
 * subject and date in the company's history but lose the address and the text, which hold the
 * same details, and so do the other messages about the registration, whoever they went to (the team's
 * invitations keep their staff address). A company that came to Besök through the form (unverified: not in the register)
 * was given the contact's e-mail address and phone as its own; they go too, unless a registration
 * still within its period gives the same. Idempotent: a registration already cleared is not
 * touched again.
 */
/** The first day still within a retention period of `months` counted back from `now`. */
function periodStart(now: Date, months: number): DateTime {
  return DateTime.fromJSDate(now, { zone: ZONE }).minus({ months }).startOf('day');
}

/**
 * How many of a municipality's registrations a retention period of `months` would clear now (those
 * of sprints before its start, not cleared yet): what shortening the period does at once.
 */
export async function countRegistrationsPast(
  db: Executor,
  municipalityId: string,
  months: number,
  now: Date,
): Promise<number> {
  const row = await db
    .selectFrom('sprint_registration')
    .innerJoin('sprint', 'sprint.id', 'sprint_registration.sprint_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sprint.municipality_id', '=', municipalityId)
    .where('sprint.day', '<', periodStart(now, months).toISODate()!)
    .where('sprint_registration.token_hash', 'not like', 'gallrad:%')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function clearExpiredRegistrations(db: Executor, now: Date): Promise<number> {
  const municipalities = await db.selectFrom('municipality').select(['id', 'settings']).execute();
  let cleared = 0;
  for (const m of municipalities) {
    const settings: MunicipalitySettings = {
      ...DEFAULT_SETTINGS,
      ...(JSON.parse(m.settings) as Partial<MunicipalitySettings>),
    };
    // A sprint whose day is before this date is older than the retention period.
    const start = periodStart(now, settings.retentionMonths);
    const cutoff = start.toISODate()!;
    const before = start.toUTC().toISO()!;
    const due = await db
      .selectFrom('sprint_registration')
      .innerJoin('sprint', 'sprint.id', 'sprint_registration.sprint_id')
      .select([
        'sprint_registration.id',
        'sprint_registration.company_id',
        'sprint_registration.contact_email',
        'sprint_registration.contact_phone',
      ])
      .where('sprint.municipality_id', '=', m.id)
      .where('sprint.day', '<', cutoff)
      .where('sprint_registration.token_hash', 'not like', 'gallrad:%')
      .execute();
    const note = `(Gallrat efter ${settings.retentionMonths} månader.)`;
    for (const address of new Set(due.map((r) => r.contact_email.trim().toLowerCase()).filter(Boolean))) {
      await db
        .updateTable('outbound_email')
        // The error an SMTP server gave may name the address too. Only mail done with: sent, or
        // failed for good (one still waiting to be sent keeps what it needs to be sent).
        .set({ to_address: '', text_body: note, html_body: null, attachments: '[]', error: null })
        .where((eb) => eb(eb.fn('lower', ['to_address']), '=', address))
        .where('created_at', '<', before)
        .where('status', 'in', ['sent', 'failed'])
        .execute();
      await db
        .updateTable('feedback')
        .set({ to_address: '', body: note })
        .where('municipality_id', '=', m.id)
        .where((eb) => eb(eb.fn('lower', ['to_address']), '=', address))
        .where('sent_at', '<', before)
        .execute();
    }
    await clearUnverifiedCompanyContacts(db, due, cutoff, now);
    const ids = due.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      // Every message about these registrations (0015), whichever address it went to: the
      // confirmation to an address changed since, a colleague's who sent the form again, and the
      // team's invitations, which name the contact person and repeat what the company wrote. A
      // staff member's own address stays (it is the app's record of who was invited); the
      // company's goes.
      for (const staffCopy of [true, false]) {
        await db
          .updateTable('outbound_email')
          .set({
            ...(staffCopy ? {} : { to_address: '' }),
            text_body: note,
            html_body: null,
            attachments: '[]',
            error: null,
          })
          .where('registration_id', 'in', chunk)
          .where('status', 'in', ['sent', 'failed'])
          .where((eb) =>
            staffCopy
              ? eb('related_type', '=', 'sprint')
              : eb.or([eb('related_type', 'is', null), eb('related_type', '!=', 'sprint')]),
          )
          .execute();
      }
      await db
        .updateTable('sprint_registration')
        .set({
          contact_name: '',
          contact_role: '',
          contact_email: '',
          contact_phone: '',
          topics_text: '',
          // What the company wrote: for a sole trader the visiting address is often their home.
          visit_address: '',
          lat: null,
          lon: null,
          position_source: null,
          // Unique and never the hash of a token (those are 64 hex digits): the link is gone.
          token_hash: sql<string>`'gallrad:' || id`,
          updated_at: now.toISOString(),
        })
        .where('id', 'in', chunk)
        .execute();
      cleared += chunk.length;
    }
  }
  return cleared;
}

/**
 * The e-mail address and phone an unverified company was given from the contacts of `due`
 * (registrations past their period), cleared where no registration of the company still within its
 * period (a sprint on `cutoff` or later, not yet cleared) gives the same.
 */
async function clearUnverifiedCompanyContacts(
  db: Executor,
  due: { company_id: string; contact_email: string; contact_phone: string }[],
  cutoff: string,
  now: Date,
): Promise<void> {
  const companyIds = [...new Set(due.map((r) => r.company_id))];
  for (let i = 0; i < companyIds.length; i += 500) {
    const chunk = companyIds.slice(i, i + 500);
    const companies = await db
      .selectFrom('company')
      .select(['id', 'email', 'phone'])
      .where('id', 'in', chunk)
      .where('verified', '=', 0)
      .where((eb) => eb.or([eb('email', 'is not', null), eb('phone', 'is not', null)]))
      .execute();
    if (companies.length === 0) continue;
    const current = await db
      .selectFrom('sprint_registration')
      .innerJoin('sprint', 'sprint.id', 'sprint_registration.sprint_id')
      .select([
        'sprint_registration.company_id',
        'sprint_registration.contact_email',
        'sprint_registration.contact_phone',
      ])
      .where(
        'sprint_registration.company_id',
        'in',
        companies.map((c) => c.id),
      )
      .where('sprint.day', '>=', cutoff)
      .where('sprint_registration.token_hash', 'not like', 'gallrad:%')
      .execute();
    const norm = (v: string | null) => (v ?? '').trim().toLowerCase();
    for (const c of companies) {
      const old = due.filter((r) => r.company_id === c.id);
      const kept = current.filter((r) => r.company_id === c.id);
      const clear = (value: string | null, field: 'contact_email' | 'contact_phone') =>
        norm(value) !== '' &&
        old.some((r) => norm(r[field]) === norm(value)) &&
        !kept.some((r) => norm(r[field]) === norm(value));
      const patch = {
        ...(clear(c.email, 'contact_email') ? { email: null } : {}),
        ...(clear(c.phone, 'contact_phone') ? { phone: null } : {}),
      };
      if (Object.keys(patch).length > 0) {
        await db
          .updateTable('company')
          .set({ ...patch, updated_at: now.toISOString() })
          .where('id', '=', c.id)
          .where('verified', '=', 0)
          .execute();
      }
    }
  }
}
