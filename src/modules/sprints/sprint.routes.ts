import { z } from 'zod';
import { zod, errorResponses, type RouteApp } from '../../server/route-types';
import { currentUser } from '../../server/plugins/auth';
import { ErrorResponse } from '../../contracts/common';
import { notFound } from '../../server/errors';
import {
  AddVisitBody,
  AdminRegistration,
  Board,
  CreateSprintBody,
  DayPage,
  EditVisitBody,
  MeetingLinkBody,
  MyAvailabilityBody,
  Participant,
  PositionBody,
  PublishResult,
  RosterBody,
  SolveBody,
  Sprint,
  SprintListQuery,
  UpdateSprintBody,
  VersionBody,
} from '../../contracts/sprints';
import {
  createSprint,
  listMySprints,
  listParticipants,
  listRegistrations,
  listSprints,
  loadSprint,
  saveRoster,
  setMeetingLink,
  setMyAvailability,
  setPosition,
  sprintView,
  updateSprint,
} from './sprint.service';
import { addVisit, dropVisit, editVisit, getBoard, runScheduler } from './plan.service';
import { publish } from './publish.service';
import { getDay } from './day.service';
import { clearExpiredRegistrations } from './retention';
import { registerSweep } from '../jobs/jobs';

const SprintParams = z.object({ id: z.string().min(1).max(64) });
const SprintItemParams = z.object({ id: z.string().min(1).max(64), rid: z.string().min(1).max(64) });
const DayParams = z.object({ id: z.string().min(1).max(64), userId: z.string().min(1).max(64) });
const planErrors = { ...errorResponses, 422: ErrorResponse };

