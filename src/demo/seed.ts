import type { Db } from '../db/connect';
import { findMunicipality, insertMunicipality } from '../modules/municipality/municipality.repository';
import { createStaff } from '../modules/staff/staff.service';
import { listStaff } from '../modules/staff/staff.repository';
import { DEMO_PASSWORD, DEMO_STAFF } from './demo-data';
import { seedDemoCompanies } from './demo-companies';
import { seedDemoRelay } from '../modules/relay/relay.demo';
import { seedDemoSprint } from '../modules/sprints/sprint.demo';

const ROLE_ORDER = ['admin', 'staff', 'viewer'];

export interface DemoSummary {
  municipality: string;
  companies: number;
  staff: number;
  password: string;
  logins: Array<{ role: string; email: string; name: string }>;
}

/** The database already serves a municipality that is not the demo's: the demo leaves it alone. */
export class NotTheDemoError extends Error {
  constructor(readonly municipality: string) {
    super(
      `Databasen används redan av ${municipality}, inte av demon; starta utan --demo eller välj en tom databas. / ` +
        `The database already serves ${municipality}, not the demo.`,
    );
  }
}

/**
 * Loads the demo municipality (its register, its staff and log-ins) into an empty database.
 * A database that already has a municipality is left as it is; the summary describes it.
 */
export async function seedDemo(db: Db, now: Date): Promise<DemoSummary> {
  let m = await findMunicipality(db.kysely);
  if (!m) {
    m = await db.kysely.transaction().execute(async (trx) => {
      const created = await insertMunicipality(
        trx,
        { name: 'Trollhättans stad (demo)', kommunkod: '1488' },
        now,
      );
      for (const s of DEMO_STAFF) {
        await createStaff(trx, created.id, { ...s, password: DEMO_PASSWORD }, now);
      }
      return created;
    });
    await seedDemoCompanies(db, m, now);
    await seedDemoRelay(db, m.id, now);
    await seedDemoSprint(db, m.id, now);
  }
  const staff = await listStaff(db.kysely, m.id);
  // A database of a real municipality (no demo log-in in it) is not touched, nor its mail read.
  const demoEmails = new Set(DEMO_STAFF.map((s) => s.email));
  if (!staff.some((s) => demoEmails.has(s.email))) throw new NotTheDemoError(m.name);
  const companies = await db.kysely
    .selectFrom('company')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return {
    municipality: m.name,
    companies: Number(companies?.n ?? 0),
    staff: staff.length,
    password: DEMO_PASSWORD,
    logins: staff
      .filter((s) => demoEmails.has(s.email))
      .sort(
        (a, b) =>
          ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, 'sv'),
      )
      .map((s) => ({ role: s.role, email: s.email, name: s.name })),
  };
}
