import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authRoutes } from '../modules/auth/auth.routes';
import { staffRoutes } from '../modules/staff/staff.routes';
import { municipalityRoutes } from '../modules/municipality/municipality.routes';
import { companyRoutes } from '../modules/companies/company.routes';
import { visitRoutes } from '../modules/visits/visit.routes';
import { followupRoutes } from '../modules/followups/followup.routes';
import { relayRoutes } from '../modules/relay/relay.routes';
import { feedbackRoutes } from '../modules/feedback/feedback.routes';
import { sprintRoutes } from '../modules/sprints/sprint.routes';
import { registrationRoutes } from '../modules/sprints/registration.routes';
import { reportRoutes } from '../modules/reports/report.routes';
import { demoMailboxRoutes } from '../modules/mail/demo-mailbox.routes';
import { mailRoutes } from '../modules/mail/mail.routes';

/** Every module's routes, in one visible list. A new feature adds its line here. */
export async function registerModules(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { response: { 200: z.object({ ok: z.boolean() }) } } },
    async () => ({ ok: true }),
  );
  await app.register(authRoutes);
  await app.register(staffRoutes);
  await app.register(municipalityRoutes);
  await app.register(companyRoutes);
  await app.register(visitRoutes);
  await app.register(followupRoutes);
  await app.register(relayRoutes);
  await app.register(feedbackRoutes);
  await app.register(sprintRoutes);
  await app.register(registrationRoutes);
  await app.register(reportRoutes);
  await app.register(demoMailboxRoutes);
  await app.register(mailRoutes);
}
