import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type Client, type TestContext } from '../../../test/helpers/app';
import { hashToken, newId } from '../../lib/ids';
import { runSweeps } from '../jobs/jobs';
import { createSprint } from './sprint.service';
import { insertRegistration } from './sprint.repository';
import { insertRegisterCompany, orgNrFor } from './sprint.fixtures';

/** The public form's promise: contact details are removed `retentionMonths` after the sprint's day. */
for (const dialect of DIALECTS) {
  void describe(`registrations past their retention period (${dialect})`, () => {
    let t: TestContext;
    let anon: Client;
    before(async () => {
      t = await createTestApp(dialect);
      anon = await t.as('anonymous');
    });
    after(() => t.close());

    /** A sprint on `day` with one registration; the token of its private link. */
    async function sprintWithRegistration(day: string, n: number): Promise<{ id: string; token: string }> {
      const db = t.testDb.db.kysely;
      const now = t.clock.now();
      const sprint = await createSprint(
        db,
        t.municipality.id,
        {
          name: `Sprint ${day}`,
          day,
          topics: [],
          publicText: '',
          meetingLinkTemplate: '',
          registrationOpensAt: '2026-03-03T07:00:00Z',
          registrationClosesAt: '2026-03-10T16:00:00Z',
        },
        now,
      );
      const orgNr = orgNrFor(900 + n);
      const companyId = await insertRegisterCompany(
        db,
        {
          orgNr,
          name: `Gallring ${n} AB`,
          visitAddress: 'Storgatan 1',
          postalCode: '46130',
          postalTown: 'Trollhättan',
          lat: 58.28,
          lon: 12.29,
        },
        now,
      );
      const id = newId();
      const token = `token-${n}-${'x'.repeat(30)}`;
      await insertRegistration(db, {
        id,
        sprint_id: sprint.id,
        company_id: companyId,
        org_nr: orgNr,
        company_name: `Gallring ${n} AB`,
        contact_name: 'Karin Kontakt',
        contact_role: 'VD',
        contact_email: `karin${n}@gallring.se`,
        contact_phone: '070-111 22 33',
        mode: 'physical',
        visit_address: 'Hemvägen 4, 461 30 Trollhättan',
        lat: 58.28,
        lon: 12.29,
        position_source: 'admin',
        slots: JSON.stringify(['s1', 's2']),
        topics: JSON.stringify(['lokaler-mark']),
        topics_text: 'Vi behöver större lokaler',
        meeting_link: '',
        lang: 'sv',
        consent_at: now.toISOString(),
        token_hash: hashToken(token),
        withdrawn_at: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      });
      return { id, token };
    }

    const row = (id: string) =>
      t.testDb.db.kysely
        .selectFrom('sprint_registration')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();

    test('36 months (the default) after the day, the contact details and free text go; the rest stays', async () => {
      const old = await sprintWithRegistration('2026-03-29', 1);
      const newer = await sprintWithRegistration('2026-09-15', 2);
      // What was sent to the contact (written as the outbox and the feedback page write it).
      const db = t.testDb.db.kysely;
      const sentAt = t.clock.now().toISOString();
      const mail = (id: string, to: string) => ({
        id,
        to_address: to,
        reply_to: null,
        subject: 'Tack för er anmälan till Sprint 2026-03-29',
        text_body: 'Hej Karin Kontakt, …',
        html_body: null,
        attachments: '[]',
        related_type: 'company',
        related_id: null,
        status: 'sent',
        claimed_at: null,
        message_id: null,
        error: null,
        created_at: sentAt,
        sent_at: sentAt,
      });
      await db
        .insertInto('outbound_email')
        .values([mail('m-old', 'Karin1@Gallring.se'), mail('m-other', 'karin2@gallring.se')])
        .execute();
      const companyId = (await row(old.id)).company_id;
      await db
        .insertInto('feedback')
        .values({
          id: 'f-old',
          municipality_id: t.municipality.id,
          company_id: companyId,
          visit_id: null,
          to_address: 'karin1@gallring.se',
          subject: 'Tack för besöket',
          body: 'Hej Karin! Här är vad vi lovade …',
          email_id: 'm-old',
          sent_by: null,
          sent_at: sentAt,
        })
        .execute();
      const email = (id: string) =>
        db.selectFrom('outbound_email').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      // The day before the period ends: nothing happens.
      t.clock.set('2029-03-28T12:00:00Z');
      await runSweeps(t.app);
      assert.equal((await row(old.id)).contact_email, 'karin1@gallring.se');
      assert.equal((await anon.get(`/api/public/registrations/${old.token}`)).statusCode, 200);

      t.clock.set('2029-03-30T12:00:00Z');
      await runSweeps(t.app);
      const cleared = await row(old.id);
      assert.deepEqual(
        [
          cleared.contact_name,
          cleared.contact_role,
          cleared.contact_email,
          cleared.contact_phone,
          cleared.topics_text,
          cleared.visit_address,
          cleared.lat,
          cleared.lon,
        ],
        ['', '', '', '', '', '', null, null],
      );
      assert.deepEqual(
        [cleared.company_name, cleared.slots, cleared.topics, cleared.mode],
        ['Gallring 1 AB', '["s1","s2"]', '["lokaler-mark"]', 'physical'],
        'what the programme history needs is kept',
      );
      assert.equal(
        (await anon.get(`/api/public/registrations/${old.token}`)).statusCode,
        404,
        'the link is gone',
      );
      const oldMail = await email('m-old');
      assert.deepEqual(
        [oldMail.to_address, oldMail.text_body, oldMail.subject, oldMail.sent_at],
        ['', '(Gallrat efter 36 månader.)', 'Tack för er anmälan till Sprint 2026-03-29', sentAt],
        'the history keeps that a mail went, and when',
      );
      assert.equal((await email('m-other')).to_address, 'karin2@gallring.se', 'another contact’s mail stays');
      const fb = await db
        .selectFrom('feedback')
        .selectAll()
        .where('id', '=', 'f-old')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [fb.to_address, fb.body, fb.subject],
        ['', '(Gallrat efter 36 månader.)', 'Tack för besöket'],
      );
      const kept = await row(newer.id);
      assert.equal(kept.contact_email, 'karin2@gallring.se', 'a later sprint is within its period');
      assert.equal(kept.topics_text, 'Vi behöver större lokaler');

      // Run again: nothing more to do, nothing changed.
      const before = await row(old.id);
      t.clock.set('2029-04-02T12:00:00Z');
      await runSweeps(t.app);
      assert.deepEqual(await row(old.id), before);
    });

    test('a company that came through the form loses the contact’s address and phone it was given', async () => {
      const db = t.testDb.db.kysely;
      t.clock.set('2026-03-02T08:00:00Z');
      const regA = await sprintWithRegistration('2026-04-10', 4);
      const regB = await sprintWithRegistration('2026-04-10', 5);
      const regC = await sprintWithRegistration('2026-04-10', 6);
      const companyOf = async (id: string) => (await row(id)).company_id;
      const company = async (reg: string) =>
        db
          .selectFrom('company')
          .select(['email', 'phone', 'name', 'verified'])
          .where('id', '=', await companyOf(reg))
          .executeTakeFirstOrThrow();
      // A and B came through the form: unverified, with the contact's details (as the form writes
      // them). C is in the register, its own address the same as its contact's: it stays.
      for (const [reg, n] of [
        [regA.id, 4],
        [regB.id, 5],
      ] as const) {
        await db
          .updateTable('company')
          .set({ verified: 0, email: `Karin${n}@gallring.se`, phone: '070-111 22 33' })
          .where('id', '=', await companyOf(reg))
          .execute();
      }
      await db
        .updateTable('company')
        .set({ email: 'karin6@gallring.se', phone: '070-111 22 33' })
        .where('id', '=', await companyOf(regC.id))
        .execute();
      // B registered again for a later sprint, with the same address: still within its period.
      const later = await sprintWithRegistration('2029-09-01', 7);
      await db
        .updateTable('sprint_registration')
        .set({ company_id: await companyOf(regB.id), contact_email: 'karin5@gallring.se', contact_phone: '' })
        .where('id', '=', later.id)
        .execute();

      t.clock.set('2029-04-20T12:00:00Z');
      await runSweeps(t.app);
      assert.equal((await row(regA.id)).contact_email, '');
      assert.deepEqual(await company(regA.id), {
        email: null,
        phone: null,
        name: 'Gallring 4 AB',
        verified: 0,
      });
      assert.deepEqual(
        await company(regB.id),
        { email: 'Karin5@gallring.se', phone: null, name: 'Gallring 5 AB', verified: 0 },
        'the address a later registration gives stays; the phone only the old one gave goes',
      );
      assert.deepEqual(
        await company(regC.id),
        { email: 'karin6@gallring.se', phone: '070-111 22 33', name: 'Gallring 6 AB', verified: 1 },
        'the register’s own data stays',
      );
    });

    test('a shorter period, which would clear registrations at once, is saved only when confirmed', async () => {
      const db = t.testDb.db.kysely;
      t.clock.set('2026-03-02T08:00:00Z');
      const reg = await sprintWithRegistration('2026-04-20', 8);
      t.clock.set('2027-01-10T12:00:00Z');
      const admin = await t.as(t.users.admin);
      const m = (await admin.get('/api/municipality')).json();
      // Lengthening, or shortening to what clears nothing yet, needs no confirmation.
      const longer = await admin.patch('/api/municipality', {
        version: m.version,
        settings: { ...m.settings, retentionMonths: 48 },
      });
      assert.equal(longer.statusCode, 200, longer.body);
      const shorter = { ...longer.json().settings, retentionMonths: 6 };
      const asked = await admin.patch('/api/municipality', {
        version: longer.json().version,
        settings: shorter,
      });
      assert.equal(asked.statusCode, 400, asked.body);
      assert.equal(asked.json().error.details[0].path, 'settings.retentionMonths');
      assert.equal(
        asked.json().error.details[0].message,
        'med 6 månader gallras 1 anmälan direkt, och det går inte att ångra: bekräfta ändringen',
      );
      assert.equal((await admin.get('/api/municipality')).json().settings.retentionMonths, 48, 'not saved');
      const confirmed = await admin.patch('/api/municipality', {
        version: longer.json().version,
        settings: shorter,
        confirmRetention: true,
      });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      await runSweeps(t.app);
      assert.equal((await row(reg.id)).contact_email, '', 'cleared by the next sweep');
      await db
        .updateTable('municipality')
        .set({ settings: JSON.stringify({}) })
        .where('id', '=', t.municipality.id)
        .execute();
    });

    test("the municipality's own retention period is the one counted", async () => {
      const db = t.testDb.db.kysely;
      await db
        .updateTable('municipality')
        .set({ settings: JSON.stringify({ retentionMonths: 12 }) })
        .where('id', '=', t.municipality.id)
        .execute();
      t.clock.set('2026-03-02T08:00:00Z');
      const reg = await sprintWithRegistration('2026-05-20', 3);
      t.clock.set('2027-05-21T12:00:00Z');
      await runSweeps(t.app);
      assert.equal((await row(reg.id)).contact_email, '');
    });
  });
}
