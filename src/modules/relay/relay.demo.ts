import type { Db } from '../../db/connect';
import type { Transaction } from '../../db/database';
import type { Mailer } from '../mail/mailer';
import type { Actor } from '../visits/visit.service';
import { cdb } from './relay.companies';
import { addRegisterCompany } from './relay.fixtures';
import * as svc from './relay.service';

const DAY = 86_400_000;

/** Companies for the demo relay when the register is (nearly) empty. */
const FALLBACK: Array<[string, string, number, string]> = [
  ['Älvstrandens Snickeri AB', 'C', 2, 'Trollhättan'],
  ['Kanalbagarn AB', 'C', 2, 'Trollhättan'],
  ['Slussens Cykel och Sport AB', 'G', 2, 'Trollhättan'],
  ['Innovatum Konsult AB', 'M', 3, 'Trollhättan'],
  ['Västra Ryrs Lantbruk AB', 'A', 1, 'Sjuntorp'],
  ['Sjuntorps Bygg & Måleri AB', 'F', 3, 'Sjuntorp'],
  ['Fallens Frisörstudio AB', 'S', 2, 'Trollhättan'],
  ['Öresjö Elteknik AB', 'F', 4, 'Trollhättan'],
  ['Stallbackens Verkstad AB', 'C', 5, 'Trollhättan'],
  ['Lilla Edets Transport AB', 'H', 4, 'Velanda'],
  ['Kanaltorgets Café AB', 'I', 2, 'Trollhättan'],
  ['Grunnebo Redovisning AB', 'M', 2, 'Trollhättan'],
  ['Halvorstorps Blomsterhandel AB', 'G', 1, 'Trollhättan'],
  ['Velanda Smide AB', 'C', 2, 'Velanda'],
];

/**
 * A relay seven months under way for the demo: seven legs visited, one decline handed back, a branch
 * whose visit was never booked (a baton that has stood still long enough to be flagged), and an
 * invitation awaiting its answer. Built through the
 * same services the app uses, with the clock moved step by step; no e-mail leaves the demo.
 */
