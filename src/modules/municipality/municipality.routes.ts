import { z } from 'zod';
import { errorResponses, zod, type RouteApp } from '../../server/route-types';
import {
  MunicipalityDto,
  PublicMunicipality,
  SaveTopicsBody,
  TopicList,
  UpdateMunicipalityBody,
} from '../../contracts/municipality';
import { currentUser } from '../../server/plugins/auth';
import { AppError, notFound, validation } from '../../server/errors';
import { countRegistrationsPast } from '../sprints/retention';
import {
  findMunicipality,
  listTopics,
  lockMunicipality,
  municipalityVersion,
  saveTopics,
  topicListVersion,
  updateMunicipality,
} from './municipality.repository';

export async function municipalityRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);

  r.get(
    '/api/municipality/public',
    {
      config: { access: 'public' },
      schema: { tags: ['municipality'], response: { 200: PublicMunicipality } },
    },
    async () => {
      const m = await findMunicipality(app.db.kysely);
      if (!m) throw notFound('Kommunen');
      return { name: m.name, unitName: m.settings.unitName, replyTo: m.settings.replyTo };
    },
  );

  r.get(
    '/api/municipality',
    { config: { access: 'viewer' }, schema: { tags: ['municipality'], response: { 200: MunicipalityDto } } },
    async () => {
      const m = await findMunicipality(app.db.kysely);
      if (!m) throw notFound('Kommunen');
      return { ...m, version: municipalityVersion(m) };
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
      const now = app.clock.now();
      return app.db.kysely.transaction().execute(async (trx) => {
        // Two admins saving at once: the second waits here, then sees the first's version.
        await lockMunicipality(trx, id);
        const current = await findMunicipality(trx);
        if (!current) throw notFound('Kommunen');
        const { version, confirmRetention, ...patch } = req.body;
        if (version !== undefined && version !== municipalityVersion(current)) {
          throw new AppError(
            'STALE',
            'Någon annan har sparat inställningarna sedan sidan öppnades. Ladda om sidan och gör ändringen igen.',
          );
        }
        const months = patch.settings?.retentionMonths;
        if (months !== undefined && months < current.settings.retentionMonths && !confirmRetention) {
          const due = await countRegistrationsPast(trx, id, months, now);
          if (due > 0) {
            throw validation(
              [
                {
                  path: 'settings.retentionMonths',
                  message: `med ${months} månader gallras ${due === 1 ? '1 anmälan' : `${due} anmälningar`} direkt, och det går inte att ångra: bekräfta ändringen`,
                },
              ],
              'En kortare gallringstid tar bort uppgifter direkt. Bekräfta ändringen för att spara.',
            );
          }
        }
        await updateMunicipality(trx, id, patch, now);
        const m = await findMunicipality(trx);
        if (!m) throw notFound('Kommunen');
        return { ...m, version: municipalityVersion(m) };
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
        response: { 200: TopicList },
      },
    },
    async (req) => {
      const id = currentUser(req).municipalityId;
      const all = await listTopics(app.db.kysely, id, true);
      return {
        items: req.query.all === '1' ? all : all.filter((t) => t.active),
        version: topicListVersion(all),
      };
    },
  );

  r.put(
    '/api/topics',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['municipality'],
        body: SaveTopicsBody,
        response: { 200: TopicList, ...errorResponses },
      },
    },
    async (req) => {
      const id = currentUser(req).municipalityId;
      return app.db.kysely.transaction().execute(async (trx) => {
        await lockMunicipality(trx, id);
        if (topicListVersion(await listTopics(trx, id, true)) !== req.body.version) {
          throw new AppError(
            'STALE',
            'Någon annan har sparat ämneslistan medan du ändrade den. Ladda om sidan för att se deras ändringar och gör dina igen.',
          );
        }
        await saveTopics(trx, id, req.body.topics);
        const items = await listTopics(trx, id, true);
        return { items, version: topicListVersion(items) };
      });
    },
  );
}
