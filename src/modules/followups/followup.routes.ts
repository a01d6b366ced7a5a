import { z } from 'zod';
import { zod, errorResponses, type RouteApp } from '../../server/route-types';
import { IdParams } from '../../contracts/common';
import {
  AddFollowupLogBody,
  CreateFollowupBody,
  FollowupDto,
  FollowupListQuery,
  UpdateFollowupBody,
} from '../../contracts/visits';
import { currentUser } from '../../server/plugins/auth';
import { registerSweep } from '../jobs/jobs';
import {
  addFollowupLog,
  createFollowup,
  getFollowupDto,
  listFollowups,
  notifyOverdue,
  updateFollowup,
  type Notify,
} from './followup.service';

const tags = ['followups'];

export async function followupRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);
  const db = () => app.db.kysely;
  const notify: Notify = { mailer: app.mailer, publicUrl: app.env.PUBLIC_URL.replace(/\/$/, '') };

  // Every minute (server.ts), and in tests after moving the clock: owners of overdue follow-ups are told once.
  registerSweep('followups-overdue', async ({ app: a, now }) => {
    await notifyOverdue(a.db.kysely, now, {
      mailer: a.mailer,
      publicUrl: a.env.PUBLIC_URL.replace(/\/$/, ''),
    });
  });

  r.get(
    '/api/followups',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        querystring: FollowupListQuery,
        response: { 200: z.object({ items: z.array(FollowupDto) }) },
      },
    },
    async (req) => ({ items: await listFollowups(db(), currentUser(req), req.query, app.clock.now()) }),
  );

  r.post(
    '/api/visits/:id/followups',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        params: IdParams,
        body: CreateFollowupBody,
        response: { 201: FollowupDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const user = currentUser(req);
      const dto = await db()
        .transaction()
        .execute((trx) => createFollowup(trx, user, req.params.id, req.body, app.clock.now(), notify));
      app.mailer.kick();
      return reply.status(201).send(dto);
    },
  );

  r.get(
    '/api/followups/:id',
    {
      config: { access: 'staff' },
      schema: { tags, params: IdParams, response: { 200: FollowupDto, ...errorResponses } },
    },
    async (req) => getFollowupDto(db(), currentUser(req), req.params.id, app.clock.now()),
  );

  r.patch(
    '/api/followups/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        params: IdParams,
        body: UpdateFollowupBody,
        response: { 200: FollowupDto, ...errorResponses },
      },
    },
    async (req) => {
      const user = currentUser(req);
      const dto = await db()
        .transaction()
        .execute((trx) => updateFollowup(trx, user, req.params.id, req.body, app.clock.now(), notify));
      app.mailer.kick();
      return dto;
    },
  );

  r.post(
    '/api/followups/:id/log',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        params: IdParams,
        body: AddFollowupLogBody,
        response: { 200: FollowupDto, ...errorResponses },
      },
    },
    async (req) => {
      const user = currentUser(req);
      return db()
        .transaction()
        .execute((trx) => addFollowupLog(trx, user, req.params.id, req.body.text, app.clock.now()));
    },
  );
}
