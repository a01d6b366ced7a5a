import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type TestContext } from '../../../test/helpers/app';
import { enqueueJob, MAX_JOB_ATTEMPTS, registerJobHandler, runDueJobs } from '../jobs/jobs';
import { insertTestCompany } from '../visits/visit.fixtures';
import { startSmtp } from '../../../test/helpers/smtp';
import type { FailedJobPage, OutboxProblemPage } from '../../contracts/mail';

const REFUSED = 'stangd@foretag.test';

for (const dialect of DIALECTS) {
  void describe(`what did not go through: outbox and failed jobs (${dialect})`, () => {
    let t: TestContext;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    before(async () => {
      // A real SMTP server that refuses one recipient for good (550) and takes the others.
      smtp = await startSmtp((a) => (a === REFUSED ? { code: 550, message: 'Mailbox unavailable' } : null));
      t = await createTestApp(dialect, {
        env: { SMTP_URL: smtp.url, MAIL_FROM: 'Besök <besok@kommun.test>' },
      });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    void test('a refused message is listed with its error and company, requeued, audit-logged and then sent', async () => {
      const db = t.testDb.db.kysely;
      const companyId = await insertTestCompany(db, { name: 'Stängda Dörrar AB', orgNr: '5560000001' });
      const id = await t.app.mailer.enqueue(db, {
        to: REFUSED,
        subject: 'Välkommen på besök',
        text: 'Hej! Vi ses på tisdag.',
        related: { type: 'company', id: companyId },
      });
      await t.app.mailer.flush();
      assert.equal(
        (
          await db
            .selectFrom('outbound_email')
            .select('status')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).status,
        'failed',
      );

      const admin = await t.as(t.users.admin);
      const list = await admin.get('/api/outbox/problems');
      assert.equal(list.statusCode, 200, list.body);
      const page = list.json() as OutboxProblemPage;
      assert.deepEqual(page.counts, { failed: 1, retry: 0 });
      assert.equal(page.total, 1);
      const [m] = page.items;
      assert.equal(m?.id, id);
      assert.equal(m?.status, 'failed');
      assert.equal(m?.to, REFUSED);
      assert.equal(m?.subject, 'Välkommen på besök');
      assert.equal(m?.attempts, 1);
      assert.match(m?.error ?? '', /550|Mailbox unavailable/);
      assert.deepEqual(m?.related, { type: 'company', id: companyId, label: 'Stängda Dörrar AB' });
      assert.equal(m?.nextAttemptAt, null);

      // The server takes the address again (the company's mailbox is back): try it again.
      smtp.clear();
      smtp.setRefuse(() => null);
      const requeued = await admin.post(`/api/outbox/${id}/requeue`);
      assert.equal(requeued.statusCode, 200, requeued.body);
      assert.deepEqual(requeued.json(), {
        id,
        status: 'queued',
        attempts: 0,
        nextAttemptAt: t.clock.now().toISOString(),
      });
      const audit = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(audit.action, 'outbound_email.requeue');
      assert.equal(audit.user_id, t.users.admin.id);
      assert.deepEqual(JSON.parse(audit.details), { previousStatus: 'failed', previousAttempts: 1 });
      assert.doesNotMatch(audit.details, /@/, 'no address in the audit log');

      // The request kicked a send; flush joins it (or sends, if it had not started).
      await t.app.mailer.flush();
      assert.equal(smtp.messages.length, 1);
      assert.deepEqual(smtp.messages[0]?.to, [REFUSED]);
      assert.equal(smtp.messages[0]?.parsed.subject, 'Välkommen på besök');
      const row = await db
        .selectFrom('outbound_email')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
      assert.equal(row.attempts, 1);

      // It has left the list; trying a sent message again is a conflict in the one error shape.
      const after = (await admin.get('/api/outbox/problems')).json() as OutboxProblemPage;
      assert.deepEqual(after.counts, { failed: 0, retry: 0 });
      assert.deepEqual(after.items, []);
      const again = await admin.post(`/api/outbox/${id}/requeue`);
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'CONFLICT');
      const unknown = await admin.post('/api/outbox/no-such-message/requeue');
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, 'NOT_FOUND');
    });

    void test('waiting and failed messages are counted and paged newest first', async () => {
      const db = t.testDb.db.kysely;
      const base = {
        reply_to: null,
        text_body: 'x',
        html_body: null,
        attachments: '{}',
        related_type: null,
        related_id: null,
        claimed_at: null,
        message_id: null,
        sent_at: null,
      };
      const rows = [0, 1, 2].map((i) => ({
        ...base,
        id: `paged-${i}`,
        to_address: `mottagare${i}@foretag.test`,
        subject: `Meddelande ${i}`,
        status: i === 1 ? 'retry' : 'failed',
        attempts: 2,
        next_attempt_at: i === 1 ? '2026-03-02T09:00:00.000Z' : null,
        error: '421 Try again later',
        created_at: `2026-03-01T0${i}:00:00.000Z`,
      }));
      await db.insertInto('outbound_email').values(rows).execute();
      const admin = await t.as(t.users.admin);
      const first = (await admin.get('/api/outbox/problems?pageSize=2')).json() as OutboxProblemPage;
      assert.deepEqual(first.counts, { failed: 2, retry: 1 });
      assert.equal(first.total, 3);
      assert.deepEqual(
        first.items.map((i) => i.id),
        ['paged-2', 'paged-1'],
      );
      assert.equal(first.items[1]?.nextAttemptAt, '2026-03-02T09:00:00.000Z');
      const second = (await admin.get('/api/outbox/problems?pageSize=2&page=2')).json() as OutboxProblemPage;
      assert.deepEqual(
        second.items.map((i) => i.id),
        ['paged-0'],
      );
      const bad = await admin.get('/api/outbox/problems?pageSize=0');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'VALIDATION');
      // A message the retention sweep cleared has no recipient left: it is not sent again.
      await db.updateTable('outbound_email').set({ to_address: '' }).where('id', '=', 'paged-0').execute();
      const cleared = await admin.post('/api/outbox/paged-0/requeue');
      assert.equal(cleared.statusCode, 409);
      assert.match(cleared.json().error.message, /gallrat/);
      await db.deleteFrom('outbound_email').where('id', 'like', 'paged-%').execute();
    });

    void test('a job that used its tries is listed with its error', async () => {
      registerJobHandler('test.outbox-admin.always-fails', () =>
        Promise.reject(new Error('the reminder could not be written')),
      );
      const db = t.testDb.db.kysely;
      const jobId = await enqueueJob(
        db,
        { kind: 'test.outbox-admin.always-fails', payload: {}, runAt: t.clock.now() },
        t.clock.now(),
      );
      for (let i = 0; i < MAX_JOB_ATTEMPTS; i++) {
        await runDueJobs(t.app);
        t.clock.advance(24 * 3600 * 1000);
      }
      const admin = await t.as(t.users.admin);
      const res = await admin.get('/api/outbox/failed-jobs');
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as FailedJobPage;
      assert.equal(page.total, 1);
      const [job] = page.items;
      assert.equal(job?.id, jobId);
      assert.equal(job?.kind, 'test.outbox-admin.always-fails');
      assert.equal(job?.attempts, MAX_JOB_ATTEMPTS);
      assert.equal(job?.error, 'the reminder could not be written');
      assert.ok(job?.failedAt);
    });

    void test('viewers and staff are refused (403), anonymous callers 401', async () => {
      const id = await t.app.mailer.enqueue(t.testDb.db.kysely, {
        to: 'a@foretag.test',
        subject: 's',
        text: 't',
      });
      for (const who of [t.users.viewer, t.users.staff]) {
        const c = await t.as(who);
        for (const res of [
          await c.get('/api/outbox/problems'),
          await c.get('/api/outbox/failed-jobs'),
          await c.post(`/api/outbox/${id}/requeue`),
        ]) {
          assert.equal(res.statusCode, 403, `${who.role}: ${res.body}`);
          assert.equal(res.json().error.code, 'FORBIDDEN');
        }
      }
      const anon = await t.as('anonymous');
      assert.equal((await anon.get('/api/outbox/problems')).statusCode, 401);
    });
  });
}
