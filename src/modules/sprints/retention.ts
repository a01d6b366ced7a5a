import { DateTime } from 'luxon';
import type { Executor } from '../../db/database';
import { DEFAULT_SETTINGS, type MunicipalitySettings } from '../municipality/municipality.defaults';
import { ZONE } from './sprint.model';

/**
 * The public form promises (its privacy text, from the municipality's `retentionMonths`) that the
 * contact person's details and what the company wrote are kept so many months and then removed.
 * This does it, counting from the sprint's day: the registration keeps what the programme's
 * history needs (the company, its times, topics and mode) and loses the contact person's name,
 * role, e-mail address and phone and the free text; its private link stops working. The e-mails
 * sent to that address before the period's start (confirmations, invitations, feedback) keep their
 * subject and date in the company's history but lose the address and the text, which hold the
 * same details. Idempotent: a registration already cleared is not touched again.
 */
export async function clearExpiredRegistrations(db: Executor, now: Date): Promise<number> {
  const municipalities = await db.selectFrom('municipality').select(['id', 'settings']).execute();
  let cleared = 0;
  for (const m of municipalities) {
    const settings: MunicipalitySettings = {
      ...DEFAULT_SETTINGS,
      ...(JSON.parse(m.settings) as Partial<MunicipalitySettings>),
    };
    // A sprint whose day is before this date is older than the retention period.
    const start = DateTime.fromJSDate(now, { zone: ZONE })
      .minus({ months: settings.retentionMonths })
      .startOf('day');
    const cutoff = start.toISODate()!;
    const before = start.toUTC().toISO()!;
    const due = await db
      .selectFrom('sprint_registration')
      .innerJoin('sprint', 'sprint.id', 'sprint_registration.sprint_id')
      .select(['sprint_registration.id', 'sprint_registration.contact_email'])
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
    for (const { id } of due) {
      await db
        .updateTable('sprint_registration')
        .set({
          contact_name: '',
          contact_role: '',
          contact_email: '',
          contact_phone: '',
          topics_text: '',
          // Unique and never the hash of a token (those are 64 hex digits): the link is gone.
          token_hash: `gallrad:${id}`,
          updated_at: now.toISOString(),
        })
        .where('id', '=', id)
        .execute();
      cleared++;
    }
  }
  return cleared;
}