export async function seedDemoRelay(db: Db, municipalityId: string, now: Date): Promise<void> {
  const kysely = db.kysely;
  if (await kysely.selectFrom('relay_programme').select('id').executeTakeFirst()) return;
  // The teams, as the booking form offers them: active staff and admins (a viewer cannot go).
  const staff = await kysely
    .selectFrom('app_user')
    .select(['id', 'staff_group', 'role'])
    .where('municipality_id', '=', municipalityId)
    .where('active', '=', 1)
    .where('role', '!=', 'viewer')
    .orderBy('email')
    .execute();
  const leaders = staff.filter((s) => s.staff_group === 'leadership').map((s) => s.id);
  const business: Actor[] = staff
    .filter((s) => s.staff_group === 'business')
    .map((s) => ({ id: s.id, role: s.role as Actor['role'], municipalityId }));
  if (!leaders.length || !business.length) return;
  /** The business unit's member of leg i's team, who records its visit and what the company said. */
  const recorder = (i: number) => business[i % business.length]!;

  let companies = await cdb(kysely)
    .selectFrom('company')
    .select('id')
    .where('verified', '=', 1)
    .where('personal_data', '=', 0)
    .orderBy('name_sort')
    .limit(400)
    .execute();
  if (companies.length < 12) {
    for (const [name, section, size, town] of FALLBACK) {
      await addRegisterCompany(kysely, name, { sniSection: section, sizeClass: size, postalTown: town }, now);
    }
    companies = await cdb(kysely)
      .selectFrom('company')
      .select('id')
      .where('verified', '=', 1)
      .orderBy('name_sort')
      .execute();
  }
  // Spread the picks over the register rather than the first names of the alphabet.
  const step = Math.max(1, Math.floor(companies.length / 12));
  const pick = (i: number) => companies[(i * step) % companies.length]!.id;

  // The outbox of the demo keeps the private links so the story can answer its own invitations.
  let lastText = '';
  const mailer = {
    enqueue: (_db: unknown, m: { text: string }) => {
      lastText = m.text;
      return Promise.resolve('');
    },
  } as unknown as Mailer;
  const token = () => lastText.match(/\/stafett\/svar\/([A-Za-z0-9_-]+)/)?.[1] ?? '';

  let t = new Date(now.getTime() - 220 * DAY);
  const run = <T>(
    fn: (ctx: svc.RelayCtx) => Promise<T>,
    actor: svc.RelayCtx['actor'] = { kind: 'staff', userId: business[0]!.id },
  ) =>
    kysely
      .transaction()
      .execute((trx: Transaction) => fn({ trx, now: t, mailer, publicUrl: 'http://localhost', actor }));
  const at = (days: number) => {
    t = new Date(t.getTime() + days * DAY);
  };

  const programme = await kysely.transaction().execute((trx) =>
    svc.createProgramme(
      trx,
      municipalityId,
      {
        name: 'Företagsstafetten',
        description:
          'Kommunens ledning och näringslivsenheten besöker ett företag i taget, och varje företag nominerar nästa.',
        goal: { type: 'count', count: 600 },
        targetPace: 2,
        goalDate: `${now.getUTCFullYear() + 4}-12-31`,
        teamRule: { leadership: 1, business: 1 },
        maxBatons: 2,
        answerDays: 14,
        publicPage: true,
      },
      business[0]!.id,
      t,
    ),
  );
  const { legId: first } = await run((ctx) =>
    svc.startBaton(ctx, municipalityId, programme.id, {
      company: { id: pick(0) },
      contactName: 'Demokontakt',
      contactEmail: null,
      showPublicly: true,
      fromLegId: null,
    }),
  );

  let leg = first;
  let hour = 8;
  const visit = async (legId: string, i: number) => {
    at(3);
    const day = new Date(t.getTime() + 4 * DAY).toISOString().slice(0, 10);
    hour = hour >= 14 ? 8 : hour + 2;
    await run((ctx) =>
      svc.bookLeg(ctx, municipalityId, legId, {
        startsAt: `${day}T${String(hour).padStart(2, '0')}:00:00Z`,
        endsAt: `${day}T${String(hour + 1).padStart(2, '0')}:00:00Z`,
        mode: 'physical',
        location: 'På företaget',
        meetingLink: '',
        participantIds: [leaders[i % leaders.length]!, recorder(i).id],
      }),
    );
    at(5);
    await run((ctx) => svc.markLegVisited(ctx, recorder(i), legId), {
      kind: 'staff',
      userId: recorder(i).id,
    });
  };
  const nominateNext = async (fromLeg: string, i: number, company: string, reason: string) => {
    await run(
      (ctx) =>
        svc.nominateAsStaff(ctx, recorder(i), fromLeg, {
          company: { id: company },
          reason,
          contactName: '',
          inviteEmail: 'kontakt@example.com',
          pickedByStaff: false,
          showPublicly: true,
        }),
      { kind: 'staff', userId: recorder(i).id },
    );
    return token();
  };
  const accept = async (tok: string, show: boolean) => {
    at(4);
    const r = await run(
      (ctx) =>
        svc.acceptInvitation(ctx, tok, {
          contactName: 'Demokontakt',
          contactEmail: 'kontakt@example.com',
          proposedTimes: 'Förmiddagar i början av veckan',
          showPublicly: show,
        }),
      { kind: 'nominee' },
    );
    return r.legId;
  };

  const reasons = [
    'De har vuxit snabbt och behöver mark för att bygga ut.',
    'Ett litet familjeföretag som många handlar hos men som kommunen aldrig har besökt.',
    'De utbildar lärlingar och har idéer om kompetensförsörjning.',
    'Nystartat och nyfiket på samarbete med skolan.',
    'De har haft problem med bygglov och vill berätta om det.',
    'En viktig leverantör till oss, med tankar om transporter.',
  ];
  let next = 1;
  for (let i = 0; i < 6; i++) {
    await visit(leg, i);
    if (i === 3) {
      // The stalled baton: a branch from the first company, whose visit was never booked. (An
      // invitation awaiting its answer is no stall: it has its own window and time-out.)
      await run((ctx) =>
        svc.startBaton(ctx, municipalityId, programme.id, {
          company: { id: pick(next++) },
          contactName: 'Demokontakt',
          contactEmail: null,
          showPublicly: true,
          fromLegId: first,
        }),
      );
    }
    at(6);
    if (i === 2) {
      // The one that said no: the baton came back and the company named another.
      const tok = await nominateNext(leg, i, pick(next++), reasons[i]!);
      at(5);
      await run((ctx) => svc.declineInvitation(ctx, tok, 'Vi har inte tid just nu.'), { kind: 'nominee' });
      at(3);
    }
    const tok = await nominateNext(leg, i, pick(next++), reasons[(i + 1) % reasons.length]!);
    leg = await accept(tok, i !== 3);
    at(10);
  }
  // The seventh leg: visited, and its nomination awaits an answer.
  await visit(leg, 6);
  t = new Date(Math.max(t.getTime(), now.getTime() - 5 * DAY));
  await nominateNext(leg, 6, pick(next++), reasons[0]!);
}
