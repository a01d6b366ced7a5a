import type { Executor } from '../../db/database';
import { newId } from '../../lib/ids';
import { ext } from './external.tables';

/**
 * Test data builders for visits, reports, follow-ups and feedback: a company row written
 * directly (the companies module owns its rules; these tests need only a row to point at).
 */
export async function insertTestCompany(
  db: Executor,
  c: {
    name: string;
    orgNr: string;
    email?: string | null;
    sniSection?: string | null;
    sniCode?: string | null;
  },
  now = new Date('2026-03-01T00:00:00Z'),
): Promise<string> {
  const id = newId();
  const lower = c.name.toLocaleLowerCase('sv');
  await (ext(db) as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>)
    .insertInto('company')
    .values({
      id,
      org_nr: c.orgNr,
      name: c.name,
      name_search: ` ${lower.split(/\s+/).join(' ')}`,
      name_sort: lower,
      sni_code: c.sniCode ?? null,
      sni_section: c.sniSection ?? null,
      email: c.email ?? null,
      size_class: 0,
      personal_data: 0,
      verified: 1,
      content_hash: id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return id;
}
