import { z } from 'zod';
import { zod, errorResponses, type RouteApp } from '../../server/route-types';
import { IdParams } from '../../contracts/common';
import {
  CompanyHistoryDto,
  FeedbackDraftDto,
  FeedbackDto,
  FeedbackMissingItem,
  SendFeedbackBody,
} from '../../contracts/visits';
import { currentUser } from '../../server/plugins/auth';
import type { Notify } from '../followups/followup.service';
import { composeFeedback, listFeedback, sendFeedback, visitsMissingFeedback } from './feedback.service';
import { companyHistory } from './history.service';

const tags = ['feedback'];

export async function feedbackRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);
  const db = () => app.db.kysely;
  const notify: Notify = { mailer: app.mailer, publicUrl: app.env.PUBLIC_URL.replace(/\/$/, '') };

  r.get(
    '/api/visits/:id/feedback/draft',
    {
      config: { access: 'staff' },
      schema: { tags, params: IdParams, response: { 200: FeedbackDraftDto, ...errorResponses } },
    },
    async (req) => composeFeedback(db(), currentUser(req), req.params.id, app.clock.now()),
  );

  r.post(
    '/api/visits/:id/feedback',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        params: IdParams,
        body: SendFeedbackBody,
        response: { 201: FeedbackDto, ...errorResponses },
      },
    },
    async (req, reply) => {
      const user = currentUser(req);
      const dto = await db()
        .transaction()
        .execute((trx) => sendFeedback(trx, user, req.params.id, req.body, app.clock.now(), notify));
      app.mailer.kick();
      return reply.status(201).send(dto);
    },
  );

  r.get(
    '/api/feedback',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        querystring: z.object({
          companyId: z.string().max(64).optional(),
          visitId: z.string().max(64).optional(),
        }),
        response: { 200: z.object({ items: z.array(FeedbackDto) }) },
      },
    },
    async (req) => ({ items: await listFeedback(db(), currentUser(req), req.query) }),
  );

  r.get(
    '/api/feedback/missing',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        response: { 200: z.object({ feedbackDays: z.number(), items: z.array(FeedbackMissingItem) }) },
      },
    },
    async (req) => visitsMissingFeedback(db(), currentUser(req), app.clock.now()),
  );

  r.get(
    '/api/companies/:id/history',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['companies'],
        params: IdParams,
        response: { 200: CompanyHistoryDto, ...errorResponses },
      },
    },
    async (req) => companyHistory(db(), currentUser(req), req.params.id),
  );
}
