import { z } from 'zod';
import { zod, type RouteApp } from '../../server/route-types';
import {
  MunicipalityDto,
  SaveTopicsBody,
  TopicDto,
  UpdateMunicipalityBody,
} from '../../contracts/municipality';
import { currentUser } from '../../server/plugins/auth';
import { notFound } from '../../server/errors';
import { findMunicipality, listTopics, saveTopics, updateMunicipality } from './municipality.repository';

export async function municipalityRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);

  r.get(
    '/api/municipality',
    { config: { access: 'viewer' }, schema: { tags: ['municipality'], response: { 200: MunicipalityDto } } },
    async () => {
      const m = await findMunicipality(app.db.kysely);
      if (!m) throw notFound('Kommunen');
      return m;
    },
  );

  r.patch(
    '/api/municipality',
    {
      config: { access: 'admin' },
      schema: { tags: ['municipality'], body: UpdateMunicipalityBody, response: { 200: MunicipalityDto } },
    },
    async (req) => {
      const id = currentUser(req).municipalityId;
      return app.db.kysely.transaction().execute(async (trx) => {
        await updateMunicipality(trx, id, req.body, app.clock.now());
        const m = await findMunicipality(trx);
        if (!m) throw notFound('Kommunen');
        return m;
      });
    },
  );

  r.get(
    '/api/topics',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['municipality'],
        querystring: z.object({ all: z.enum(['0', '1']).optional() }),
        response: { 200: z.object({ items: z.array(TopicDto) }) },
      },
    },
    async (req) => ({
      items: await listTopics(app.db.kysely, currentUser(req).municipalityId, req.query.all === '1'),
    }),
  );

  r.put(
    '/api/topics',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['municipality'],
        body: SaveTopicsBody,
        response: { 200: z.object({ items: z.array(TopicDto) }) },
      },
    },
    async (req) => {
      const id = currentUser(req).municipalityId;
      return app.db.kysely.transaction().execute(async (trx) => {
        await saveTopics(trx, id, req.body.topics);
        return { items: await listTopics(trx, id, true) };
      });
    },
  );
}
