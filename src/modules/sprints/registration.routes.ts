import { z } from 'zod';
import { zod, errorResponses, type RouteApp } from '../../server/route-types';
import { ErrorResponse, Ok } from '../../contracts/common';
import {
  CompanyLookup,
  PrivateRegistration,
  PublicSprint,
  RegistrationInput,
  RegistrationReceipt,
} from '../../contracts/sprints';
import {
  getPrivateRegistration,
  getPublicSprint,
  lookupCompany,
  register,
  updatePrivateRegistration,
  withdrawPrivateRegistration,
} from './registration.service';

const SlugParams = z.object({ slug: z.string().min(1).max(60) });
const LookupParams = z.object({ slug: z.string().min(1).max(60), orgNr: z.string().min(1).max(20) });
const TokenParams = z.object({ token: z.string().min(1).max(100) });
const publicErrors = { ...errorResponses, 410: ErrorResponse, 429: ErrorResponse };

/**
 * The public side of a sprint: no log-in. Rate-limited per address; the form's fields are
 * length-limited by the contract and nothing typed here is ever rendered as HTML.
 */
export async function registrationRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);
  // Sends per address per minute (REGISTRATION_RATE_LIMIT in the environment).
  const max = app.env.REGISTRATION_RATE_LIMIT;
  const limited = { max, timeWindow: '1 minute' };

  r.get(
    '/api/public/sprints/:slug',
    {
      config: { access: 'public', rateLimit: { max: max * 5, timeWindow: '1 minute' } },
      schema: { tags: ['public'], params: SlugParams, response: { 200: PublicSprint, ...publicErrors } },
    },
    async (req) => getPublicSprint(app.db.kysely, req.params.slug, app.clock.now()),
  );

  r.get(
    '/api/public/sprints/:slug/companies/:orgNr',
    {
      config: { access: 'public', rateLimit: { max: max * 3, timeWindow: '1 minute' } },
      schema: { tags: ['public'], params: LookupParams, response: { 200: CompanyLookup, ...publicErrors } },
    },
    async (req) => lookupCompany(app.db.kysely, req.params.slug, req.params.orgNr),
  );

  r.post(
    '/api/public/sprints/:slug/registrations',
    {
      config: { access: 'public', rateLimit: limited },
      bodyLimit: 32 * 1024,
      schema: {
        tags: ['public'],
        params: SlugParams,
        body: RegistrationInput,
        response: { 200: RegistrationReceipt, ...publicErrors },
      },
    },
    async (req) => {
      const receipt = await app.db.kysely
        .transaction()
        .execute((trx) =>
          register(trx, app.mailer, app.env.PUBLIC_URL, req.params.slug, req.body, app.clock.now()),
        );
      app.mailer.kick();
      return receipt;
    },
  );

  r.get(
    '/api/public/registrations/:token',
    {
      config: { access: 'public', rateLimit: limited },
      schema: {
        tags: ['public'],
        params: TokenParams,
        response: { 200: PrivateRegistration, ...publicErrors },
      },
    },
    async (req) => getPrivateRegistration(app.db.kysely, req.params.token, app.clock.now()),
  );

  r.put(
    '/api/public/registrations/:token',
    {
      config: { access: 'public', rateLimit: limited },
      bodyLimit: 32 * 1024,
      schema: {
        tags: ['public'],
        params: TokenParams,
        body: RegistrationInput,
        response: { 200: RegistrationReceipt, ...publicErrors },
      },
    },
    async (req) => {
      const receipt = await app.db.kysely
        .transaction()
        .execute((trx) =>
          updatePrivateRegistration(
            trx,
            app.mailer,
            app.env.PUBLIC_URL,
            req.params.token,
            req.body,
            app.clock.now(),
          ),
        );
      app.mailer.kick();
      return receipt;
    },
  );

  r.post(
    '/api/public/registrations/:token/withdraw',
    {
      config: { access: 'public', rateLimit: limited },
      schema: { tags: ['public'], params: TokenParams, response: { 200: Ok, ...publicErrors } },
    },
    async (req) => {
      await app.db.kysely
        .transaction()
        .execute((trx) => withdrawPrivateRegistration(trx, req.params.token, app.clock.now()));
      return { ok: true as const };
    },
  );
}
