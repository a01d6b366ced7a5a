import { DateTime } from 'luxon';
import type { Executor } from '../../db/database';
import { DEFAULT_SETTINGS, type MunicipalitySettings } from '../municipality/municipality.defaults';
import { ZONE } from './sprint.model';

/**
 * The public form promises (its privacy text, from the municipality's `retentionMonths`) that the
 * contact person's details and what the company wrote are kept so many months and then removed.
 * This does it, counting from the sprint's day: the registration keeps what the programme's
 * history needs (the company, its times, topics and mode) and loses the contact person's name,
 * role, e-mail address and phone and the free text; its private link stops working.
 * Idempotent: a registration already cleared is not touched again.
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
    const cutoff = DateTime.fromJSDate(now, { zone: ZONE })
      .minus({ months: settings.retentionMonths })
      .toISODate()!;
    const due = await db
      .selectFrom('sprint_registration')
      .innerJoin('sprint', 'sprint.id', 'sprint_registration.sprint_id')
      .select('sprint_registration.id')
      .where('sprint.municipality_id', '=', m.id)
      .where('sprint.day', '<', cutoff)
      .where('sprint_registration.token_hash', 'not like', 'gallrad:%')
      .execute();
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
