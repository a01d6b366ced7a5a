import type { Db } from '../db/connect';
import type { Municipality } from '../modules/municipality/municipality.repository';

export async function seedDemoCompanies(_db: Db, _municipality: Municipality, _now: Date): Promise<number> {
  return 0;
}
