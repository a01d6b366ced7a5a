import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { zod, errorResponses, type RouteApp } from '../../server/route-types';
import { currentUser } from '../../server/plugins/auth';
import { IdParams, Ok, isoDate } from '../../contracts/common';
import {
  AcceptBody,
  BookLegBody,
  Chain,
  CompanyBrief,
  Coverage,
  CreateProgrammeBody,
  DeclineBody,
  CancelLegVisitBody,
  EndBatonBody,
  InvitationView,
  LinkCompanyHit,
  NominateBody,
  NominateByLinkBody,
  NominateLinkView,
  Programme,
  Projection,
  PublicRelay,
  RelayEvent,
  StalledBaton,
  StartBatonBody,
  UpdateProgrammeBody,
} from '../../contracts/relay';
import { registerJobHandler, registerSweep } from '../jobs/jobs';
import { onProgrammeVisitHeld } from '../visits/visit.events';
import type { Transaction } from '../../db/database';
import * as svc from './relay.service';
import { getCoverage } from './relay.coverage';
import { searchCompanies, toBrief } from './relay.companies';

/**
 * A link's token is looked up, whatever its length: one cut short by a mail program is answered
 * as any link that leads nowhere (404, saying what to do), not with a refusal of its length.
 */
const TokenParams = z.object({ token: z.string().max(100) });
const Search = z.object({ q: z.string().trim().max(100).default('') });

/** The relay's background work: the invitation reminder and time-out, and the stalled-baton sweep. */
function registerBackground(app: FastifyInstance): void {
  const ctxOf = (trx: Transaction, now: Date): svc.RelayCtx => ({
    trx,
    now,
    mailer: app.mailer,
    publicUrl: app.env.PUBLIC_URL,
    actor: { kind: 'system' },
  });
  const nominationId = (payload: unknown) => (payload as { nominationId: string }).nominationId;
  registerJobHandler(svc.JOB_REMIND, ({ app: a, now }, payload) =>
    a.db.kysely.transaction().execute((trx) => svc.remindInvitation(ctxOf(trx, now), nominationId(payload))),
  );
  registerJobHandler(svc.JOB_EXPIRE, ({ app: a, now }, payload) =>
    a.db.kysely.transaction().execute((trx) => svc.expireInvitation(ctxOf(trx, now), nominationId(payload))),
  );
  // A relay visit marked as held on the visit's own page moves the baton on, as the relay page does.
  onProgrammeVisitHeld('relay', (ctx, visit) =>
    svc.visitHeld(
      {
        trx: ctx.trx,
        now: ctx.now,
        mailer: ctx.mailer,
        publicUrl: ctx.publicUrl,
        actor: { kind: 'staff', userId: ctx.userId },
      },
      ctx.municipalityId,
      visit.id,
    ),
  );
  registerSweep('relay.stalled-batons', async ({ app: a, now }) => {
    await svc.stallSweep({
      db: a.db.kysely,
      now,
      mailer: a.mailer,
      publicUrl: a.env.PUBLIC_URL,
      run: (fn) => a.db.kysely.transaction().execute(fn),
    });
  });
}

