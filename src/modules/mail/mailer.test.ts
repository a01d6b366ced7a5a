import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type TestContext } from '../../../test/helpers/app';
import { startSmtp } from '../../../test/helpers/smtp';
import { enqueueJob, registerJobHandler, runDueJobs } from '../jobs/jobs';
import { loadEnv } from '../../config/env';
import { CLAIM_TIMEOUT_MS, Mailer } from './mailer';

for (const dialect of DIALECTS) {
  describe(`outbox and jobs (${dialect})`, () => {
    let t: TestContext;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    before(async () => {
      smtp = await startSmtp();
      t = await createTestApp(dialect, {
        env: { SMTP_URL: smtp.url, MAIL_FROM: 'Besök <besok@kommun.test>' },
      });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('a message queued in a committed transaction arrives over SMTP with its invitation', async () => {
      smtp.clear();
      const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
      await t.testDb.db.kysely.transaction().execute((trx) =>
        t.app.mailer.enqueue(trx, {
          to: 'kontakt@foretag.test',
          subject: 'Välkommen på besök',
          text: 'Hej! Vi ses på tisdag.',
          icalEvent: { method: 'REQUEST', content: ics },
          related: { type: 'company', id: 'c1' },
        }),
      );
      assert.equal(await t.app.mailer.flush(), 1);
      const [m] = await smtp.waitFor(1);
      assert.deepEqual(m?.to, ['kontakt@foretag.test']);
      assert.equal(m?.parsed.subject, 'Välkommen på besök');
      assert.match(m?.parsed.text ?? '', /Vi ses på tisdag/);
      assert.match(m?.raw ?? '', /text\/calendar; ?charset=utf-8; ?method=REQUEST/i);
      const row = await t.testDb.db.kysely
        .selectFrom('outbound_email')
        .selectAll()
        .where('related_id', '=', 'c1')
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
      assert.ok(row.sent_at);
    });

    test('Reply-To: given, or the unit mailbox on mail to a company, and none on mail to staff', async () => {
      smtp.clear();
      const db = t.testDb.db.kysely;
      const mailer = t.app.mailer;
      // No reply-to setting yet: a message to a company has none.
      await mailer.enqueue(db, {
        to: 'a@foretag.test',
        subject: 'Utan',
        text: '-',
        related: { type: 'company', id: 'c2' },
      });
      const m = await db.selectFrom('municipality').select(['id', 'settings']).executeTakeFirstOrThrow();
      await db
        .updateTable('municipality')
        .set({ settings: JSON.stringify({ ...JSON.parse(m.settings), replyTo: 'naringsliv@kommun.test' }) })
        .where('id', '=', m.id)
        .execute();
      await mailer.enqueue(db, {
        to: 'b@foretag.test',
        subject: 'Bolag',
        text: '-',
        related: { type: 'company', id: 'c2' },
      });
      await mailer.enqueue(db, {
        to: 'c@foretag.test',
        subject: 'Anmälan',
        text: '-',
        related: { type: 'sprint_registration', id: 'r1' },
      });
      await mailer.enqueue(db, {
        to: 'kollega@kommun.test',
        subject: 'Personal',
        text: '-',
        related: { type: 'followup', id: 'f1' },
      });
      await mailer.enqueue(db, {
        to: 'd@foretag.test',
        subject: 'Given',
        text: '-',
        replyTo: 'handlaggare@kommun.test',
      });
      await mailer.enqueue(db, {
        to: 'e@foretag.test',
        subject: 'Avstängd',
        text: '-',
        replyTo: null,
        related: { type: 'company', id: 'c2' },
      });
      assert.equal(await mailer.flush(), 6);
      const got = await smtp.waitFor(6);
      const replyTo = (to: string) => {
        const mail = got.find((x) => x.to.includes(to))!;
        const header = /^Reply-To: (.*?)\r?$/m.exec(mail.raw.split(/\r?\n\r?\n/)[0]!)?.[1] ?? null;
        assert.equal(mail.parsed.replyTo?.value[0]?.address ?? null, header);
        return header;
      };
      assert.equal(replyTo('a@foretag.test'), null);
      assert.equal(replyTo('b@foretag.test'), 'naringsliv@kommun.test');
      assert.equal(replyTo('c@foretag.test'), 'naringsliv@kommun.test');
      assert.equal(replyTo('kollega@kommun.test'), null);
      assert.equal(replyTo('d@foretag.test'), 'handlaggare@kommun.test');
      assert.equal(replyTo('e@foretag.test'), null);
      const row = await db
        .selectFrom('outbound_email')
        .select('reply_to')
        .where('to_address', '=', 'b@foretag.test')
        .executeTakeFirstOrThrow();
      assert.equal(row.reply_to, 'naringsliv@kommun.test');
      // The From stays the app's own address.
      assert.match(got[0]!.raw, /^From: =?.*besok@kommun\.test/m);
    });

    test('a message queued in a rolled-back transaction is never sent', async () => {
      smtp.clear();
      await assert.rejects(
        t.testDb.db.kysely.transaction().execute(async (trx) => {
          await t.app.mailer.enqueue(trx, { to: 'x@foretag.test', subject: 'Ska inte skickas', text: '-' });
          throw new Error('rollback');
        }),
      );
      assert.equal(await t.app.mailer.flush(), 0);
      assert.equal(smtp.messages.length, 0);
    });

    test('sends at once, in one process or two, send each message once', async () => {
      smtp.clear();
      const db = t.testDb.db.kysely;
      const mailer = t.app.mailer;
      const queue = (subject: string) => mailer.enqueue(db, { to: 'en@foretag.test', subject, text: '-' });
      await queue('Ett');
      await queue('Två');
      // A request's kick, more mail, another kick and three waiting callers (a burst of requests).
      mailer.kick();
      await queue('Tre');
      mailer.kick();
      await Promise.all([mailer.flush(), mailer.flush(), mailer.flush()]);
      const subjects = () => smtp.messages.map((m) => m.parsed.subject).sort();
      assert.deepEqual(subjects(), ['Ett', 'Tre', 'Två']);
      // A second process (another server, or the CLI) sending from the same outbox.
      const other = new Mailer(
        t.testDb.db,
        loadEnv({ SMTP_URL: smtp.url, MAIL_FROM: 'Besök <besok@kommun.test>' }),
        t.clock,
      );
      try {
        for (const n of ['Fyra', 'Fem', 'Sex', 'Sju']) await queue(n);
        await Promise.all([mailer.flush(), other.flush(), mailer.flush(), other.flush()]);
      } finally {
        other.close();
      }
      assert.deepEqual(subjects(), ['Ett', 'Fem', 'Fyra', 'Sex', 'Sju', 'Tre', 'Två']);
    });

    test('idle waits for the send in progress (a server that stops lets it finish)', async () => {
      smtp.clear();
      const db = t.testDb.db.kysely;
      const id = await t.app.mailer.enqueue(db, { to: 'sist@foretag.test', subject: 'Sist', text: '-' });
      t.app.mailer.kick();
      await t.app.mailer.idle();
      const row = await db
        .selectFrom('outbound_email')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
      assert.deepEqual(
        smtp.messages.map((m) => m.parsed.subject),
        ['Sist'],
      );
      await t.app.mailer.idle(); // nothing running: returns at once
    });

    test("a send that stopped half way is taken over after the claim's timeout, not before", async () => {
      smtp.clear();
      const db = t.testDb.db.kysely;
      const now = t.clock.now().getTime();
      const claimed = async (subject: string, ago: number) => {
        const id = await t.app.mailer.enqueue(db, { to: 'tva@foretag.test', subject, text: '-' });
        await db
          .updateTable('outbound_email')
          .set({ status: 'sending', claimed_at: new Date(now - ago).toISOString() })
          .where('id', '=', id)
          .execute();
        return id;
      };
      const left = await claimed('Lämnad', CLAIM_TIMEOUT_MS + 60_000);
      const going = await claimed('Pågår', 60_000);
      assert.equal(await t.app.mailer.flush(), 1);
      assert.deepEqual(
        smtp.messages.map((m) => m.parsed.subject),
        ['Lämnad'],
      );
      const status = async (id: string) =>
        (
          await db
            .selectFrom('outbound_email')
            .select('status')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).status;
      assert.deepEqual([await status(left), await status(going)], ['sent', 'sending']);
      await db.deleteFrom('outbound_email').where('id', '=', going).execute(); // not sent by later tests
    });

    test('a job runs when it is due, not before, and once', async () => {
      const seen: unknown[] = [];
      registerJobHandler(`test-${dialect}`, async (_ctx, payload) => {
        seen.push(payload);
      });
      const runAt = new Date(t.clock.now().getTime() + 14 * 24 * 3600_000);
      await enqueueJob(
        t.testDb.db.kysely,
        { kind: `test-${dialect}`, payload: { n: 1 }, runAt },
        t.clock.now(),
      );
      assert.equal(await runDueJobs(t.app), 0);
      t.clock.advance(14 * 24 * 3600_000);
      assert.equal(await runDueJobs(t.app), 1);
      assert.equal(await runDueJobs(t.app), 0);
      assert.deepEqual(seen, [{ n: 1 }]);
    });
  });
}