/** The admin's side of a visit sprint: set-up, roster, registrations, planning, publishing. */
export async function sprintRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);
  /** A sprint as staff may see it: an admin any; others only one they are on the roster of. */
  const visibleSprint = async (user: ReturnType<typeof currentUser>, id: string) => {
    const s = await loadSprint(app.db.kysely, user.municipalityId, id);
    if (user.role !== 'admin') {
      const mine = await listMySprints(app.db.kysely, user.municipalityId, user.id);
      if (!mine.some((m) => m.id === s.row.id)) throw notFound('Sprinten');
    }
    return s;
  };
  registerSweep('sprints.registration-retention', async ({ app: a, now }) => {
    const cleared = await a.db.kysely.transaction().execute((trx) => clearExpiredRegistrations(trx, now));
    if (cleared) a.log.info({ cleared }, 'registrations past their retention period cleared');
  });
  r.get(
    '/api/sprints',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['sprints'],
        querystring: SprintListQuery,
        response: { 200: z.object({ items: z.array(Sprint) }) },
      },
    },
    async (req) => {
      const user = currentUser(req);
      const items =
        user.role === 'admin' && req.query.scope === 'all'
          ? await listSprints(app.db.kysely, user.municipalityId)
          : await listMySprints(app.db.kysely, user.municipalityId, user.id);
      return { items };
    },
  );

  r.post(
    '/api/sprints',
    {
      config: { access: 'admin' },
      schema: { tags: ['sprints'], body: CreateSprintBody, response: { 201: Sprint, ...errorResponses } },
    },
    async (req, reply) => {
      const user = currentUser(req);
      const created = await app.db.kysely
        .transaction()
        .execute((trx) => createSprint(trx, user.municipalityId, req.body, app.clock.now()));
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/api/sprints/:id',
    {
      config: { access: 'staff' },
      schema: { tags: ['sprints'], params: SprintParams, response: { 200: Sprint, ...errorResponses } },
    },
    async (req) => sprintView(app.db.kysely, (await visibleSprint(currentUser(req), req.params.id)).row),
  );

  r.patch(
    '/api/sprints/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['sprints'],
        params: SprintParams,
        body: UpdateSprintBody,
        response: { 200: Sprint, ...errorResponses },
      },
    },
    async (req) => {
      const user = currentUser(req);
      return app.db.kysely
        .transaction()
        .execute((trx) => updateSprint(trx, user.municipalityId, req.params.id, req.body, app.clock.now()));
    },
  );

  r.get(
    '/api/sprints/:id/participants',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['sprints'],
        params: SprintParams,
        response: { 200: z.object({ items: z.array(Participant) }), ...errorResponses },
      },
    },
    async (req) => {
      await visibleSprint(currentUser(req), req.params.id);
      return { items: await listParticipants(app.db.kysely, req.params.id) };
    },
  );

  r.put(
    '/api/sprints/:id/participants',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['sprints'],
        params: SprintParams,
        body: RosterBody,
        response: { 200: z.object({ items: z.array(Participant) }), ...errorResponses },
      },
    },
    async (req) => {
      const user = currentUser(req);
      const items = await app.db.kysely
        .transaction()
        .execute((trx) => saveRoster(trx, user.municipalityId, req.params.id, req.body, app.clock.now()));
      return { items };
    },
  );

  r.put(
    '/api/sprints/:id/participants/me',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['sprints'],
        params: SprintParams,
        body: MyAvailabilityBody,
        response: { 200: Participant, ...errorResponses },
      },
    },
    async (req) => {
      const user = currentUser(req);
      return app.db.kysely
        .transaction()
        .execute((trx) =>
          setMyAvailability(trx, user.municipalityId, req.params.id, user.id, req.body, app.clock.now()),
        );
    },
  );

  r.get(
    '/api/sprints/:id/registrations',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['sprints'],
        params: SprintParams,
        response: { 200: z.object({ items: z.array(AdminRegistration) }), ...errorResponses },
      },
    },
    async (req) => ({
      items: await listRegistrations(app.db.kysely, currentUser(req).municipalityId, req.params.id),
    }),
  );

  r.put(
    '/api/sprints/:id/registrations/:rid/position',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['sprints'],
        params: SprintItemParams,
        body: PositionBody,
        response: { 200: AdminRegistration, ...errorResponses },
      },
    },
    async (req) =>
      app.db.kysely
        .transaction()
        .execute((trx) =>
          setPosition(
            trx,
            currentUser(req).municipalityId,
            req.params.id,
            req.params.rid,
            req.body,
            app.clock.now(),
          ),
        ),
  );

  r.put(
    '/api/sprints/:id/registrations/:rid/meeting-link',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['sprints'],
        params: SprintItemParams,
        body: MeetingLinkBody,
        response: { 200: AdminRegistration, ...errorResponses },
      },
    },
    async (req) =>
      app.db.kysely
        .transaction()
        .execute((trx) =>
          setMeetingLink(
            trx,
            currentUser(req).municipalityId,
            req.params.id,
            req.params.rid,
            req.body,
            app.clock.now(),
          ),
        ),
  );

  // ---- planning ----
  r.get(
    '/api/sprints/:id/board',
    {
      config: { access: 'admin' },
      schema: { tags: ['sprints'], params: SprintParams, response: { 200: Board, ...errorResponses } },
    },
    async (req) => getBoard(app.db.kysely, currentUser(req).municipalityId, req.params.id),
  );

  r.post(
    '/api/sprints/:id/schedule',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['sprints'],
        params: SprintParams,
        body: SolveBody,
        response: { 200: Board, ...planErrors },
      },
    },
    async (req) => {
      const user = currentUser(req);
      return app.db.kysely
        .transaction()
        .execute((trx) => runScheduler(trx, user.municipalityId, req.params.id, req.body, app.clock.now()));
    },
  );

  r.post(
    '/api/sprints/:id/plan/visits',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['sprints'],
        params: SprintParams,
        body: AddVisitBody,
        response: { 200: Board, ...planErrors },
      },
    },
    async (req) => {
      const user = currentUser(req);
      return app.db.kysely
        .transaction()
        .execute((trx) => addVisit(trx, user.municipalityId, req.params.id, req.body, app.clock.now()));
    },
  );

  r.patch(
    '/api/sprints/:id/plan/visits/:rid',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['sprints'],
        params: SprintItemParams,
        body: EditVisitBody,
        response: { 200: Board, ...planErrors },
      },
    },
    async (req) => {
      const user = currentUser(req);
      return app.db.kysely
        .transaction()
        .execute((trx) =>
          editVisit(trx, user.municipalityId, req.params.id, req.params.rid, req.body, app.clock.now()),
        );
    },
  );

  r.post(
    '/api/sprints/:id/plan/visits/:rid/drop',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['sprints'],
        params: SprintItemParams,
        body: VersionBody,
        response: { 200: Board, ...planErrors },
      },
    },
    async (req) => {
      const user = currentUser(req);
      return app.db.kysely
        .transaction()
        .execute((trx) =>
          dropVisit(
            trx,
            user.municipalityId,
            req.params.id,
            req.params.rid,
            req.body.version,
            app.clock.now(),
          ),
        );
    },
  );

  r.post(
    '/api/sprints/:id/publish',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['sprints'],
        params: SprintParams,
        body: VersionBody,
        response: { 200: PublishResult, ...planErrors },
      },
    },
    async (req) => {
      const user = currentUser(req);
      const result = await app.db.kysely
        .transaction()
        .execute((trx) =>
          publish(
            trx,
            app.mailer,
            app.env,
            user.municipalityId,
            req.params.id,
            req.body.version,
            app.clock.now(),
          ),
        );
      app.mailer.kick();
      return result;
    },
  );

  // ---- day pages ----
  r.get(
    '/api/sprints/:id/day',
    {
      config: { access: 'staff' },
      schema: { tags: ['sprints'], params: SprintParams, response: { 200: DayPage, ...errorResponses } },
    },
    async (req) => {
      const user = currentUser(req);
      return getDay(app.db.kysely, user.municipalityId, req.params.id, user.id, {
        id: user.id,
        isAdmin: user.role === 'admin',
      });
    },
  );

  r.get(
    '/api/sprints/:id/day/:userId',
    {
      config: { access: 'staff' },
      schema: { tags: ['sprints'], params: DayParams, response: { 200: DayPage, ...errorResponses } },
    },
    async (req) => {
      const user = currentUser(req);
      return getDay(app.db.kysely, user.municipalityId, req.params.id, req.params.userId, {
        id: user.id,
        isAdmin: user.role === 'admin',
      });
    },
  );
}
