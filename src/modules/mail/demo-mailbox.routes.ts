import { z } from 'zod';
import { zod, errorResponses, type RouteApp } from '../../server/route-types';
import { IdParams } from '../../contracts/common';
import { DemoMessageDto } from '../../contracts/demo';
import { AppError } from '../../server/errors';

const tags = ['demo'];

const noMailbox = () =>
  new AppError('NOT_FOUND', 'Demobrevlådan finns bara när Besök körs som demo utan egen SMTP-server.');

/** The demo mailbox (see DemoMailbox): what the demo has sent, for an admin to read. */
export async function demoMailboxRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);

  r.get(
    '/api/demo/mailbox',
    {
      config: { access: 'admin' },
      schema: { tags, response: { 200: z.object({ items: z.array(DemoMessageDto) }), ...errorResponses } },
    },
    async () => {
      if (!app.demoMailbox) throw noMailbox();
      return { items: app.demoMailbox.list().map(({ file: _file, ...m }) => m) };
    },
  );

  r.get(
    '/api/demo/mailbox/:id/raw',
    { config: { access: 'admin' }, schema: { tags, params: IdParams } },
    async (req, reply) => {
      if (!app.demoMailbox) throw noMailbox();
      const raw = await app.demoMailbox.raw(req.params.id);
      if (!raw) throw new AppError('NOT_FOUND', 'Meddelandet finns inte i demobrevlådan.');
      return reply
        .type('message/rfc822')
        .header('content-disposition', `attachment; filename="besok-${req.params.id.slice(0, 8)}.eml"`)
        .send(raw);
    },
  );
}
