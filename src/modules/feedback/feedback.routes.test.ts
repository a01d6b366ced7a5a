import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type Client, type TestContext } from '../../../test/helpers/app';
import { startSmtp } from '../../../test/helpers/smtp';
import { insertTestCompany } from '../visits/visit.fixtures';
import { createVisit } from '../visits/visit.service';

for (const dialect of DIALECTS) {
  void describe(`feedback and company history (${dialect})`, () => {
    let t: TestContext;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let staff: Client;
    let admin: Client;
    let companyId: string;
    let visitId: string;
    let sprintVisitId: string;

    before(async () => {
      smtp = await startSmtp();
      t = await createTestApp(dialect, { env: { SMTP_URL: smtp.url }, now: '2026-03-02T08:00:00Z' });
      staff = await t.as(t.users.staff);
      admin = await t.as(t.users.admin);
      const db = t.testDb.db.kysely;
      companyId = await insertTestCompany(db, {
        name: 'Kullabygdens Snickeri AB',
        orgNr: '5560000003',
        email: 'info@snickeri.test',
        sniSection: 'C',
      });
      visitId = (
        await staff.post('/api/visits', {
          companyId,
          startsAt: '2026-03-02T09:00:00Z',
          endsAt: '2026-03-02T10:00:00Z',
          mode: 'physical',
          participantIds: [t.users.staff.id],
        })
      ).json().id;

      // A sprint visit of the same company: its registration contact is offered for feedback.
      const raw = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
      const now = '2026-02-01T08:00:00.000Z';
      await raw
        .insertInto('sprint')
        .values({
          id: 'sprint-1',
          municipality_id: t.municipality.id,
          name: 'Besökssprint våren 2026',
          slug: 'var-2026',
          day: '2026-02-20',
          slots: '[]',
          rules: '{}',
          registration_opens_at: now,
          registration_closes_at: now,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await raw
        .insertInto('sprint_registration')
        .values({
          id: 'reg-1',
          sprint_id: 'sprint-1',
          company_id: companyId,
          org_nr: '5560000003',
          company_name: 'Kullabygdens Snickeri AB',
          contact_name: 'Kim Karlsson',
          contact_role: 'Ägare',
          contact_email: 'kim@snickeri.test',
          mode: 'physical',
          consent_at: now,
          token_hash: 'x',
          created_at: '2026-02-05T10:00:00.000Z',
          updated_at: now,
        })
        .execute();
      const sv = await createVisit(
        db,
        {
          municipalityId: t.municipality.id,
          companyId,
          startsAt: '2026-02-20T09:00:00Z',
          endsAt: '2026-02-20T10:00:00Z',
          mode: 'physical',
          participantIds: [t.users.staff.id],
          programme: { type: 'sprint', id: 'sprint-1' },
        },
        t.clock.now(),
      );
      sprintVisitId = sv.id;
      await raw
        .insertInto('sprint_published_visit')
        .values({
          registration_id: 'reg-1',
          sprint_id: 'sprint-1',
          visit_id: sv.id,
          ical_uid: 'uid-1',
          snapshot: '{}',
          updated_at: now,
        })
        .execute();
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    void test('the draft lists what was raised and what was done, addressed to the visit contact', async () => {
      const topics = (await staff.get('/api/topics')).json().items as Array<{ id: string; slug: string }>;
      const premises = topics.find((x) => x.slug === 'lokaler-mark')!;
      const rep = await staff.put(`/api/visits/${visitId}/report`, {
        version: 0,
        companyParticipants: [{ name: 'Lena Lind', role: 'VD', email: 'lena@snickeri.test' }],
        topics: [{ topicId: premises.id, note: 'Större verkstad' }],
        climateGrade: 5,
      });
      assert.equal(rep.statusCode, 200, rep.body);
      const f1 = (
        await staff.post(`/api/visits/${visitId}/followups`, {
          need: 'Visa lediga industritomter',
          ownerUserId: t.users.staff.id,
          dueDate: '2026-03-20',
        })
      ).json();
      const f2 = (
        await staff.post(`/api/visits/${visitId}/followups`, {
          need: 'Snabbare bygglov',
          ownerDepartment: 'Bygglovsenheten',
          dueDate: '2026-03-20',
        })
      ).json();
      await staff.patch(`/api/followups/${f1.id}`, {
        version: f1.version,
        status: 'done',
        note: 'Skickat karta över tre tomter',
      });
      await staff.patch(`/api/followups/${f2.id}`, {
        version: f2.version,
        status: 'not_possible',
        reason: 'Handläggningstiden styrs av lag',
      });

      const draft = await staff.get(`/api/visits/${visitId}/feedback/draft`);
      assert.equal(draft.statusCode, 200, draft.body);
      const d = draft.json();
      assert.equal(d.to, 'lena@snickeri.test');
      assert.deepEqual(
        d.recipients.map((r: { address: string }) => r.address),
        ['lena@snickeri.test', 'info@snickeri.test'],
      );
      assert.match(d.text, /^Hej Lena!/);
      assert.match(d.text, /Tack för att vi fick besöka Kullabygdens Snickeri AB den 2 mars 2026/);
      assert.match(d.text, /– Lokaler och mark: Större verkstad/);
      assert.match(d.text, /– Visa lediga industritomter: klart\. Skickat karta över tre tomter\./);
      assert.match(d.text, /– Snabbare bygglov: tyvärr inte möjligt\. Handläggningstiden styrs av lag\./);
      assert.match(d.text, /Sven Staff\nNäringslivsenheten, Testkommun$/);

      const sprintDraft = (await staff.get(`/api/visits/${sprintVisitId}/feedback/draft`)).json();
      assert.equal(sprintDraft.to, 'kim@snickeri.test', 'the registration contact');
    });

    void test('sending e-mails the company contact and keeps it in the history, newest first', async () => {
      t.clock.set('2026-03-02T15:00:00Z');
      staff = await t.as(t.users.staff);
      const d = (await staff.get(`/api/visits/${visitId}/feedback/draft`)).json();
      const sent = await staff.post(`/api/visits/${visitId}/feedback`, {
        to: d.to,
        subject: d.subject,
        text: d.text,
      });
      assert.equal(sent.statusCode, 201, sent.body);
      const [mail] = await smtp.waitFor(1);
      assert.deepEqual(mail!.to, ['lena@snickeri.test']);
      assert.equal(mail!.parsed.subject, 'Återkoppling efter vårt besök hos Kullabygdens Snickeri AB');
      assert.match(mail!.parsed.text ?? '', /Visa lediga industritomter: klart/);

      const list = (await staff.get(`/api/feedback?companyId=${companyId}`)).json().items;
      assert.equal(list.length, 1);
      assert.equal(list[0].sentBy.name, 'Sven Staff');

      const h = await staff.get(`/api/companies/${companyId}/history`);
      assert.equal(h.statusCode, 200, h.body);
      const items = h.json().items as Array<{ kind: string; at: string; title: string; topics: string[] }>;
      const sorted = [...items].sort((a, b) => b.at.localeCompare(a.at));
      assert.deepEqual(
        items.map((i) => i.at),
        sorted.map((i) => i.at),
        'newest first',
      );
      assert.equal(items[0]!.kind, 'feedback');
      const kinds = new Set(items.map((i) => i.kind));
      for (const k of ['visit', 'report', 'followup', 'feedback', 'registration']) assert.ok(kinds.has(k), k);
      assert.ok(items.some((i) => i.kind === 'report' && i.topics.includes('Lokaler och mark')));
      assert.ok(items.some((i) => i.title === 'Anmälan till Besökssprint våren 2026 (2026-02-20)'));
      assert.ok(items.some((i) => i.title.startsWith('Uppföljning klar: Visa lediga industritomter')));
    });

    void test("the draft points replies to the unit's shared mailbox when one is set", async () => {
      const m = (await admin.get('/api/municipality')).json();
      const res = await admin.patch('/api/municipality', {
        settings: { ...m.settings, replyTo: 'naringsliv@testkommun.se' },
      });
      assert.equal(res.statusCode, 200, res.body);
      const d = (await staff.get(`/api/visits/${visitId}/feedback/draft`)).json();
      assert.match(d.text, /Hör gärna av er till naringsliv@testkommun\.se om något är oklart/);

      // …and the e-mail itself carries it as Reply-To, so answering reaches the unit (a second
      // feedback for the visit, which the sender confirms, having seen the first).
      smtp.clear();
      const sent = await staff.post(`/api/visits/${visitId}/feedback`, {
        to: 'vd@snickeri.test',
        subject: 'Återkoppling',
        text: d.text,
        again: true,
      });
      assert.equal(sent.statusCode, 201, sent.body);
      await t.app.mailer.flush();
      const [mail] = await smtp.waitFor(1);
      assert.deepEqual(mail!.to, ['vd@snickeri.test']);
      assert.equal(mail!.parsed.replyTo?.value[0]?.address, 'naringsliv@testkommun.se');
      assert.match(mail!.raw, /^Reply-To: naringsliv@testkommun\.se\r?$/m);
    });

    void test('a second feedback for a visit is sent only when the sender confirms it, having seen the first', async () => {
      smtp.clear();
      const other = await admin.post(`/api/visits/${visitId}/feedback`, {
        to: 'lena@snickeri.test',
        subject: 'Tack för besöket',
        text: 'Hej Lena!',
      });
      assert.equal(other.statusCode, 409, other.body);
      const err = other.json().error;
      assert.match(err.message, /Återkoppling har redan skickats för besöket/);
      assert.deepEqual(
        err.details.map((x: { path: string; message: string }) => [x.path, x.message]).sort(),
        [
          ['again', 'skickad 2 mars 2026 kl. 16:00 av Sven Staff till lena@snickeri.test'],
          ['again', 'skickad 2 mars 2026 kl. 16:00 av Sven Staff till vd@snickeri.test'],
        ],
      );
      await t.app.mailer.flush();
      assert.equal(smtp.messages.length, 0, 'nothing sent');
      const confirmed = await admin.post(`/api/visits/${visitId}/feedback`, {
        to: 'lena@snickeri.test',
        subject: 'Tack för besöket',
        text: 'Hej Lena!',
        again: true,
      });
      assert.equal(confirmed.statusCode, 201, confirmed.body);
    });

    void test('the same send again (a retry after a lost answer) is the first, one e-mail', async () => {
      smtp.clear();
      const body = {
        to: 'lena@snickeri.test',
        subject: 'Tillägg',
        text: 'En sak till.',
        again: true,
        requestKey: 'feedback-key-0001',
      };
      const url = `/api/visits/${visitId}/feedback`;
      const [a, b] = await Promise.all([staff.post(url, body), staff.post(url, body)]);
      assert.deepEqual([a.statusCode, b.statusCode], [201, 201], a.body + b.body);
      assert.equal(a.json().id, b.json().id);
      // Later, and without the confirmation (the first is the one now on record): the same one.
      const retry = await staff.post(url, { ...body, again: false });
      assert.equal(retry.statusCode, 201, retry.body);
      assert.equal(retry.json().id, a.json().id);
      await t.app.mailer.flush();
      assert.equal(smtp.messages.filter((m) => m.parsed.subject === 'Tillägg').length, 1);
      const list = (await staff.get(`/api/feedback?visitId=${visitId}`)).json().items as Array<{
        subject: string;
      }>;
      assert.equal(list.filter((f) => f.subject === 'Tillägg').length, 1);
    });

    void test('feedback waits for the visit to have taken place, and a cancelled one has none', async () => {
      const ahead = await staff.post('/api/visits', {
        companyId,
        startsAt: '2026-12-19T09:00:00Z',
        endsAt: '2026-12-19T10:00:00Z',
        mode: 'physical',
        participantIds: [t.users.staff.id],
      });
      assert.equal(ahead.statusCode, 201, ahead.body);
      const id = ahead.json().id as string;
      const draft = (await staff.get(`/api/visits/${id}/feedback/draft`)).json();
      assert.equal(draft.sendableFrom, '2026-12-19T10:00:00.000Z');
      const early = await staff.post(`/api/visits/${id}/feedback`, {
        to: 'lena@snickeri.test',
        subject: draft.subject,
        text: draft.text,
      });
      assert.equal(early.statusCode, 409, early.body);
      assert.equal(
        early.json().error.message,
        'Besöket har inte ägt rum än. Återkopplingen kan skickas när besöket är över, från den 19 december 2026 kl. 11:00.',
      );
      assert.equal((await staff.get(`/api/visits/${visitId}/feedback/draft`)).json().sendableFrom, null);

      const cancelled = await staff.post(`/api/visits/${id}/cancel`, { version: ahead.json().version });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      t.clock.set('2026-12-20T08:00:00Z');
      const later = await t.as(t.users.staff);
      const none = await later.post(`/api/visits/${id}/feedback`, {
        to: 'lena@snickeri.test',
        subject: draft.subject,
        text: draft.text,
      });
      assert.equal(none.statusCode, 409, none.body);
      assert.match(none.json().error.message, /Besöket är inställt/);
      t.clock.set('2026-03-02T15:00:00Z'); // back to the day of the visit, for the tests below
      staff = await t.as(t.users.staff);
    });

    void test('a bad address is refused; others than the visitors and admins cannot send', async () => {
      const bad = await staff.post(`/api/visits/${visitId}/feedback`, {
        to: 'inte en adress',
        subject: 's',
        text: 't',
      });
      assert.equal(bad.statusCode, 400);
      const viewer = await t.as(t.users.viewer);
      assert.equal(
        (await viewer.post(`/api/visits/${visitId}/feedback`, { to: 'a@b.se', subject: 's', text: 't' }))
          .statusCode,
        403,
      );
    });

    void test('visits without feedback after the set number of days are listed', async () => {
      t.clock.set('2026-03-25T08:00:00Z');
      admin = await t.as(t.users.admin);
      // The sprint visit (20 Feb) is 33 days old and the company has had feedback since (2 Mar): not listed.
      // A new visit on 3 Mar with no feedback after it: listed once 30 days have passed.
      const late = await createVisit(
        t.testDb.db.kysely,
        {
          municipalityId: t.municipality.id,
          companyId,
          startsAt: '2026-03-03T09:00:00Z',
          endsAt: '2026-03-03T10:00:00Z',
          mode: 'digital',
          participantIds: [t.users.admin.id],
          status: 'done',
          checkCalendars: false,
        },
        t.clock.now(),
      );
      let res = (await admin.get('/api/feedback/missing')).json();
      assert.equal(res.feedbackDays, 30);
      assert.deepEqual(res.items, []);
      t.clock.set('2026-04-03T08:00:00Z');
      admin = await t.as(t.users.admin);
      res = (await admin.get('/api/feedback/missing')).json();
      assert.deepEqual(
        res.items.map((i: { visitId: string; daysSince: number }) => [i.visitId, i.daysSince]),
        [[late.id, 30]],
      );
      assert.equal(res.items[0].lastFeedbackAt, '2026-03-02T15:00:00.000Z');
    });
  });
}

for (const dialect of DIALECTS) {
  void describe(`feedback whose e-mail was refused (${dialect})`, () => {
    let t: TestContext;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let staff: Client;
    let companyId: string;
    let visitId: string;

    before(async () => {
      // nobody@… is refused for good (550); everything else is taken.
      smtp = await startSmtp((a) =>
        a.startsWith('nobody@') ? { code: 550, message: 'No such user here' } : null,
      );
      t = await createTestApp(dialect, { env: { SMTP_URL: smtp.url }, now: '2026-03-02T08:00:00Z' });
      staff = await t.as(t.users.staff);
      companyId = await insertTestCompany(t.testDb.db.kysely, {
        name: 'Sjöbodens Båtvarv AB',
        orgNr: '5560000011',
        email: 'info@batvarv.test',
        sniSection: 'C',
      });
      visitId = (
        await staff.post('/api/visits', {
          companyId,
          startsAt: '2026-03-02T09:00:00Z',
          endsAt: '2026-03-02T10:00:00Z',
          mode: 'physical',
          participantIds: [t.users.staff.id],
        })
      ).json().id;
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    const send = async (to: string) => {
      const res = await staff.post(`/api/visits/${visitId}/feedback`, { to, subject: 'Tack', text: 'Hej!' });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { id: string; emailStatus: string };
    };
    const history = async () =>
      (
        (await staff.get(`/api/companies/${companyId}/history`)).json().items as Array<{
          kind: string;
          title: string;
        }>
      )
        .filter((i) => i.kind === 'feedback')
        .map((i) => i.title);
    const missing = async () =>
      (
        (await staff.get('/api/feedback/missing')).json().items as Array<{
          visitId: string;
          lastFeedbackAt: string | null;
        }>
      ).map((i) => [i.visitId, i.lastFeedbackAt]);

    void test('is not counted as given: the visit awaits feedback again, and the history and list say it failed', async () => {
      t.clock.set('2026-03-02T15:00:00Z');
      staff = await t.as(t.users.staff);
      const queued = await send('nobody@batvarv.test');
      assert.equal(queued.emailStatus, 'queued', 'in the outbox, not yet sent');
      await t.app.mailer.flush();
      assert.equal(smtp.messages.length, 0);
      const list = (await staff.get(`/api/feedback?visitId=${visitId}`)).json().items as Array<{
        emailStatus: string;
      }>;
      assert.deepEqual(
        list.map((f) => f.emailStatus),
        ['failed'],
      );
      assert.deepEqual(await history(), ['Återkoppling kunde inte skickas till nobody@batvarv.test']);

      t.clock.set('2026-04-02T08:00:00Z');
      staff = await t.as(t.users.staff);
      assert.deepEqual(await missing(), [[visitId, null]], 'the failed feedback was never given');

      // Written again to an address that works: given.
      await send('info@batvarv.test');
      await t.app.mailer.flush();
      assert.equal(smtp.messages.length, 1);
      assert.deepEqual(await missing(), []);
      assert.deepEqual(await history(), [
        'Återkoppling skickad till info@batvarv.test',
        'Återkoppling kunde inte skickas till nobody@batvarv.test',
      ]);
      const statuses = (
        (await staff.get(`/api/feedback?companyId=${companyId}`)).json().items as Array<{
          emailStatus: string;
        }>
      ).map((f) => f.emailStatus);
      assert.deepEqual(statuses, ['sent', 'failed']);
    });

    void test('other e-mail about the company says in the history whether it went', async () => {
      const db = t.testDb.db.kysely;
      await t.app.mailer.enqueue(db, {
        to: 'nobody@batvarv.test',
        subject: 'Inbjudan',
        text: '-',
        related: { type: 'company', id: companyId },
      });
      const title = async () => {
        const items = (await staff.get(`/api/companies/${companyId}/history`)).json().items as Array<{
          kind: string;
          title: string;
          detail: string;
        }>;
        return items.find((i) => i.kind === 'email' && i.detail === 'Inbjudan')?.title;
      };
      assert.equal(await title(), 'E-post till nobody@batvarv.test (väntar på att skickas)');
      await t.app.mailer.flush();
      assert.equal(await title(), 'E-post till nobody@batvarv.test (kunde inte skickas)');
    });
  });
}
