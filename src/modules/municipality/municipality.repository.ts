import type { Executor } from '../../db/database';
import { hashToken, newId } from '../../lib/ids';
import { DEFAULT_SETTINGS, DEFAULT_TOPICS, type MunicipalitySettings } from './municipality.defaults';

export interface Municipality {
  id: string;
  name: string;
  kommunkod: string;
  settings: MunicipalitySettings;
}

export interface Topic {
  id: string;
  slug: string;
  labelSv: string;
  labelEn: string;
  sortOrder: number;
  active: boolean;
}

export async function findMunicipality(db: Executor): Promise<Municipality | null> {
  // One installation serves one municipality today; the first record is it.
  const row = await db.selectFrom('municipality').selectAll().orderBy('created_at').executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    kommunkod: row.kommunkod,
    settings: { ...DEFAULT_SETTINGS, ...(JSON.parse(row.settings) as Partial<MunicipalitySettings>) },
  };
}

export async function insertMunicipality(
  db: Executor,
  m: { name: string; kommunkod: string; settings?: Partial<MunicipalitySettings> },
  now: Date,
): Promise<Municipality> {
  const id = newId();
  const settings = { ...DEFAULT_SETTINGS, ...m.settings };
  await db
    .insertInto('municipality')
    .values({
      id,
      name: m.name,
      kommunkod: m.kommunkod,
      settings: JSON.stringify(settings),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  await db
    .insertInto('topic')
    .values(
      DEFAULT_TOPICS.map((t, i) => ({
        id: newId(),
        municipality_id: id,
        slug: t.slug,
        label_sv: t.sv,
        label_en: t.en,
        sort_order: i,
        active: 1,
      })),
    )
    .execute();
  return { id, name: m.name, kommunkod: m.kommunkod, settings };
}

export async function updateMunicipality(
  db: Executor,
  id: string,
  patch: { name?: string; kommunkod?: string; settings?: MunicipalitySettings },
  now: Date,
): Promise<void> {
  await db
    .updateTable('municipality')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.kommunkod !== undefined ? { kommunkod: patch.kommunkod } : {}),
      ...(patch.settings !== undefined ? { settings: JSON.stringify(patch.settings) } : {}),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export async function listTopics(
  db: Executor,
  municipalityId: string,
  includeInactive = false,
): Promise<Topic[]> {
  let q = db.selectFrom('topic').selectAll().where('municipality_id', '=', municipalityId);
  if (!includeInactive) q = q.where('active', '=', 1);
  const rows = await q.orderBy('sort_order').orderBy('slug').execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    labelSv: r.label_sv,
    labelEn: r.label_en,
    sortOrder: r.sort_order,
    active: r.active === 1,
  }));
}

/** The version of a topic list (all of it, in order): changes whenever a save changes anything. */
/** The record's version: what a settings page read, to tell whether it is still what is stored. */
export function municipalityVersion(m: Pick<Municipality, 'name' | 'kommunkod' | 'settings'>): string {
  return hashToken(JSON.stringify([m.name, m.kommunkod, m.settings])).slice(0, 32);
}

export function topicListVersion(topics: Topic[]): string {
  return hashToken(
    JSON.stringify(topics.map((t) => [t.slug, t.labelSv, t.labelEn, t.sortOrder, t.active])),
  ).slice(0, 32);
}

/**
 * Holds the municipality's row until the transaction ends, so that two saves of its settings or
 * topics at once run one after the other and the second sees the first's version.
 */
export async function lockMunicipality(db: Executor, id: string): Promise<void> {
  await db.updateTable('municipality').set({ id }).where('id', '=', id).execute();
}

/** Replaces the topic list; topics no longer listed are deactivated, never deleted (history keeps them). */
export async function saveTopics(
  db: Executor,
  municipalityId: string,
  topics: Array<{ slug: string; labelSv: string; labelEn: string; active: boolean }>,
): Promise<void> {
  const existing = await db
    .selectFrom('topic')
    .select(['id', 'slug'])
    .where('municipality_id', '=', municipalityId)
    .execute();
  const bySlug = new Map(existing.map((t) => [t.slug, t.id]));
  const listed = new Set<string>();
  for (const [i, t] of topics.entries()) {
    listed.add(t.slug);
    const id = bySlug.get(t.slug);
    const values = { label_sv: t.labelSv, label_en: t.labelEn, sort_order: i, active: t.active ? 1 : 0 };
    if (id) await db.updateTable('topic').set(values).where('id', '=', id).execute();
    else
      await db
        .insertInto('topic')
        .values({ id: newId(), municipality_id: municipalityId, slug: t.slug, ...values })
        .execute();
  }
  const dropped = existing.filter((t) => !listed.has(t.slug)).map((t) => t.id);
  if (dropped.length) await db.updateTable('topic').set({ active: 0 }).where('id', 'in', dropped).execute();
}
