import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/server/app';
import { loadEnv, type Env } from '../../src/config/env';
import type { DemoMailbox } from '../../src/modules/mail/demo-mailbox';
import type { DialectName } from '../../src/db/connect';
import { fixedClock } from '../../src/lib/clock';
import { createTestDb, type TestDb } from './db';
import {
  insertMunicipality,
  type Municipality,
} from '../../src/modules/municipality/municipality.repository';
import { createStaff } from '../../src/modules/staff/staff.service';
import type { StaffMember } from '../../src/contracts/staff';

export const TEST_PASSWORD = 'korrekt-häst-batteri';

export interface TestContext {
  app: App;
  testDb: TestDb;
  env: Env;
  clock: ReturnType<typeof fixedClock>;
  municipality: Municipality;
  users: { admin: StaffMember; staff: StaffMember; viewer: StaffMember };
  /** A client signed in as that user (cookies and CSRF token handled). */
  as(user: StaffMember | 'anonymous'): Promise<Client>;
  close(): Promise<void>;
}

/** An HTTP client over app.inject that keeps cookies and sends the CSRF token, like the web app. */
export class Client {
  private cookies = new Map<string, string>();
  private csrf: string | null = null;
  constructor(private readonly app: App) {}

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies) {
      // The server clears a cookie with an empty value (its expiry follows the test clock, not ours).
      if (c.value === '' || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async ensureCsrf(): Promise<string> {
    if (!this.csrf) {
      const res = await this.app.inject({
        method: 'GET',
        url: '/api/auth/csrf',
        headers: { cookie: this.cookieHeader },
      });
      this.remember(res);
      this.csrf = (res.json() as { token: string }).token;
    }
    return this.csrf;
  }

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { cookie: this.cookieHeader, ...headers };
    if (method !== 'GET') h['x-csrf-token'] = await this.ensureCsrf();
    const res = await this.app.inject({
      method,
      url,
      headers: { ...h, cookie: this.cookieHeader },
      ...(body === undefined
        ? {}
        : typeof body === 'string' || Buffer.isBuffer(body)
          ? { payload: body }
          : { payload: body as object }),
    });
    this.remember(res);
    return res;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);

  async login(email: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> {
    return this.post('/api/auth/login', { email, password });
  }
}

export async function createTestApp(
  dialect: DialectName,
  opts: {
    env?: Partial<Record<keyof Env, string>>;
    now?: string;
    demoMailbox?: DemoMailbox;
    /** The built web app to serve (a folder with index.html); by default web/dist. */
    webRoot?: string;
  } = {},
): Promise<TestContext> {
  const testDb = await createTestDb(dialect);
  const env = loadEnv({
    NODE_ENV: 'test',
    DATABASE_URL: testDb.url,
    PUBLIC_URL: 'http://besok.test',
    LOGIN_RATE_LIMIT: '1000',
    ...opts.env,
  } as NodeJS.ProcessEnv);
  const clock = fixedClock(opts.now ?? '2026-03-02T08:00:00Z');
  const app = await buildApp({
    env,
    db: testDb.db,
    clock,
    ...(opts.demoMailbox ? { demoMailbox: opts.demoMailbox } : {}),
    ...(opts.webRoot ? { webRoot: opts.webRoot } : {}),
  });
  await app.ready();
  const municipality = await insertMunicipality(
    testDb.db.kysely,
    { name: 'Testkommun', kommunkod: '1488' },
    clock.now(),
  );
  const mk = (email: string, name: string, role: 'admin' | 'staff' | 'viewer', group: StaffMember['group']) =>
    createStaff(
      testDb.db.kysely,
      municipality.id,
      { email, name, title: '', phone: '', role, group, party: null, expertise: [], password: TEST_PASSWORD },
      clock.now(),
    );
  const users = {
    admin: await mk('admin@test.se', 'Anna Admin', 'admin', 'business'),
    staff: await mk('staff@test.se', 'Sven Staff', 'staff', 'department'),
    viewer: await mk('viewer@test.se', 'Vera Viewer', 'viewer', 'leadership'),
  };
  return {
    app,
    testDb,
    env,
    clock,
    municipality,
    users,
    async as(user) {
      const c = new Client(app);
      if (user !== 'anonymous') {
        const res = await c.login(user.email);
        if (res.statusCode !== 200) throw new Error(`log-in as ${user.email} failed: ${res.body}`);
      }
      return c;
    },
    async close() {
      await app.close();
      app.mailer.close();
      await testDb.cleanup();
    },
  };
}
