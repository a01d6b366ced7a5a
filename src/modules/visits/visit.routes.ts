import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { zod, errorResponses, type RouteApp } from '../../server/route-types';
import { IdParams, ErrorResponse } from '../../contracts/common';
import {
  CreateVisitBody,
  ReportDto,
  SaveReportBody,
  StaleReportResponse,
  UpdateVisitBody,
  VersionBody,
  VisitDto,
  VisitListQuery,
  VisitPage,
} from '../../contracts/visits';
import { currentUser } from '../../server/plugins/auth';
import { cancelVisit, createUnplannedVisit, getVisitDto, listVisits, updateVisitFor } from './visit.service';
import { getReport, saveReport, StaleReportError, submitReport } from './report.service';

const tags = ['visits'];

/** A stale report save answers 409 with the server's copy, so the form can merge. */
function sendStale(reply: FastifyReply, err: unknown) {
  if (err instanceof StaleReportError) {
    return reply
      .status(409)
      .send({ error: { code: 'STALE' as const, message: err.message }, current: err.current });
  }
  throw err;
}

export async function visitRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);
  const db = () => app.db.kysely;

  r.get(
    '/api/visits',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        querystring: VisitListQuery,
        response: { 200: VisitPage },
      },
    },
    async (req) => listVisits(db(), currentUser(req), req.query, app.clock.now()),
  );

  r.post(
    '/api/visits',
    {
      config: { access: 'staff' },
      schema: { tags, body: CreateVisitBody, response: { 201: VisitDto, ...errorResponses } },
    },
    async (req, reply) => {
      const user = currentUser(req);
      const dto = await db()
        .transaction()
        .execute((trx) => createUnplannedVisit(trx, user, req.body, app.clock.now()));
      return reply.status(201).send(dto);
    },
  );

  r.get(
    '/api/visits/:id',
    {
      config: { access: 'staff' },
      schema: { tags, params: IdParams, response: { 200: VisitDto, ...errorResponses } },
    },
    async (req) => getVisitDto(db(), currentUser(req), req.params.id),
  );

  r.patch(
    '/api/visits/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        params: IdParams,
        body: UpdateVisitBody,
        response: { 200: VisitDto, ...errorResponses },
      },
    },
    async (req) => {
      const user = currentUser(req);
      return db()
        .transaction()
        .execute((trx) =>
          updateVisitFor(trx, user, req.params.id, req.body, app.clock.now(), {
            mailer: app.mailer,
            publicUrl: app.env.PUBLIC_URL,
          }),
        )
        .finally(() => app.mailer.kick());
    },
  );

  r.post(
    '/api/visits/:id/cancel',
    {
      config: { access: 'staff' },
      schema: { tags, params: IdParams, body: VersionBody, response: { 200: VisitDto, ...errorResponses } },
    },
    async (req) => {
      const user = currentUser(req);
      return db()
        .transaction()
        .execute((trx) => cancelVisit(trx, user, req.params.id, req.body.version, app.clock.now()));
    },
  );

  r.get(
    '/api/visits/:id/report',
    {
      config: { access: 'staff' },
      schema: { tags, params: IdParams, response: { 200: ReportDto, ...errorResponses } },
    },
    async (req) => getReport(db(), currentUser(req), req.params.id),
  );

  r.put(
    '/api/visits/:id/report',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        params: IdParams,
        body: SaveReportBody,
        response: { 200: ReportDto, ...errorResponses, 409: z.union([StaleReportResponse, ErrorResponse]) },
      },
    },
    async (req, reply) => {
      const user = currentUser(req);
      try {
        return await db()
          .transaction()
          .execute((trx) => saveReport(trx, user, req.params.id, req.body, app.clock.now()));
      } catch (err) {
        return sendStale(reply, err);
      }
    },
  );

  r.post(
    '/api/visits/:id/report/submit',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        params: IdParams,
        body: VersionBody,
        response: { 200: ReportDto, ...errorResponses, 409: z.union([StaleReportResponse, ErrorResponse]) },
      },
    },
    async (req, reply) => {
      const user = currentUser(req);
      try {
        return await db()
          .transaction()
          .execute((trx) =>
            submitReport(trx, user, req.params.id, req.body.version, app.clock.now(), {
              mailer: app.mailer,
              publicUrl: app.env.PUBLIC_URL,
            }),
          );
      } catch (err) {
        return sendStale(reply, err);
      } finally {
        app.mailer.kick();
      }
    },
  );
}
