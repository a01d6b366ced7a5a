import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { createTestApp, type TestContext } from '../../../test/helpers/app';
import { DemoMailbox } from './demo-mailbox';

// The demo mailbox is the same on either database; SQLite alone keeps the run short.
void describe('demo mailbox', () => {
  let t: TestContext;
  let plain: TestContext;
  let box: DemoMailbox;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'besok-demo-mail-'));
    box = await DemoMailbox.start(dir);
    t = await createTestApp('sqlite', { env: { SMTP_URL: box.url }, demoMailbox: box });
    plain = await createTestApp('sqlite');
  });
  after(async () => {
    await t.close();
    await plain.close();
    await box.close();
    rmSync(dir, { recursive: true, force: true });
  });

  void test('receives the demo mail over SMTP, keeps it as .eml and lists it for an admin', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
    await t.app.mailer.enqueue(t.testDb.db.kysely, {
      to: 'kontakt@foretag.test',
      subject: 'Tack för er anmälan',
      text: 'Er länk: http://besok.test/anmalan/abc',
      icalEvent: { method: 'REQUEST', content: ics },
    });
    assert.equal(await t.app.mailer.flush(), 1);

    const admin = await t.as(t.users.admin);
    const res = await admin.get('/api/demo/mailbox');
    assert.equal(res.statusCode, 200);
    const items = res.json().items as Array<{
      id: string;
      to: string[];
      subject: string;
      text: string;
      attachments: Array<{ contentType: string }>;
    }>;
    assert.equal(items.length, 1);
    assert.deepEqual(items[0]!.to, ['kontakt@foretag.test']);
    assert.equal(items[0]!.subject, 'Tack för er anmälan');
    assert.match(items[0]!.text, /anmalan\/abc/);
    assert.ok(items[0]!.attachments.some((a) => a.contentType === 'text/calendar'));
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.eml')).length, 1);

    const raw = await admin.get(`/api/demo/mailbox/${items[0]!.id}/raw`);
    assert.equal(raw.statusCode, 200);
    assert.match(String(raw.headers['content-type']), /message\/rfc822/);
    assert.equal((await simpleParser(raw.rawPayload)).subject, 'Tack för er anmälan');
    assert.equal((await admin.get('/api/demo/mailbox/nope/raw')).statusCode, 404);

    const staff = await t.as(t.users.staff);
    assert.equal((await staff.get('/api/demo/mailbox')).statusCode, 403);
  });

  void test('outside the demo there is no mailbox: a clear 404', async () => {
    const admin = await plain.as(plain.users.admin);
    const res = await admin.get('/api/demo/mailbox');
    assert.equal(res.statusCode, 404);
    assert.match(res.json().error.message, /Demobrevlådan finns bara/);
  });
});
