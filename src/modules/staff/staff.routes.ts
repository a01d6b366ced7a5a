import { z } from 'zod';
import { zod, type RouteApp } from '../../server/route-types';
import { CreateStaffBody, StaffMember, UpdateStaffBody } from '../../contracts/staff';
import { IdParams } from '../../contracts/common';
import { currentUser } from '../../server/plugins/auth';
import { notFound } from '../../server/errors';
import { findStaff, listStaff, toStaffMember } from './staff.repository';
import { createStaff, updateStaffMember } from './staff.service';

export async function staffRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);

  r.get(
    '/api/staff',
    {
      config: { access: 'staff' },
      schema: { tags: ['staff'], response: { 200: z.object({ items: z.array(StaffMember) }) } },
    },
    async (req) => ({ items: await listStaff(app.db.kysely, currentUser(req).municipalityId) }),
  );

  r.get(
    '/api/staff/:id',
    {
      config: { access: 'staff' },
      schema: { tags: ['staff'], params: IdParams, response: { 200: StaffMember } },
    },
    async (req) => {
      const row = await findStaff(app.db.kysely, req.params.id);
      // Another municipality's people are as unknown as ids that do not exist.
      if (!row || row.municipality_id !== currentUser(req).municipalityId) throw notFound('Användaren');
      return toStaffMember(row);
    },
  );

  r.post(
    '/api/staff',
    {
      config: { access: 'admin' },
      schema: { tags: ['staff'], body: CreateStaffBody, response: { 201: StaffMember } },
    },
    async (req, reply) => {
      const user = currentUser(req);
      const created = await app.db.kysely
        .transaction()
        .execute((trx) => createStaff(trx, user.municipalityId, req.body, app.clock.now()));
      return reply.status(201).send(created);
    },
  );

  r.patch(
    '/api/staff/:id',
    {
      config: { access: 'admin' },
      schema: { tags: ['staff'], params: IdParams, body: UpdateStaffBody, response: { 200: StaffMember } },
    },
    async (req) => {
      const user = currentUser(req);
      return app.db.kysely
        .transaction()
        .execute((trx) =>
          updateStaffMember(trx, user.municipalityId, req.params.id, req.body, app.clock.now(), user.id),
        );
    },
  );
}