export async function relayRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);
  registerBackground(app);
  const db = () => app.db.kysely;
  const now = () => app.clock.now();

  /** Runs a state change in one transaction, then sends what it queued. */
  const change = async <T>(
    actor: svc.RelayCtx['actor'],
    fn: (ctx: svc.RelayCtx) => Promise<T>,
  ): Promise<T> => {
    const result = await db()
      .transaction()
      .execute((trx) => fn({ trx, now: now(), mailer: app.mailer, publicUrl: app.env.PUBLIC_URL, actor }));
    app.mailer.kick();
    return result;
  };
  const staff = (req: Parameters<typeof currentUser>[0]) => {
    const u = currentUser(req);
    return { municipalityId: u.municipalityId, actor: { kind: 'staff' as const, userId: u.id } };
  };
  const tags = ['relay'];

  // --- Programmes ------------------------------------------------------------------------------
  r.get(
    '/api/relay/programmes',
    {
      config: { access: 'viewer' },
      schema: { tags, response: { 200: z.object({ items: z.array(Programme) }) } },
    },
    async (req) => ({ items: await svc.listProgrammes(db(), currentUser(req).municipalityId) }),
  );

  r.post(
    '/api/relay/programmes',
    {
      config: { access: 'admin' },
      schema: { tags, body: CreateProgrammeBody, response: { 201: Programme, ...errorResponses } },
    },
    async (req, reply) => {
      const u = currentUser(req);
      const created = await db()
        .transaction()
        .execute((trx) => svc.createProgramme(trx, u.municipalityId, req.body, u.id, now()));
      return reply.status(201).send(created);
    },
  );

  r.patch(
    '/api/relay/programmes/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        params: IdParams,
        body: UpdateProgrammeBody,
        response: { 200: Programme, ...errorResponses },
      },
    },
    async (req) => {
      const s = staff(req);
      // Closing the relay e-mails the companies whose invitation or link it withdraws.
      return change(s.actor, (ctx) => svc.updateProgramme(ctx, s.municipalityId, req.params.id, req.body));
    },
  );

  r.get(
    '/api/relay/programmes/:id',
    {
      config: { access: 'viewer' },
      schema: { tags, params: IdParams, response: { 200: Chain, ...errorResponses } },
    },
    async (req) => {
      const u = currentUser(req);
      // Viewers see no contact persons, as in the programme report.
      return svc.getChain(db(), u, req.params.id, now(), {
        personalData: u.role !== 'viewer',
      });
    },
  );

  r.get(
    '/api/relay/programmes/:id/events',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        params: IdParams,
        response: { 200: z.object({ items: z.array(RelayEvent) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await svc.getEvents(db(), currentUser(req).municipalityId, req.params.id) }),
  );

  r.get(
    '/api/relay/programmes/:id/progress',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        params: IdParams,
        querystring: z.object({ by: isoDate.optional() }),
        response: { 200: Projection, ...errorResponses },
      },
    },
    async (req) => svc.getProgress(db(), currentUser(req).municipalityId, req.params.id, now(), req.query.by),
  );

  r.get(
    '/api/relay/programmes/:id/coverage',
    {
      config: { access: 'viewer' },
      schema: { tags, params: IdParams, response: { 200: Coverage, ...errorResponses } },
    },
    async (req) => getCoverage(db(), currentUser(req).municipalityId, req.params.id),
  );

  r.get(
    '/api/relay/stalled',
    {
      config: { access: 'viewer' },
      schema: { tags, response: { 200: z.object({ items: z.array(StalledBaton) }) } },
    },
    async (req) => ({ items: await svc.listStalled(db(), currentUser(req).municipalityId, now()) }),
  );

  r.get(
    '/api/relay/companies',
    {
      config: { access: 'staff' },
      schema: { tags, querystring: Search, response: { 200: z.object({ items: z.array(CompanyBrief) }) } },
    },
    async (req) => ({ items: (await searchCompanies(db(), req.query.q, 20)).map(toBrief) }),
  );

  // --- The baton -------------------------------------------------------------------------------
  r.post(
    '/api/relay/programmes/:id/batons',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        params: IdParams,
        body: StartBatonBody,
        response: { 201: z.object({ batonId: z.string(), legId: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const s = staff(req);
      const res = await change(s.actor, (ctx) =>
        svc.startBaton(ctx, s.municipalityId, req.params.id, req.body),
      );
      return reply.status(201).send(res);
    },
  );

  r.post(
    '/api/relay/legs/:id/book',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        params: IdParams,
        body: BookLegBody,
        response: { 201: z.object({ visitId: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const s = staff(req);
      const res = await change(s.actor, (ctx) => svc.bookLeg(ctx, s.municipalityId, req.params.id, req.body));
      return reply.status(201).send(res);
    },
  );

  r.post(
    '/api/relay/legs/:id/cancel-visit',
    {
      config: { access: 'admin' },
      schema: { tags, params: IdParams, body: CancelLegVisitBody, response: { 200: Ok, ...errorResponses } },
    },
    async (req) => {
      const s = staff(req);
      await change(s.actor, (ctx) =>
        svc.cancelLegVisit(ctx, s.municipalityId, req.params.id, req.body.reason),
      );
      return { ok: true as const };
    },
  );

  r.post(
    '/api/relay/legs/:id/visited',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        params: IdParams,
        response: { 200: z.object({ nominateLinkSent: z.boolean() }), ...errorResponses },
      },
    },
    async (req) => {
      const s = staff(req);
      return change(s.actor, (ctx) => svc.markLegVisited(ctx, currentUser(req), req.params.id));
    },
  );

  r.post(
    '/api/relay/legs/:id/nominations',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        params: IdParams,
        body: NominateBody,
        response: { 201: z.object({ nominationId: z.string() }), ...errorResponses },
      },
    },
    async (req, reply) => {
      const s = staff(req);
      const res = await change(s.actor, (ctx) =>
        svc.nominateAsStaff(ctx, currentUser(req), req.params.id, req.body),
      );
      return reply.status(201).send(res);
    },
  );

  r.post(
    '/api/relay/batons/:id/end',
    {
      config: { access: 'admin' },
      schema: { tags, params: IdParams, body: EndBatonBody, response: { 200: Ok, ...errorResponses } },
    },
    async (req) => {
      const s = staff(req);
      await change(s.actor, (ctx) => svc.endBaton(ctx, s.municipalityId, req.params.id, req.body.reason));
      return { ok: true as const };
    },
  );

  // --- Private links for companies (authorised by the token) ----------------------------------
  r.get(
    '/api/relay/invitations/:token',
    {
      config: { access: 'public' },
      schema: { tags, params: TokenParams, response: { 200: InvitationView, ...errorResponses } },
    },
    async (req) => svc.invitationView(db(), req.params.token),
  );

  r.post(
    '/api/relay/invitations/:token/accept',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, params: TokenParams, body: AcceptBody, response: { 200: Ok, ...errorResponses } },
    },
    async (req) => {
      await change({ kind: 'nominee' }, (ctx) => svc.acceptInvitation(ctx, req.params.token, req.body));
      return { ok: true as const };
    },
  );

  r.post(
    '/api/relay/invitations/:token/decline',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, params: TokenParams, body: DeclineBody, response: { 200: Ok, ...errorResponses } },
    },
    async (req) => {
      await change({ kind: 'nominee' }, (ctx) => svc.declineInvitation(ctx, req.params.token, req.body.note));
      return { ok: true as const };
    },
  );

  r.get(
    '/api/relay/nominate/:token',
    {
      config: { access: 'public' },
      schema: { tags, params: TokenParams, response: { 200: NominateLinkView, ...errorResponses } },
    },
    async (req) => svc.nominateLinkView(db(), req.params.token),
  );

  r.get(
    '/api/relay/nominate/:token/companies',
    {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        params: TokenParams,
        querystring: Search,
        response: { 200: z.object({ items: z.array(LinkCompanyHit) }), ...errorResponses },
      },
    },
    async (req) => {
      const rows = await svc.searchByLink(db(), req.params.token, req.query.q);
      // Only the name and town: a sole trader's organisation number is a personal identity number.
      return { items: rows.map((c) => ({ id: c.id, name: c.name, postalTown: c.postal_town })) };
    },
  );

  r.post(
    '/api/relay/nominate/:token',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        params: TokenParams,
        body: NominateByLinkBody,
        response: { 201: Ok, ...errorResponses },
      },
    },
    async (req, reply) => {
      await change({ kind: 'company' }, (ctx) =>
        svc.nominateByLink(ctx, req.params.token, { ...req.body, pickedByStaff: false }),
      );
      return reply.status(201).send({ ok: true as const });
    },
  );

  // --- The public page ---------------------------------------------------------------------------
  r.get(
    '/api/relay/public/:id',
    {
      config: { access: 'public' },
      schema: { tags, params: IdParams, response: { 200: PublicRelay, ...errorResponses } },
    },
    async (req) => svc.publicView(db(), req.params.id),
  );
}
