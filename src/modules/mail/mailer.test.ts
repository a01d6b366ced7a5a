import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type TestContext } from '../../../test/helpers/app';
import { startSmtp, type Refusal } from '../../../test/helpers/smtp';
import { sql } from 'kysely';
import { enqueueJob, JOB_LEASE_MS, MAX_JOB_ATTEMPTS, registerJobHandler, runDueJobs } from '../jobs/jobs';
import { loadEnv } from '../../config/env';
import { CLAIM_TIMEOUT_MS, MAX_SEND_ATTEMPTS, Mailer, messageIdHost, retryDelayMs } from './mailer';

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

/** 550 for nobody@…, 452 (mailbox full, for now) for full@…; everything else is taken. */
const refusals = (address: string): Refusal =>
  address.startsWith('nobody@')
    ? { code: 550, message: 'No such user here' }
    : address.startsWith('full@')
      ? { code: 452, message: 'Mailbox full, try later' }
      : null;

for (const dialect of DIALECTS) {
  describe(`outbox: refused mail, marking sent, jobs that stopped (${dialect})`, () => {
    let t: TestContext;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    before(async () => {
      smtp = await startSmtp(refusals);
      t = await createTestApp(dialect, {
        // Pooled: a connection a message would take some 100 ms to open, and one test sends 1000.
        env: { SMTP_URL: `${smtp.url}&pool=true`, MAIL_FROM: 'Besök <besok@kommun.test>' },
      });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });
    const row = (id: string) =>
      t.testDb.db.kysely
        .selectFrom('outbound_email')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const clean = () => t.testDb.db.kysely.deleteFrom('outbound_email').execute();

    test('a permanent refusal (5xx) fails at once; one for now (4xx) backs off, then gives up', async () => {
      await clean();
      smtp.clear();
      const db = t.testDb.db.kysely;
      const mailer = t.app.mailer;
      const gone = await mailer.enqueue(db, { to: 'nobody@foretag.test', subject: 'Borta', text: '-' });
      const full = await mailer.enqueue(db, { to: 'full@foretag.test', subject: 'Full', text: '-' });
      assert.equal(await mailer.flush(), 0);
      const g = await row(gone);
      assert.equal(g.status, 'failed');
      assert.equal(g.attempts, 1);
      assert.match(g.error ?? '', /550/);
      assert.equal(g.next_attempt_at, null);
      let f = await row(full);
      assert.equal(f.status, 'retry');
      assert.equal(f.attempts, 1);
      assert.match(f.error ?? '', /452/);
      assert.equal(f.next_attempt_at, new Date(t.clock.now().getTime() + retryDelayMs(1)).toISOString());

      // Not tried again before its time, and the failed one never.
      await mailer.flush();
      assert.deepEqual([...smtp.offered].sort(), ['full@foretag.test', 'nobody@foretag.test']);
      t.clock.advance(retryDelayMs(1) - 1000);
      await mailer.flush();
      assert.equal(smtp.offered.length, 2);

      // Each wait twice the one before, until MAX_SEND_ATTEMPTS tries have been made.
      for (let n = 1; n < MAX_SEND_ATTEMPTS; n++) {
        t.clock.advance(n === 1 ? 1000 : retryDelayMs(n));
        await mailer.flush();
        f = await row(full);
        assert.equal(f.attempts, n + 1);
      }
      assert.ok(retryDelayMs(3) === 4 * retryDelayMs(1));
      assert.equal(f.status, 'failed');
      assert.equal(f.next_attempt_at, null);
      t.clock.advance(7 * 24 * 3600_000);
      await mailer.flush();
      assert.equal(smtp.offered.filter((a) => a === 'full@foretag.test').length, MAX_SEND_ATTEMPTS);
      assert.equal(smtp.offered.filter((a) => a === 'nobody@foretag.test').length, 1);
      assert.equal(smtp.messages.length, 0);
    });

    test('messages waiting out their back-off never hold up newer mail, and go once the server takes them', async () => {
      await clean();
      smtp.clear();
      const db = t.testDb.db.kysely;
      const mailer = t.app.mailer;
      // More refused messages than one round of a send takes on.
      const ids: string[] = [];
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 500; i++) {
          ids.push(await mailer.enqueue(trx, { to: `full@foretag.test`, subject: `Full ${i}`, text: '-' }));
        }
      });
      assert.equal(await mailer.flush(), 0);
      t.clock.advance(60_000);
      await mailer.enqueue(db, { to: 'ny@foretag.test', subject: 'Ny', text: '-' });
      assert.equal(await mailer.flush(), 1);
      assert.deepEqual(
        smtp.messages.map((m) => m.parsed.subject),
        ['Ny'],
      );
      // The mailbox has room again: the refused ones go when their time has come.
      smtp.setRefuse(() => null);
      try {
        t.clock.advance(retryDelayMs(1));
        assert.equal(await mailer.flush(), 500);
        const r = await row(ids[0]!);
        assert.deepEqual([r.status, r.attempts], ['sent', 2]);
      } finally {
        smtp.setRefuse(refusals);
      }
    });

    /** Makes marking a message whose subject starts with `Trasig` sent fail the next `times` times. */
    const breakMarkingSent = async (times: number) => {
      const db = t.testDb.db;
      if (db.dialect === 'sqlite') {
        let left = times;
        db.sqlite!.function('besok_test_fail', () => (left-- > 0 ? 1 : 0));
        await sql`DROP TRIGGER IF EXISTS besok_test_fail_sent`.execute(db.kysely);
        await sql`CREATE TRIGGER besok_test_fail_sent BEFORE UPDATE ON outbound_email
          WHEN NEW.status = 'sent' AND NEW.subject LIKE 'Trasig%' AND besok_test_fail() = 1
          BEGIN SELECT RAISE(ABORT, 'injected: the database is away'); END`.execute(db.kysely);
      } else {
        // A sequence counts outside the transaction that the failure rolls back.
        await sql`DROP SEQUENCE IF EXISTS besok_test_fail_seq`.execute(db.kysely);
        await sql`CREATE SEQUENCE besok_test_fail_seq`.execute(db.kysely);
        await sql
          .raw(
            `CREATE OR REPLACE FUNCTION besok_test_fail() RETURNS trigger AS $$
             BEGIN
               IF NEW.status = 'sent' AND NEW.subject LIKE 'Trasig%'
                  AND nextval('besok_test_fail_seq') <= ${Number(times)} THEN
                 RAISE EXCEPTION 'injected: the database is away';
               END IF;
               RETURN NEW;
             END $$ LANGUAGE plpgsql`,
          )
          .execute(db.kysely);
        await sql`DROP TRIGGER IF EXISTS besok_test_fail_sent ON outbound_email`.execute(db.kysely);
        await sql`CREATE TRIGGER besok_test_fail_sent BEFORE UPDATE ON outbound_email
          FOR EACH ROW EXECUTE FUNCTION besok_test_fail()`.execute(db.kysely);
      }
    };

    test('marking a message sent is tried again when it fails for a moment: sent once', async () => {
      await clean();
      smtp.clear();
      const db = t.testDb.db.kysely;
      await breakMarkingSent(2);
      const id = await t.app.mailer.enqueue(db, { to: 'en@foretag.test', subject: 'Trasig 1', text: '-' });
      assert.equal(await t.app.mailer.flush(), 1);
      const r = await row(id);
      assert.equal(r.status, 'sent');
      assert.equal(r.message_id, `<${id}@besok.test>`);
      t.clock.advance(CLAIM_TIMEOUT_MS + 60_000);
      await t.app.mailer.flush();
      assert.equal(smtp.messages.length, 1);
      assert.equal(smtp.messages[0]!.parsed.messageId, `<${id}@besok.test>`);
    });

    test('a message that cannot be marked sent does not stop the others, and is sent again with its Message-ID', async () => {
      await clean();
      smtp.clear();
      const db = t.testDb.db.kysely;
      await breakMarkingSent(1000);
      const broken = await t.app.mailer.enqueue(db, { to: 'a@foretag.test', subject: 'Trasig 2', text: '-' });
      const fine = await t.app.mailer.enqueue(db, { to: 'b@foretag.test', subject: 'Hel', text: '-' });
      assert.equal(await t.app.mailer.flush(), 1);
      assert.equal((await row(fine)).status, 'sent');
      const b = await row(broken);
      assert.equal(b.status, 'sending', 'left claimed: sent, but not marked so');
      assert.equal(b.message_id, t.app.mailer.messageId(broken));
      await breakMarkingSent(0);
      // Taken over after the claim's timeout and sent again: at least once, recognisably the same.
      t.clock.advance(CLAIM_TIMEOUT_MS + 60_000);
      assert.equal(await t.app.mailer.flush(), 1);
      assert.equal((await row(broken)).status, 'sent');
      const copies = smtp.messages.filter((m) => m.parsed.subject === 'Trasig 2');
      assert.equal(copies.length, 2);
      assert.deepEqual(
        copies.map((m) => m.parsed.messageId),
        [`<${broken}@besok.test>`, `<${broken}@besok.test>`],
      );
    });

    test("the Message-ID's host: PUBLIC_URL's name, else MAIL_FROM's domain", () => {
      assert.equal(
        messageIdHost({ PUBLIC_URL: 'https://besok.leksand.se/', MAIL_FROM: 'x@y.se' }),
        'besok.leksand.se',
      );
      assert.equal(
        messageIdHost({ PUBLIC_URL: 'http://localhost:3000', MAIL_FROM: 'Besök <besok@kommun.test>' }),
        'kommun.test',
      );
      assert.equal(
        messageIdHost({ PUBLIC_URL: 'http://127.0.0.1:3000', MAIL_FROM: 'besok@kommun.test' }),
        'kommun.test',
      );
    });

    test('a job whose run stopped is taken over after the lease, not before; one out of tries is failed', async () => {
      const kind = `lease-${dialect}`;
      const seen: unknown[] = [];
      registerJobHandler(kind, async (_ctx, payload) => {
        seen.push(payload);
      });
      const db = t.testDb.db.kysely;
      const now = t.clock.now();
      const stopped = async (n: number, ago: number, attempts = 1) => {
        const id = await enqueueJob(db, { kind, payload: { n }, runAt: new Date(now.getTime() - ago) }, now);
        await db
          .updateTable('job')
          .set({ status: 'running', attempts, updated_at: new Date(now.getTime() - ago).toISOString() })
          .where('id', '=', id)
          .execute();
        return id;
      };
      const left = await stopped(1, JOB_LEASE_MS + 60_000);
      const going = await stopped(2, 60_000);
      const spent = await stopped(3, JOB_LEASE_MS + 60_000, MAX_JOB_ATTEMPTS);
      assert.equal(await runDueJobs(t.app), 1);
      assert.deepEqual(seen, [{ n: 1 }]);
      const job = (id: string) =>
        db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal((await job(left)).status, 'done');
      assert.equal((await job(left)).attempts, 2);
      assert.equal((await job(going)).status, 'running');
      const s = await job(spent);
      assert.equal(s.status, 'failed');
      assert.match(s.last_error ?? '', /stopped/);
      // Its lease runs out in turn.
      t.clock.advance(JOB_LEASE_MS);
      assert.equal(await runDueJobs(t.app), 1);
      assert.deepEqual(seen, [{ n: 1 }, { n: 2 }]);
    });
  });
}
