import type { Transaction } from '../../db/database';
import type { Mailer } from '../mail/mailer';
import type { ProgrammeType, Visit } from './visit.service';

/**
 * What a programme does when one of its visits is marked as held on the visit's own page (the
 * relay moves its baton on and asks the company to name the next one). Programmes register a
 * handler; the visits module calls it in the same transaction as the change, without importing
 * the programmes (which import visits).
 */
export interface VisitHeldContext {
  trx: Transaction;
  now: Date;
  mailer: Mailer;
  publicUrl: string;
  userId: string;
  municipalityId: string;
}

type Handler = (ctx: VisitHeldContext, visit: Visit) => Promise<void>;

const handlers = new Map<ProgrammeType, Handler>();

export function onProgrammeVisitHeld(type: ProgrammeType, handler: Handler): void {
  handlers.set(type, handler);
}

export async function programmeVisitHeld(ctx: VisitHeldContext, visit: Visit): Promise<void> {
  if (!visit.programme) return;
  await handlers.get(visit.programme.type)?.(ctx, visit);
}
