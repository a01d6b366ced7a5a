import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { indexWords, sortKey } from '../../core/register/names';
import { DIALECTS } from '../../../test/helpers/db';
import { TEST_PASSWORD, createTestApp, type Client, type TestContext } from '../../../test/helpers/app';
import { startSmtp } from '../../../test/helpers/smtp';
import { createStaff } from '../staff/staff.service';
import type { StaffMember } from '../../contracts/staff';
import { runDueJobs, runSweeps } from '../jobs/jobs';
import { addRegisterCompany, linkToken, testOrgNr } from './relay.fixtures';
import { luhnCheckDigit } from '../../core/orgnr';
import { getVisit, updateVisit } from '../visits/visit.service';

const DAY = 86_400_000;

for (const dialect of DIALECTS) {
  void describe(`relay (${dialect})`, () => {
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let t: TestContext;
    let admin: Client;
    let anon: Client;
    /** The leadership's member of the teams: staff (the test app's leadership member is a viewer). */
    let leader: StaffMember;
    const co: Record<string, string> = {};

    before(async () => {
      smtp = await startSmtp();
      t = await createTestApp(dialect, { env: { SMTP_URL: smtp.url }, now: '2026-03-02T08:00:00Z' });
      admin = await t.as(t.users.admin);
      anon = await t.as('anonymous');
      const db = t.testDb.db.kysely;
      leader = await createStaff(
        db,
        t.municipality.id,
        {
          email: 'ledning@test.se',
          name: 'Lars Ledning',
          title: '',
          phone: '',
          role: 'staff',
          group: 'leadership',
          party: null,
          expertise: [],
          password: TEST_PASSWORD,
        },
        t.clock.now(),
      );
      for (const [k, name, size, town] of [
        ['A', 'Almas Snickeri AB', 2, 'Leksand'],
        ['B', 'Björkens Bageri AB', 2, 'Insjön'],
        ['C', 'Cederträ Konsult AB', 3, 'Leksand'],
        ['D', 'Dalaföretaget Ängel AB', 2, 'Siljansnäs'],
        ['E', 'Ekens Verkstad AB', 5, 'Leksand'],
        ['F', 'Furans Frisör AB', 2, 'Insjön'],
        ['G', 'Granens Glas AB', 1, 'Tällberg'],
      ] as const) {
        co[k] = await addRegisterCompany(db, name, {
          sizeClass: size,
          postalTown: town,
          sniSection: k < 'D' ? 'C' : 'G',
        });
      }
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    const mails = async (to: string) =>
      t.testDb.db.kysely
        .selectFrom('outbound_email')
        .selectAll()
        .where('to_address', '=', to)
        .orderBy('created_at')
        .execute();
    const lastMail = async (to: string) => {
      const m = await mails(to);
      assert.ok(m.length, `a mail to ${to}`);
      return m[m.length - 1]!;
    };
    const chain = async (id: string) => {
      const res = await admin.get(`/api/relay/programmes/${id}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json();
    };
    const createProgramme = async (body: Record<string, unknown> = {}) => {
      const res = await admin.post('/api/relay/programmes', {
        name: 'Företagsstafetten',
        goal: { type: 'count', count: 1000 },
        targetPace: 2,
        ...body,
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as {
        id: string;
        teamRule: Record<string, number>;
        maxBatons: number;
        answerDays: number;
      };
    };
    /** Moves the clock; sessions last hours, so sign in again after. */
    const advance = async (ms: number) => {
      t.clock.advance(ms);
      admin = await t.as(t.users.admin);
    };
    const team = () => [t.users.admin.id, leader.id]; // business unit + leadership
    /** What the SMTP server received for `to`, once the outbox has sent what is due. */
    const received = async (to: string) => {
      await t.app.mailer.flush();
      return smtp.messages.filter((m) => m.to.includes(to));
    };
    let hour = 9;
    /** Books the leg's visit for its team, `days` from now (in the past when negative). */
    const book = async (legId: string, client?: Client, days = 2) => {
      const day = new Date(t.clock.now().getTime() + days * DAY).toISOString().slice(0, 10);
      hour++;
      return (client ?? admin).post(`/api/relay/legs/${legId}/book`, {
        startsAt: `${day}T${String(hour % 24).padStart(2, '0')}:00:00Z`,
        endsAt: `${day}T${String(hour % 24).padStart(2, '0')}:50:00Z`,
        mode: 'physical',
        location: 'På företaget',
        participantIds: team(),
      });
    };

    void test('a programme has the defaults of the issue', async () => {
      const p = await createProgramme();
      assert.deepEqual(p.teamRule, { leadership: 1, business: 1 });
      assert.equal(p.maxBatons, 1);
      assert.equal(p.answerDays, 14);
      const staff = await t.as(t.users.staff);
      assert.equal(
        (
          await staff.post('/api/relay/programmes', {
            name: 'x',
            goal: { type: 'count', count: 1 },
            targetPace: 1,
          })
        ).statusCode,
        403,
      );
      const bad = await admin.post('/api/relay/programmes', {
        name: 'x',
        goal: { type: 'count', count: 0 },
        targetPace: 1,
      });
      assert.equal(bad.statusCode, 400);
    });

    void test('three legs: team rule, nomination by link, decline hands back, time-out hands back, staff pick, accept', async () => {
      const p = await createProgramme({ publicPage: true });
      // Start the baton at A.
      const start = await admin.post(`/api/relay/programmes/${p.id}/batons`, {
        company: { id: co.A },
        contactName: 'Alma',
        contactEmail: 'alma@a.se',
        showPublicly: true,
      });
      assert.equal(start.statusCode, 201, start.body);
      const legA = start.json().legId as string;
      const second = await admin.post(`/api/relay/programmes/${p.id}/batons`, { company: { id: co.E } });
      assert.equal(second.statusCode, 409, 'max one baton in play');

      // The team rule: the business unit alone is not enough.
      const alone = await admin.post(`/api/relay/legs/${legA}/book`, {
        startsAt: '2026-03-04T09:00:00Z',
        endsAt: '2026-03-04T10:00:00Z',
        mode: 'physical',
        participantIds: [t.users.admin.id],
      });
      assert.equal(alone.statusCode, 400);
      assert.match(alone.json().error.message, /kommunledningen/);
      assert.equal((await book(legA)).statusCode, 201);

      // Nominating before the visit is refused; after it, A gets its link.
      const early = await admin.post(`/api/relay/legs/${legA}/nominations`, {
        company: { id: co.B },
        reason: 'x',
        inviteEmail: 'b@b.se',
      });
      assert.equal(early.statusCode, 409);
      assert.equal(
        (await admin.post(`/api/relay/legs/${legA}/visited`)).statusCode,
        409,
        'not before the visit',
      );
      await advance(3 * DAY);
      const visited = await admin.post(`/api/relay/legs/${legA}/visited`);
      assert.equal(visited.statusCode, 200, visited.body);
      assert.equal(visited.json().nominateLinkSent, true);
      const tokenA1 = linkToken((await lastMail('alma@a.se')).text_body, 'nominera');
      const view = await anon.get(`/api/relay/nominate/${tokenA1}`);
      assert.equal(view.statusCode, 200, view.body);
      assert.equal(view.json().canNominate, true);
      assert.equal(view.json().companyName, 'Almas Snickeri AB');

      // Register search through the private link: name words, Swedish letters.
      const hits = await anon.get(
        `/api/relay/nominate/${tokenA1}/companies?q=${encodeURIComponent('ängel')}`,
      );
      assert.equal(hits.statusCode, 200, hits.body);
      assert.deepEqual(
        hits.json().items.map((h: { name: string }) => h.name),
        ['Dalaföretaget Ängel AB'],
      );

      // A nominates itself: refused. A nominates B.
      const self = await anon.post(`/api/relay/nominate/${tokenA1}`, {
        company: { id: co.A },
        reason: 'vi',
        inviteEmail: 'a@a.se',
      });
      assert.equal(self.statusCode, 409);
      const nomB = await anon.post(`/api/relay/nominate/${tokenA1}`, {
        company: { id: co.B },
        reason: 'De bakar bäst i byn',
        contactName: 'Berit',
        inviteEmail: 'berit@b.se',
      });
      assert.equal(nomB.statusCode, 201, nomB.body);
      const invB = await lastMail('berit@b.se');
      assert.match(invB.text_body, /Almas Snickeri AB har skickat stafettpinnen vidare/);
      assert.match(invB.text_body, /De bakar bäst i byn/);
      const tokenB = linkToken(invB.text_body, 'svar');

      // No double nominations: the baton is busy, and the used link is spent.
      const again = await admin.post(`/api/relay/legs/${legA}/nominations`, {
        company: { id: co.C },
        reason: 'x',
        inviteEmail: 'c@c.se',
      });
      assert.equal(again.statusCode, 409);
      assert.equal((await anon.get(`/api/relay/nominate/${tokenA1}`)).statusCode, 404);

      // Never invite the same company twice at once, even from another relay.
      const p2 = await createProgramme({ name: 'Grannstafetten' });
      const s2 = await admin.post(`/api/relay/programmes/${p2.id}/batons`, { company: { id: co.E } });
      const legE = s2.json().legId as string;
      assert.equal((await book(legE)).statusCode, 201);
      await advance(3 * DAY);
      assert.equal((await admin.post(`/api/relay/legs/${legE}/visited`)).statusCode, 200);
      const twice = await admin.post(`/api/relay/legs/${legE}/nominations`, {
        company: { id: co.B },
        reason: 'x',
        inviteEmail: 'b2@b.se',
      });
      assert.equal(twice.statusCode, 409);
      assert.ok(/inbjudan som väntar/.test(twice.body), twice.body);

      // B declines: the baton goes back to A, with a new link, and the business unit is told.
      const inv = await anon.get(`/api/relay/invitations/${tokenB}`);
      assert.equal(inv.json().nominatorName, 'Almas Snickeri AB');
      assert.equal(
        (await anon.post(`/api/relay/invitations/${tokenB}/decline`, { note: 'Inte nu' })).statusCode,
        200,
      );
      assert.equal(
        (
          await anon.post(`/api/relay/invitations/${tokenB}/accept`, {
            contactName: 'x',
            contactEmail: 'x@b.se',
            proposedTimes: 'x',
          })
        ).statusCode,
        410,
      );
      let c = await chain(p.id);
      assert.equal(c.batons[0].phase, 'handed_back');
      assert.equal(c.nominations[0].status, 'declined');
      const back = await lastMail('alma@a.se');
      assert.match(back.text_body, /Björkens Bageri AB har tackat nej/);
      assert.match((await lastMail('admin@test.se')).subject, /kommit tillbaka/);
      const tokenA2 = linkToken(back.text_body, 'nominera');
      // B cannot be nominated again in this relay; A is already in it.
      const declinedAgain = await anon.post(`/api/relay/nominate/${tokenA2}`, {
        company: { id: co.B },
        reason: 'x',
        inviteEmail: 'b@b.se',
      });
      assert.equal(declinedAgain.statusCode, 409);

      // A names C, who never answers: one reminder, then the baton comes back on time-out.
      assert.equal(
        (
          await anon.post(`/api/relay/nominate/${tokenA2}`, {
            company: { id: co.C },
            reason: 'Nytt kontor',
            inviteEmail: 'cecilia@c.se',
          })
        ).statusCode,
        201,
      );
      assert.equal((await mails('cecilia@c.se')).length, 1);
      await advance(7 * DAY + 60_000);
      await runDueJobs(t.app);
      const remind = await mails('cecilia@c.se');
      assert.equal(remind.length, 2);
      assert.match(remind[1]!.subject, /Påminnelse/);
      await runDueJobs(t.app);
      assert.equal((await mails('cecilia@c.se')).length, 2, 'one reminder only');
      await advance(7 * DAY);
      await runDueJobs(t.app);
      c = await chain(p.id);
      assert.equal(c.nominations[1].status, 'expired');
      assert.equal(c.batons[0].phase, 'handed_back');
      assert.match((await lastMail('alma@a.se')).text_body, /inte svarat/);
      // Both links (the invitation's and the reminder's) open the invitation, which is now closed.
      for (const mail of remind) {
        const tokenC = linkToken(mail.text_body, 'svar');
        assert.equal((await anon.get(`/api/relay/invitations/${tokenC}`)).json().status, 'expired');
        assert.equal((await anon.post(`/api/relay/invitations/${tokenC}/decline`, {})).statusCode, 410);
      }

      // The business unit picks D itself (suggested by coverage), and D accepts.
      const cov = await admin.get(`/api/relay/programmes/${p.id}/coverage`);
      assert.equal(cov.statusCode, 200, cov.body);
      const suggested = cov.json().suggestions.map((s: { id: string }) => s.id);
      assert.ok(!suggested.includes(co.A) && !suggested.includes(co.B) && !suggested.includes(co.C));
      assert.ok(suggested.includes(co.D));
      let staffClient = await t.as(t.users.staff);
      const notAdmin = await staffClient.post(`/api/relay/legs/${legA}/nominations`, {
        company: { id: co.D },
        reason: 'x',
        inviteEmail: 'd@d.se',
        pickedByStaff: true,
      });
      assert.equal(notAdmin.statusCode, 403);
      const pick = await admin.post(`/api/relay/legs/${legA}/nominations`, {
        company: { id: co.D },
        reason: 'Ett litet företag i Siljansnäs som stafetten inte har nått',
        inviteEmail: 'dan@d.se',
        pickedByStaff: true,
      });
      assert.equal(pick.statusCode, 201, pick.body);
      const invD = await lastMail('dan@d.se');
      assert.match(invD.text_body, /näringslivsenheten vill gärna besöka/);
      const tokenD = linkToken(invD.text_body, 'svar');
      const acc = await anon.post(`/api/relay/invitations/${tokenD}/accept`, {
        contactName: 'Dan',
        contactEmail: 'dan@d.se',
        proposedTimes: 'Tisdagar förmiddag',
        showPublicly: false,
      });
      assert.equal(acc.statusCode, 200, acc.body);
      c = await chain(p.id);
      assert.equal(c.legs.length, 2);
      assert.equal(c.legs[0].status, 'passed');
      assert.equal(c.legs[1].company.id, co.D);
      assert.equal(c.legs[1].previousLegId, legA);
      assert.equal(c.batons[0].phase, 'to_book');
      assert.equal(c.batons[0].holderLegId, c.legs[1].id);

      // Second leg visited, D names F through staff of its team at the visit; F accepts: the third leg.
      assert.equal((await book(c.legs[1].id)).statusCode, 201);
      await advance(3 * DAY);
      assert.equal((await admin.post(`/api/relay/legs/${c.legs[1].id}/visited`)).statusCode, 200);
      // A company not in the register is entered as new and unverified.
      const newOrgNr = testOrgNr();
      staffClient = await t.as(leader);
      const atVisit = await staffClient.post(`/api/relay/legs/${c.legs[1].id}/nominations`, {
        company: { new: { name: 'Nya Hantverket AB', orgNr: newOrgNr, postalTown: 'Leksand' } },
        reason: 'Nystartat',
        inviteEmail: 'nya@h.se',
      });
      assert.equal(atVisit.statusCode, 201, atVisit.body);
      const tokenF = linkToken((await lastMail('nya@h.se')).text_body, 'svar');
      assert.equal(
        (
          await anon.post(`/api/relay/invitations/${tokenF}/accept`, {
            contactName: 'Fia',
            contactEmail: 'fia@f.se',
            proposedTimes: 'När som helst',
            showPublicly: true,
          })
        ).statusCode,
        200,
      );
      c = await chain(p.id);
      assert.equal(c.legs.length, 3);
      assert.equal(c.legs[2].company.name, 'Nya Hantverket AB');
      assert.equal(c.legs[2].company.verified, false);
      // …and findable in the register like any company, by a word of its name, sorted by name.
      const found = await admin.get('/api/companies?q=hantverk&sort=name');
      assert.equal(found.statusCode, 200, found.body);
      assert.deepEqual(
        found.json().items.map((x: { name: string }) => x.name),
        ['Nya Hantverket AB'],
      );
      // Its word rows carry the copies the search sorts and filters on, as the import writes them.
      const words = await t.testDb.db.kysely
        .selectFrom('company_word')
        .select(['word', 'name_sort', 'size_class'])
        .where('org_nr', '=', newOrgNr)
        .orderBy('word')
        .execute();
      assert.deepEqual(
        words.map((w) => [w.word, w.name_sort, w.size_class]),
        indexWords('Nya Hantverket AB')
          .sort()
          .map((w) => [w, sortKey('Nya Hantverket AB'), 0]),
      );

      // Every step is kept.
      const ev = await admin.get(`/api/relay/programmes/${p.id}/events`);
      const kinds = ev.json().items.map((e: { kind: string }) => e.kind);
      for (const k of [
        'baton_started',
        'visit_booked',
        'visit_done',
        'nominated',
        'declined',
        'handed_back',
        'reminded',
        'expired',
        'accepted',
      ]) {
        assert.ok(kinds.includes(k), `event ${k} in ${kinds.join(',')}`);
      }

      // The relay's visits are in the programme report (the reports module), like any visits.
      const report = await admin.get(`/api/reports/programme?programmeType=relay&programmeId=${p.id}`);
      assert.equal(report.statusCode, 200, report.body);

      // Progress: two visits done.
      const prog = await admin.get(`/api/relay/programmes/${p.id}/progress?by=2027-12-31`);
      assert.equal(prog.statusCode, 200, prog.body);
      assert.equal(prog.json().done, 2);
      assert.equal(prog.json().goal, 1000);
      assert.ok(prog.json().neededPace > 40);

      // The public page: only companies that agreed; no personal data.
      const pub = await anon.get(`/api/relay/public/${p.id}`);
      assert.equal(pub.statusCode, 200, pub.body);
      assert.deepEqual(
        pub.json().companies.map((x: { name: string }) => x.name),
        ['Almas Snickeri AB'],
      );
      assert.equal(pub.json().latest.companyName, null, 'D did not agree to be shown');
      assert.doesNotMatch(pub.body, /@|Alma"|Dan/);
      assert.equal((await anon.get(`/api/relay/public/${p2.id}`)).statusCode, 404, 'public page off');
    });

    void test('a goal of every register company matching a filter: goal, progress and suggestions follow it', async () => {
      const p = await createProgramme({
        name: 'Handeln',
        goal: { type: 'filter', filter: { sniSections: ['G'], sizeClasses: [], postalTowns: [] } },
      });
      const db = t.testDb.db.kysely;
      const inG = await db
        .selectFrom('company' as never)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('sni_section' as never, '=', 'G' as never)
        .executeTakeFirstOrThrow();
      const prog = await admin.get(`/api/relay/programmes/${p.id}/progress`);
      assert.equal(prog.json().goal, Number((inG as { n: number }).n));
      const cov = (await admin.get(`/api/relay/programmes/${p.id}/coverage`)).json();
      assert.ok(cov.suggestions.length > 0);
      assert.ok(cov.suggestions.every((s: { sniSection: string }) => s.sniSection === 'G'));
    });

    void test('a relay visit cancelled on its own page can be booked again', async () => {
      const p = await createProgramme({ name: 'Inställt' });
      const id = await addRegisterCompany(t.testDb.db.kysely, 'Inställda Besöket AB');
      const leg = (await admin.post(`/api/relay/programmes/${p.id}/batons`, { company: { id } })).json()
        .legId as string;
      const booked = await book(leg);
      assert.equal(booked.statusCode, 201);
      assert.equal((await book(leg)).statusCode, 409, 'booked already');
      const visitId = booked.json().visitId as string;
      const db = t.testDb.db.kysely;
      await db.transaction().execute(async (trx) => {
        const v = await getVisit(trx, visitId);
        await updateVisit(trx, visitId, v.version, { status: 'cancelled' }, t.clock.now());
      });
      const c = await chain(p.id);
      assert.equal(c.batons[0].phase, 'to_book');
      assert.equal((await book(leg)).statusCode, 201);
      assert.equal((await chain(p.id)).batons[0].phase, 'booked');
    });

    void test("a relay visit marked as held on the visit's own page moves the baton on", async () => {
      const p = await createProgramme({ name: 'Via besökssidan' });
      const id = await addRegisterCompany(t.testDb.db.kysely, 'Hållna Besöket AB');
      const leg = (
        await admin.post(`/api/relay/programmes/${p.id}/batons`, {
          company: { id },
          contactName: 'Hanna',
          contactEmail: 'hallna@h.se',
        })
      ).json().legId as string;
      const booked = await book(leg);
      assert.equal(booked.statusCode, 201, booked.body);
      const visitId = booked.json().visitId as string;
      await advance(3 * DAY);
      const v = (await admin.get(`/api/visits/${visitId}`)).json();
      const res = await admin.patch(`/api/visits/${visitId}`, { status: 'done', version: v.version });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await chain(p.id)).batons[0].phase, 'to_nominate');
      assert.ok(linkToken((await lastMail('hallna@h.se')).text_body, 'nominera'), 'the company got its link');
      assert.equal(
        (await admin.post(`/api/relay/legs/${leg}/visited`)).statusCode,
        409,
        'the leg is already visited',
      );
    });

    void test("a relay visit's report submitted moves the baton on, as marking it held does", async () => {
      const p = await createProgramme({ name: 'Via rapporten' });
      const id = await addRegisterCompany(t.testDb.db.kysely, 'Rapporterade Besöket AB');
      const leg = (
        await admin.post(`/api/relay/programmes/${p.id}/batons`, {
          company: { id },
          contactName: 'Rut',
          contactEmail: 'rut@r.se',
        })
      ).json().legId as string;
      const booked = await book(leg);
      assert.equal(booked.statusCode, 201, booked.body);
      const visitId = booked.json().visitId as string;
      await advance(3 * DAY);
      const saved = await admin.put(`/api/visits/${visitId}/report`, {
        version: 0,
        companyParticipants: [{ name: 'Rut', role: 'VD', email: 'rut@r.se' }],
        topics: [],
        climateGrade: 4,
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const res = await admin.post(`/api/visits/${visitId}/report/submit`, { version: 1 });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await admin.get(`/api/visits/${visitId}`)).json().status, 'done');
      assert.equal((await chain(p.id)).batons[0].phase, 'to_nominate');
      assert.ok(linkToken((await lastMail('rut@r.se')).text_body, 'nominera'), 'the company got its link');
    });

    void test('two nominations at once on one baton: one wins', async () => {
      const p = await createProgramme({ name: 'Samtidigt' });
      const s = await admin.post(`/api/relay/programmes/${p.id}/batons`, { company: { id: co.G } });
      const leg = s.json().legId as string;
      assert.equal((await book(leg)).statusCode, 201);
      await advance(3 * DAY);
      assert.equal((await admin.post(`/api/relay/legs/${leg}/visited`)).statusCode, 200);
      const other = await t.as(t.users.admin);
      const [r1, r2] = await Promise.all([
        admin.post(`/api/relay/legs/${leg}/nominations`, {
          company: { id: co.E },
          reason: 'x',
          inviteEmail: 'e1@e.se',
        }),
        other.post(`/api/relay/legs/${leg}/nominations`, {
          company: { id: co.F },
          reason: 'y',
          inviteEmail: 'f1@f.se',
        }),
      ]);
      assert.deepEqual([r1.statusCode, r2.statusCode].sort(), [201, 409]);
      const c = await chain(p.id);
      assert.equal(c.nominations.filter((n: { status: string }) => n.status === 'invited').length, 1);
    });

    void test('two bookings of one leg at once: one wins and one visit is made', async () => {
      const p = await createProgramme({ name: 'Dubbelbokat' });
      const id = await addRegisterCompany(t.testDb.db.kysely, 'Dubbelbokade AB');
      const leg = (await admin.post(`/api/relay/programmes/${p.id}/batons`, { company: { id } })).json()
        .legId as string;
      const other = await t.as(t.users.admin);
      // Different hours, so the calendar clash check of the visits module cannot be what stops one.
      const rs = await Promise.all([book(leg), book(leg, other)]);
      assert.deepEqual(rs.map((r) => r.statusCode).sort(), [201, 409], rs.map((r) => r.body).join(' | '));
      const lost = rs.find((r) => r.statusCode === 409)!;
      assert.match(lost.json().error.message, /bokat/);
      const visits = await t.testDb.db.kysely
        .selectFrom('visit')
        .select('id')
        .where('company_id', '=', id)
        .execute();
      assert.equal(visits.length, 1, 'no orphaned visit');
      const c = await chain(p.id);
      assert.equal(c.legs[0].visitId, visits[0]!.id);
      const booked = (await admin.get(`/api/relay/programmes/${p.id}/events`))
        .json()
        .items.filter((e: { kind: string }) => e.kind === 'visit_booked');
      assert.equal(booked.length, 1);
    });

    void test('a leg marked visited twice at once: one wins, one link is sent', async () => {
      const p = await createProgramme({ name: 'Dubbelgjort' });
      const id = await addRegisterCompany(t.testDb.db.kysely, 'Dubbelgjorda AB');
      const leg = (
        await admin.post(`/api/relay/programmes/${p.id}/batons`, {
          company: { id },
          contactEmail: 'dubbel@d.se',
        })
      ).json().legId as string;
      assert.equal((await book(leg)).statusCode, 201);
      await advance(3 * DAY);
      const other = await t.as(t.users.admin);
      const rs = await Promise.all([
        admin.post(`/api/relay/legs/${leg}/visited`),
        other.post(`/api/relay/legs/${leg}/visited`),
      ]);
      assert.deepEqual(rs.map((r) => r.statusCode).sort(), [200, 409], rs.map((r) => r.body).join(' | '));
      // Told it is done already (not that someone changed the visit, nor that it is not booked).
      assert.match(rs.find((r) => r.statusCode === 409)!.json().error.message, /markerat/);
      assert.equal((await mails('dubbel@d.se')).length, 1, 'one link to name the next');
      const done = (await admin.get(`/api/relay/programmes/${p.id}/events`))
        .json()
        .items.filter((e: { kind: string }) => e.kind === 'visit_done');
      assert.equal(done.length, 1);
    });

    void test('batons started at once: each gets its own number, and no more than the programme allows', async () => {
      const two = await createProgramme({ name: 'Två pinnar', maxBatons: 2 });
      const db = t.testDb.db.kysely;
      const ids = [
        await addRegisterCompany(db, 'Första Pinnen AB'),
        await addRegisterCompany(db, 'Andra Pinnen AB'),
        await addRegisterCompany(db, 'Tredje Pinnen AB'),
        await addRegisterCompany(db, 'Fjärde Pinnen AB'),
      ];
      const other = await t.as(t.users.admin);
      const both = await Promise.all([
        admin.post(`/api/relay/programmes/${two.id}/batons`, { company: { id: ids[0] } }),
        other.post(`/api/relay/programmes/${two.id}/batons`, { company: { id: ids[1] } }),
      ]);
      assert.deepEqual(
        both.map((r) => r.statusCode),
        [201, 201],
        both.map((r) => r.body).join(' | '),
      );
      const c = await chain(two.id);
      assert.deepEqual(
        c.batons.map((b: { number: number }) => b.number),
        [1, 2],
      );
      assert.deepEqual(
        c.legs.map((l: { seq: number }) => l.seq),
        [1, 2],
      );
      // One place left in a programme of one baton: one start wins, the other is told why.
      const one = await createProgramme({ name: 'En pinne' });
      const rs = await Promise.all([
        admin.post(`/api/relay/programmes/${one.id}/batons`, { company: { id: ids[2] } }),
        other.post(`/api/relay/programmes/${one.id}/batons`, { company: { id: ids[3] } }),
      ]);
      assert.deepEqual(rs.map((r) => r.statusCode).sort(), [201, 409], rs.map((r) => r.body).join(' | '));
      assert.doesNotMatch(rs.find((r) => r.statusCode === 409)!.json().error.message, /samtidigt/);
      assert.equal((await chain(one.id)).batons.length, 1);
    });

    /** A baton at a visited company (its link to name the next mailed), nominating `next` at the visit. */
    const atVisitNominating = async (name: string, email: string, next: string, inviteEmail: string) => {
      const p = await createProgramme({ name });
      const id = await addRegisterCompany(t.testDb.db.kysely, `${name} AB`);
      const leg = (
        await admin.post(`/api/relay/programmes/${p.id}/batons`, {
          company: { id },
          contactName: 'Kim Kontakt',
          contactEmail: email,
        })
      ).json().legId as string;
      assert.equal((await book(leg)).statusCode, 201);
      await advance(3 * DAY);
      assert.equal((await admin.post(`/api/relay/legs/${leg}/visited`)).statusCode, 200);
      const nominateToken = linkToken((await lastMail(email)).text_body, 'nominera');
      const nominated = await admin.post(`/api/relay/legs/${leg}/nominations`, {
        company: { id: next },
        reason: 'Grannen',
        inviteEmail,
      });
      assert.equal(nominated.statusCode, 201, nominated.body);
      const answerToken = linkToken((await lastMail(inviteEmail)).text_body, 'svar');
      return { p, leg, nominateToken, answerToken };
    };

    void test('closing a relay withdraws its invitations, spends its links and silences their jobs', async () => {
      const next = await addRegisterCompany(t.testDb.db.kysely, 'Nästa På Tur AB');
      const r = await atVisitNominating('Stängd', 'stangd@s.se', next, 'nasta@n.se');
      const closed = await admin.patch(`/api/relay/programmes/${r.p.id}`, { status: 'closed' });
      assert.equal(closed.statusCode, 200, closed.body);
      const c = await chain(r.p.id);
      assert.deepEqual(
        c.nominations.map((n: { status: string }) => n.status),
        ['withdrawn'],
      );
      const leg = await t.testDb.db.kysely
        .selectFrom('relay_leg')
        .select('nominate_token_hash')
        .where('id', '=', r.leg)
        .executeTakeFirstOrThrow();
      assert.equal(leg.nominate_token_hash, null);
      assert.equal((await anon.get(`/api/relay/nominate/${r.nominateToken}`)).statusCode, 404);
      for (const res of [
        await anon.post(`/api/relay/invitations/${r.answerToken}/accept`, {
          contactName: 'Nils',
          contactEmail: 'nils@n.se',
          proposedTimes: 'När som helst',
        }),
        await anon.post(`/api/relay/invitations/${r.answerToken}/decline`, {}),
      ]) {
        assert.equal(res.statusCode, 410, res.body);
        assert.match(res.json().error.message, /Stafetten är avslutad/);
      }
      // Past the reminder and the time-out: nobody is e-mailed, the baton is not handed back.
      const sent = async () =>
        [
          (await mails('nasta@n.se')).length,
          (await mails('stangd@s.se')).length,
          (await mails('admin@test.se')).filter((m) => m.subject.includes('Stängd')).length,
        ].join();
      const before = await sent();
      await advance(15 * DAY);
      await runDueJobs(t.app);
      assert.equal(await sent(), before, 'no reminder, no hand-back');
      const kinds = (await admin.get(`/api/relay/programmes/${r.p.id}/events`))
        .json()
        .items.map((e: { kind: string }) => e.kind);
      assert.ok(!kinds.includes('reminded') && !kinds.includes('expired') && !kinds.includes('handed_back'));
      // The company is free to be invited to another relay.
      const elsewhere = await atVisitNominating('Annan', 'annan@a.se', next, 'nasta2@n.se');
      assert.ok(elsewhere.answerToken);
    });

    void test('an invitation left open in a closed relay takes no answer and its jobs do nothing', async () => {
      const next = await addRegisterCompany(t.testDb.db.kysely, 'Kvarlämnade AB');
      const r = await atVisitNominating('Stängd förr', 'forr@f.se', next, 'kvar@k.se');
      // Closed as before closing withdrew invitations: the invitation is still open.
      await t.testDb.db.kysely
        .updateTable('relay_programme')
        .set({ status: 'closed' })
        .where('id', '=', r.p.id)
        .execute();
      const res = await anon.post(`/api/relay/invitations/${r.answerToken}/accept`, {
        contactName: 'Kerstin',
        contactEmail: 'kerstin@k.se',
        proposedTimes: 'Fredagar',
      });
      assert.equal(res.statusCode, 410, res.body);
      assert.match(res.json().error.message, /Stafetten är avslutad/);
      assert.equal((await anon.post(`/api/relay/invitations/${r.answerToken}/decline`, {})).statusCode, 410);
      assert.equal((await chain(r.p.id)).nominations[0].status, 'invited');
      await advance(8 * DAY);
      await runDueJobs(t.app);
      assert.equal((await mails('kvar@k.se')).length, 1, 'no reminder of a closed relay');
      await advance(8 * DAY);
      await runDueJobs(t.app);
      assert.equal((await chain(r.p.id)).nominations[0].status, 'withdrawn');
      assert.equal((await mails('forr@f.se')).length, 1, 'no hand-back link');
    });

    void test("a private link's register search: only while it can name the next, and never a personal number digit by digit", async () => {
      const db = t.testDb.db.kysely;
      const nine = '800101123';
      const personalNr = `${nine}${luhnCheckDigit(nine)}`;
      await addRegisterCompany(db, 'Kalles Enskilda Firma', { orgNr: personalNr, personal: true });
      const p = await createProgramme({ name: 'Sökning' });
      const id = await addRegisterCompany(db, 'Sökande AB');
      const leg = (
        await admin.post(`/api/relay/programmes/${p.id}/batons`, {
          company: { id },
          contactEmail: 'sok@s.se',
        })
      ).json().legId as string;
      assert.equal((await book(leg)).statusCode, 201);
      await advance(3 * DAY);
      assert.equal((await admin.post(`/api/relay/legs/${leg}/visited`)).statusCode, 200);
      const token = linkToken((await lastMail('sok@s.se')).text_body, 'nominera');
      const search = (q: string) =>
        anon.get(`/api/relay/nominate/${token}/companies?q=${encodeURIComponent(q)}`);
      // Staff, who see personal numbers, find the sole trader by its whole number only.
      const staffNames = async (q: string) =>
        (await admin.get(`/api/relay/companies?q=${encodeURIComponent(q)}`))
          .json()
          .items.map((h: { name: string }) => h.name);
      assert.deepEqual(await staffNames(personalNr), ['Kalles Enskilda Firma']);
      assert.deepEqual(await staffNames('8001019999'), []);
      // Through the link the right and a wrong number answer alike: the date of birth decides.
      const right = await search(personalNr);
      const wrong = await search('800101-9999');
      assert.equal(right.statusCode, 200, right.body);
      assert.equal(wrong.statusCode, 200, wrong.body);
      assert.deepEqual(right.json(), wrong.json());
      assert.deepEqual(
        right.json().items.map((h: { name: string }) => h.name),
        ['Kalles Enskilda Firma'],
      );
      assert.doesNotMatch(right.body, new RegExp(personalNr.slice(6)));
      // Once the company has named the next at the visit, the link names no one: no search either.
      const next = await addRegisterCompany(db, 'Sökt Och Funnen AB');
      const nominated = await admin.post(`/api/relay/legs/${leg}/nominations`, {
        company: { id: next },
        reason: 'x',
        inviteEmail: 'sokt@s.se',
      });
      assert.equal(nominated.statusCode, 201, nominated.body);
      assert.equal((await anon.get(`/api/relay/nominate/${token}`)).json().canNominate, false);
      const refused = await search('sökt');
      assert.equal(refused.statusCode, 410, refused.body);
      assert.match(refused.json().error.message, /kan inte användas/);
      // A spent link: not found, as its page says.
      await admin.patch(`/api/relay/programmes/${p.id}`, { status: 'closed' });
      assert.equal((await search('sökt')).statusCode, 404);
    });

    void test('viewers are not shown contact persons in the chain', async () => {
      const p = await createProgramme({ name: 'Läsare' });
      const id = await addRegisterCompany(t.testDb.db.kysely, 'Kontaktade AB');
      await admin.post(`/api/relay/programmes/${p.id}/batons`, {
        company: { id },
        contactName: 'Karin Kontaktsson',
        contactEmail: 'karin@k.se',
      });
      const staffView = await chain(p.id);
      assert.equal(staffView.legs[0].contactName, 'Karin Kontaktsson');
      const viewer = await t.as(t.users.viewer);
      const res = await viewer.get(`/api/relay/programmes/${p.id}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().legs[0].contactName, null);
      assert.doesNotMatch(res.body, /Karin|karin@k\.se/);
      const events = await viewer.get(`/api/relay/programmes/${p.id}/events`);
      assert.doesNotMatch(events.body, /Karin|karin@k\.se/);
    });

    void test('a baton standing still is flagged and the business unit is e-mailed once', async () => {
      const p = await createProgramme({ name: 'Stilla', targetPace: 4 });
      const id = await addRegisterCompany(t.testDb.db.kysely, 'Stillastående AB');
      assert.equal(
        (await admin.post(`/api/relay/programmes/${p.id}/batons`, { company: { id } })).statusCode,
        201,
      );
      await runSweeps(t.app);
      const before = (await mails('admin@test.se')).filter((m) => m.subject.includes('Stilla')).length;
      assert.equal(
        ((await admin.get('/api/relay/stalled')).json().items as { programmeId: string }[]).filter(
          (x) => x.programmeId === p.id,
        ).length,
        0,
      );
      await advance(9 * DAY); // four a month: a visit every ~7.6 days
      await runSweeps(t.app);
      await runSweeps(t.app);
      const after = (await mails('admin@test.se')).filter((m) => m.subject.includes('Stilla'));
      assert.equal(after.length - before, 1, 'notified once per stall');
      assert.match(after.at(-1)!.subject, /stått still/);
      const stalled = (await admin.get('/api/relay/stalled')).json().items as {
        programmeId: string;
        days: number;
      }[];
      const mine = stalled.find((x) => x.programmeId === p.id);
      assert.ok(mine);
      assert.equal(mine.days, 9);
    });

    /** A new relay with a baton at a new company (its contact `email`): the programme, baton and leg. */
    const startAt = async (name: string, email: string) => {
      const p = await createProgramme({ name });
      const id = await addRegisterCompany(t.testDb.db.kysely, `${name} AB`);
      const res = await admin.post(`/api/relay/programmes/${p.id}/batons`, {
        company: { id },
        contactName: 'Kim Kontakt',
        contactEmail: email,
      });
      assert.equal(res.statusCode, 201, res.body);
      const { batonId, legId } = res.json() as { batonId: string; legId: string };
      return { p, companyId: id, batonId, legId };
    };
    const report = {
      version: 0,
      companyParticipants: [{ name: 'Kim', role: 'VD' }],
      topics: [],
      climateGrade: 4,
    };

    void test('a viewer cannot be on the team of a relay visit: refused by name, beside the team', async () => {
      const r = await startAt('Läsaren i laget', 'lasaren@l.se');
      const res = await admin.post(`/api/relay/legs/${r.legId}/book`, {
        startsAt: '2026-12-01T09:00:00Z',
        endsAt: '2026-12-01T10:00:00Z',
        mode: 'physical',
        participantIds: [t.users.admin.id, t.users.viewer.id],
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual(res.json().error.details, [
        {
          path: 'participantIds',
          message: 'Vera Viewer har bara läsbehörighet och kan inte vara med i laget',
        },
      ]);
      assert.match(res.json().error.message, /Vera Viewer har bara läsbehörighet/);
      const visits = await t.testDb.db.kysely
        .selectFrom('visit')
        .select('id')
        .where('company_id', '=', r.companyId)
        .execute();
      assert.equal(visits.length, 0, 'no visit made');
      assert.equal((await chain(r.p.id)).batons[0].phase, 'to_book');
      assert.equal((await book(r.legId)).statusCode, 201, 'with staff from the leadership it books');
    });

    void test("only the visit's team or an admin marks a relay visit held and names the next company at it", async () => {
      const r = await startAt('Bara laget', 'laget@l.se');
      assert.equal((await book(r.legId)).statusCode, 201);
      await advance(3 * DAY);
      const sven = await t.as(t.users.staff); // staff, not on the team
      const lars = await t.as(leader); // on the team
      const mayRecord = async (c: Client) =>
        ((await c.get(`/api/relay/programmes/${r.p.id}`)).json() as { legs: { mayRecord: boolean }[] })
          .legs[0]!.mayRecord;
      assert.deepEqual(
        [await mayRecord(sven), await mayRecord(lars), await mayRecord(admin)],
        [false, true, true],
      );

      const refused = await sven.post(`/api/relay/legs/${r.legId}/visited`);
      assert.equal(refused.statusCode, 403, refused.body);
      assert.match(refused.json().error.message, /^Bara de som är med i laget för besöket/);
      const c = await chain(r.p.id);
      assert.equal(c.batons[0].phase, 'booked', 'the baton did not move');
      assert.equal((await admin.get(`/api/visits/${c.legs[0].visitId}`)).json().status, 'planned');
      assert.equal((await received('laget@l.se')).length, 0, 'the company was not asked to name the next');

      const done = await lars.post(`/api/relay/legs/${r.legId}/visited`);
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().nominateLinkSent, true);
      assert.equal((await received('laget@l.se')).length, 1);

      const next = await addRegisterCompany(t.testDb.db.kysely, 'Efter Laget AB');
      const nomination = { company: { id: next }, reason: 'Grannen', inviteEmail: 'efter@l.se' };
      const notTeam = await sven.post(`/api/relay/legs/${r.legId}/nominations`, nomination);
      assert.equal(notTeam.statusCode, 403, notTeam.body);
      assert.match(notTeam.json().error.message, /^Bara de som var med på besöket/);
      assert.equal((await received('efter@l.se')).length, 0, 'nobody was invited');
      const named = await lars.post(`/api/relay/legs/${r.legId}/nominations`, nomination);
      assert.equal(named.statusCode, 201, named.body);
      assert.equal((await received('efter@l.se')).length, 1);
    });

    void test('ending a baton cancels its booked visit, which then neither takes a report nor mails the company', async () => {
      const r = await startAt('Vill inte vara med', 'vill-inte@v.se');
      // Booked for yesterday and not yet marked as held.
      const booked = await book(r.legId, admin, -1);
      assert.equal(booked.statusCode, 201, booked.body);
      const visitId = booked.json().visitId as string;
      const lars = await t.as(leader);
      assert.equal((await lars.put(`/api/visits/${visitId}/report`, report)).statusCode, 200);

      const ended = await admin.post(`/api/relay/batons/${r.batonId}/end`, {
        reason: 'Företaget vill inte vara med',
      });
      assert.equal(ended.statusCode, 200, ended.body);
      assert.equal((await admin.get(`/api/visits/${visitId}`)).json().status, 'cancelled');
      const event = (await admin.get(`/api/relay/programmes/${r.p.id}/events`))
        .json()
        .items.find((e: { kind: string }) => e.kind === 'baton_ended');
      assert.equal(event.detail.cancelledVisit, visitId);

      const saved = await lars.put(`/api/visits/${visitId}/report`, { ...report, version: 1 });
      assert.equal(saved.statusCode, 409, saved.body);
      assert.match(saved.json().error.message, /inställt/);
      const submitted = await lars.post(`/api/visits/${visitId}/report/submit`, { version: 1 });
      assert.equal(submitted.statusCode, 409, submitted.body);
      assert.match(submitted.json().error.message, /inställt/);
      assert.equal((await admin.get(`/api/visits/${visitId}`)).json().status, 'cancelled');
      // Cancelling it again on its own page (it already is): no "planned in the relay" refusal.
      const version = (await admin.get(`/api/visits/${visitId}`)).json().version as number;
      const again = await lars.post(`/api/visits/${visitId}/cancel`, { version });
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().status, 'cancelled');
      // The company was never visited: it has left the relay (its leg with the baton), and its
      // acceptance shows as not visited.
      const marked = await admin.post(`/api/relay/legs/${r.legId}/visited`);
      assert.equal(marked.statusCode, 404, marked.body);
      assert.equal((await received('vill-inte@v.se')).length, 0, 'no "who do we visit next?"');
      const c = await chain(r.p.id);
      assert.deepEqual(c.legs, []);
      assert.deepEqual([c.batons[0].status, c.batons[0].holderLegId], ['ended', null]);
      assert.equal(event.detail.notVisited, 'Vill inte vara med AB');
    });

    void test('a booked relay visit is cancelled on the relay page, and booked again at another time', async () => {
      const r = await startAt('Ombokning', 'ombokning@o.se');
      const first = await book(r.legId);
      assert.equal(first.statusCode, 201, first.body);
      const firstVisit = first.json().visitId as string;
      const url = `/api/relay/legs/${r.legId}/cancel-visit`;
      const staffer = await t.as(t.users.staff);
      assert.equal((await staffer.post(url, { reason: 'x' })).statusCode, 403, 'the business unit cancels');
      const noReason = await admin.post(url, { reason: ' ' });
      assert.equal(noReason.statusCode, 400);
      assert.equal(noReason.json().error.details[0].path, 'reason');

      const cancelled = await admin.post(url, { reason: 'Företaget bad om en annan tid' });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal((await admin.get(`/api/visits/${firstVisit}`)).json().status, 'cancelled');
      let c = await chain(r.p.id);
      assert.deepEqual(
        [c.batons[0].phase, c.legs[0].status, c.legs[0].visitId],
        ['to_book', 'to_book', null],
      );
      const event = (await admin.get(`/api/relay/programmes/${r.p.id}/events`))
        .json()
        .items.find((e: { kind: string }) => e.kind === 'visit_cancelled');
      assert.deepEqual(
        [event.detail.visitId, event.detail.reason, event.detail.companyName],
        [firstVisit, 'Företaget bad om en annan tid', 'Ombokning AB'],
      );
      const twice = await admin.post(url, { reason: 'igen' });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.json().error.message, /inget bokat besök/);

      // Booked again, another day, and held: the baton moves on as usual.
      const second = await book(r.legId, admin, 5);
      assert.equal(second.statusCode, 201, second.body);
      assert.notEqual(second.json().visitId, firstVisit);
      c = await chain(r.p.id);
      assert.deepEqual([c.batons[0].phase, c.legs[0].visitId], ['booked', second.json().visitId]);
      await advance(6 * DAY);
      assert.equal((await admin.post(`/api/relay/legs/${r.legId}/visited`)).statusCode, 200);
      const done = await admin.post(url, { reason: 'för sent' });
      assert.equal(done.statusCode, 409);
      assert.match(done.json().error.message, /redan gjort/);
    });

    void test('a booked visit whose time has passed without being marked as done is flagged as standing still', async () => {
      const p = await createProgramme({ name: 'Bokat och glömt', targetPace: 4 });
      const id = await addRegisterCompany(t.testDb.db.kysely, 'Bokat och glömt AB');
      const started = await admin.post(`/api/relay/programmes/${p.id}/batons`, { company: { id } });
      assert.equal(started.statusCode, 201, started.body);
      assert.equal((await book(started.json().legId, admin, 1)).statusCode, 201);
      const stalled = async () => (await chain(p.id)).batons[0].stalled as boolean;
      // Four a month: a step every ~7.6 days, counted from the visit's end once it has passed.
      await advance(7 * DAY);
      assert.equal(await stalled(), false, 'six days after the visit');
      await advance(3 * DAY);
      assert.equal(await stalled(), true, 'nine days after the visit, not marked as done');
      await runSweeps(t.app);
      const notice = (await mails('admin@test.se')).filter((m) => m.subject.includes('Bokat och glömt'));
      assert.equal(notice.length, 1);
      assert.match(
        notice[0]!.text_body,
        /är inte markerat som gjort: markera det som gjort, eller ställ in det/,
      );
    });

    void test('a company whose baton ends before its visit leaves the relay, and may come back', async () => {
      const r = await startAt('Ingen tid', 'ingen-tid@i.se');
      assert.equal((await book(r.legId)).statusCode, 201);
      await advance(3 * DAY);
      assert.equal((await admin.post(`/api/relay/legs/${r.legId}/visited`)).statusCode, 200);
      const next = await addRegisterCompany(t.testDb.db.kysely, 'Nästa På Tur AB');
      const nominated = await admin.post(`/api/relay/legs/${r.legId}/nominations`, {
        company: { id: next },
        reason: 'Grannar',
        inviteEmail: 'nasta@n.se',
      });
      assert.equal(nominated.statusCode, 201, nominated.body);
      const token = linkToken((await lastMail('nasta@n.se')).text_body, 'svar');
      const accepted = await anon.post(`/api/relay/invitations/${token}/accept`, {
        contactName: 'Nils',
        contactEmail: 'nasta@n.se',
        proposedTimes: 'Tisdagar',
      });
      assert.equal(accepted.statusCode, 200, accepted.body);
      let c = await chain(r.p.id);
      const nextLeg = c.legs.find((l: { company: { id: string } }) => l.company.id === next);
      assert.equal(c.batons[0].holderLegId, nextLeg.id);

      // No time could be found: the baton ends with the company that passed it on.
      const ended = await admin.post(`/api/relay/batons/${r.batonId}/end`, { reason: 'Fick ingen tid' });
      assert.equal(ended.statusCode, 200, ended.body);
      assert.equal((await book(nextLeg.id)).statusCode, 404, 'its leg is gone with the baton');
      c = await chain(r.p.id);
      assert.deepEqual(
        c.legs.map((l: { id: string }) => l.id),
        [r.legId],
      );
      assert.deepEqual([c.batons[0].status, c.batons[0].holderLegId], ['ended', r.legId]);
      assert.deepEqual(
        c.nominations.map((n: { company: { id: string }; status: string }) => [n.company.id, n.status]),
        [[next, 'not_visited']],
      );
      // Not "already visited or on the way": a baton may start there.
      const back = await admin.post(`/api/relay/programmes/${r.p.id}/batons`, { company: { id: next } });
      assert.equal(back.statusCode, 201, back.body);
    });

    void test('an invitation answered after its baton ended is refused, saying so', async () => {
      const r = await startAt('Avslutad före svaret', 'fore-svaret@f.se');
      assert.equal((await book(r.legId)).statusCode, 201);
      await advance(3 * DAY);
      assert.equal((await admin.post(`/api/relay/legs/${r.legId}/visited`)).statusCode, 200);
      const invited = await addRegisterCompany(t.testDb.db.kysely, 'Sent Svar AB');
      assert.equal(
        (
          await admin.post(`/api/relay/legs/${r.legId}/nominations`, {
            company: { id: invited },
            reason: 'x',
            inviteEmail: 'sent@s.se',
          })
        ).statusCode,
        201,
      );
      const token = linkToken((await lastMail('sent@s.se')).text_body, 'svar');
      assert.equal(
        (await admin.post(`/api/relay/batons/${r.batonId}/end`, { reason: 'Paus' })).statusCode,
        200,
      );
      const late = await anon.post(`/api/relay/invitations/${token}/accept`, {
        contactName: 'Sven',
        contactEmail: 'sent@s.se',
        proposedTimes: 'När som helst',
      });
      assert.equal(late.statusCode, 410, late.body);
      assert.match(late.json().error.message, /stafettpinnen är avslutad/);
      assert.equal((await chain(r.p.id)).legs.length, 1, 'no leg for an ended baton');
    });

    void test('a relay visit held after its relay closed or its baton ended counts, but asks no one to name the next', async () => {
      // A relay closed while a visit is booked: its team reports the visit held.
      const closed = await startAt('Stängd med bokat besök', 'stangd-bokat@s.se');
      const first = await book(closed.legId);
      assert.equal(first.statusCode, 201, first.body);
      await advance(3 * DAY);
      assert.equal(
        (await admin.patch(`/api/relay/programmes/${closed.p.id}`, { status: 'closed' })).statusCode,
        200,
      );
      const lars = await t.as(leader);
      const firstVisit = first.json().visitId as string;
      assert.equal((await lars.put(`/api/visits/${firstVisit}/report`, report)).statusCode, 200);
      const submitted = await lars.post(`/api/visits/${firstVisit}/report/submit`, { version: 1 });
      assert.equal(submitted.statusCode, 200, submitted.body);
      assert.equal((await admin.get(`/api/visits/${firstVisit}`)).json().status, 'done');
      let c = await chain(closed.p.id);
      assert.equal(c.legs[0].status, 'visited');
      assert.equal(c.programme.visitsDone, 1, 'the visit counts');
      assert.equal((await received('stangd-bokat@s.se')).length, 0, 'no link that could not name anyone');

      // A baton ended when ending left its visit planned: marked held on the visit's own page.
      const ended = await startAt('Avslutad förr', 'avslutad-forr@a.se');
      const second = await book(ended.legId);
      assert.equal(second.statusCode, 201, second.body);
      await advance(3 * DAY);
      await t.testDb.db.kysely
        .updateTable('relay_baton')
        .set({ status: 'ended' })
        .where('id', '=', ended.batonId)
        .execute();
      const secondVisit = second.json().visitId as string;
      const v = (await admin.get(`/api/visits/${secondVisit}`)).json();
      const held = await admin.patch(`/api/visits/${secondVisit}`, { status: 'done', version: v.version });
      assert.equal(held.statusCode, 200, held.body);
      c = await chain(ended.p.id);
      assert.equal(c.legs[0].status, 'visited');
      assert.equal(c.batons[0].status, 'ended');
      assert.equal((await received('avslutad-forr@a.se')).length, 0, 'no link that could not name anyone');
    });

    void test('a link cut short by a mail program is answered as one that leads nowhere: 404, saying what to do', async () => {
      const r = await startAt('Avklippt länk', 'avklippt@a.se');
      assert.equal((await book(r.legId)).statusCode, 201);
      await advance(3 * DAY);
      assert.equal((await admin.post(`/api/relay/legs/${r.legId}/visited`)).statusCode, 200);
      const nominateToken = linkToken((await lastMail('avklippt@a.se')).text_body, 'nominera');
      const invited = await addRegisterCompany(t.testDb.db.kysely, 'Avklippt Inbjudan AB');
      const nominated = await admin.post(`/api/relay/legs/${r.legId}/nominations`, {
        company: { id: invited },
        reason: 'x',
        inviteEmail: 'avklippt-svar@a.se',
      });
      assert.equal(nominated.statusCode, 201, nominated.body);
      const invitationToken = linkToken((await lastMail('avklippt-svar@a.se')).text_body, 'svar');
      // The first part of each link (the line broken by a mail program), and a few characters only.
      for (const cut of [(s: string) => s.slice(0, 19), () => 'x']) {
        const invitation = await anon.get(`/api/relay/invitations/${cut(invitationToken)}`);
        assert.equal(invitation.statusCode, 404, invitation.body);
        assert.match(invitation.json().error.message, /^Länken gäller inte/);
        assert.equal(invitation.json().error.details?.length ?? 0, 0, "no word of the token's length");
        const decline = await anon.post(`/api/relay/invitations/${cut(invitationToken)}/decline`, {
          note: '',
        });
        assert.equal(decline.statusCode, 404, decline.body);
        const nominate = await anon.get(`/api/relay/nominate/${cut(nominateToken)}`);
        assert.equal(nominate.statusCode, 404, nominate.body);
        assert.match(nominate.json().error.message, /^Länken gäller inte/);
        const search = await anon.get(`/api/relay/nominate/${cut(nominateToken)}/companies?q=ab`);
        assert.equal(search.statusCode, 404, search.body);
      }
      // The whole links still work.
      assert.equal((await anon.get(`/api/relay/invitations/${invitationToken}`)).statusCode, 200);
      assert.equal((await anon.get(`/api/relay/nominate/${nominateToken}`)).statusCode, 200);
    });

    type ChainBaton = { id: string; status: string; phase: string; stalled: boolean; movedAt: string };
    type ChainEvent = { kind: string; batonId: string | null; detail: Record<string, unknown> };
    /** The one withdrawal among the mails the SMTP server received (they may arrive in any order). */
    const withdrawalOf = (got: Awaited<ReturnType<typeof received>>) => {
      const found = got.filter((m) =>
        / \/ (The invitation no longer stands|You need not)/.test(m.parsed.subject ?? ''),
      );
      assert.equal(found.length, 1, 'one withdrawal mail');
      return found[0]!.parsed;
    };

    void test('closing a relay ends its batons in play, tells the companies whose invitation or link it withdraws, and keeps a booked visit', async () => {
      const db = t.testDb.db.kysely;
      const p = await createProgramme({ name: 'Slutspurten', maxBatons: 3 });
      const start = async (name: string, email: string) => {
        const id = await addRegisterCompany(db, name);
        const res = await admin.post(`/api/relay/programmes/${p.id}/batons`, {
          company: { id },
          contactName: 'Kim Kontakt',
          contactEmail: email,
        });
        assert.equal(res.statusCode, 201, res.body);
        return res.json() as { batonId: string; legId: string };
      };
      // One visited with its invitation awaiting an answer, one visited and waiting to name the
      // next, one with its visit booked.
      const one = await start('Slutspurt Ett AB', 'ett@slut.se');
      const two = await start('Slutspurt Två AB', 'tva@slut.se');
      const three = await start('Slutspurt Tre AB', 'tre@slut.se');
      assert.equal((await book(one.legId)).statusCode, 201);
      assert.equal((await book(two.legId)).statusCode, 201);
      await advance(3 * DAY);
      for (const leg of [one.legId, two.legId]) {
        assert.equal((await admin.post(`/api/relay/legs/${leg}/visited`)).statusCode, 200);
      }
      const invited = await addRegisterCompany(db, 'Slutspurt Inbjuden AB');
      const nominated = await admin.post(`/api/relay/legs/${one.legId}/nominations`, {
        company: { id: invited },
        reason: 'Grannen',
        inviteEmail: 'inbjuden@slut.se',
      });
      assert.equal(nominated.statusCode, 201, nominated.body);
      const answerToken = linkToken((await lastMail('inbjuden@slut.se')).text_body, 'svar');
      const nominateToken = linkToken((await lastMail('tva@slut.se')).text_body, 'nominera');
      const booked = await book(three.legId, admin, 2);
      assert.equal(booked.statusCode, 201, booked.body);
      const visitId = booked.json().visitId as string;
      assert.equal((await chain(p.id)).programme.batonsInPlay, 3);

      const closed = await admin.patch(`/api/relay/programmes/${p.id}`, { status: 'closed' });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal(closed.json().batonsInPlay, 0);
      const c = await chain(p.id);
      assert.deepEqual(
        (c.batons as ChainBaton[]).map((b) => [b.status, b.phase, b.stalled]),
        [
          ['ended', 'ended', false],
          ['ended', 'ended', false],
          ['ended', 'ended', false],
        ],
      );
      assert.deepEqual(
        c.nominations.map((n: { status: string }) => n.status),
        ['withdrawn'],
      );
      // The booked visit stands, with its company as the baton's last holder.
      assert.equal((await admin.get(`/api/visits/${visitId}`)).json().status, 'planned');
      assert.equal(c.legs.find((l: { id: string }) => l.id === three.legId)?.status, 'booked');
      const ended = (
        (await admin.get(`/api/relay/programmes/${p.id}/events`)).json().items as ChainEvent[]
      ).filter((e) => e.kind === 'baton_ended');
      assert.equal(ended.length, 3);
      for (const e of ended) {
        assert.equal(e.detail.relayClosed, true);
        assert.equal(e.detail.reason, 'Stafetten är avslutad.');
      }
      assert.equal(ended.find((e) => e.batonId === three.batonId)?.detail.keptVisit, visitId);
      assert.equal(ended.find((e) => e.batonId === three.batonId)?.detail.cancelledVisit, null);
      assert.equal(
        ended.find((e) => e.batonId === one.batonId)?.detail.withdrawnInvitation,
        c.nominations[0].id,
      );
      const stalled = (await admin.get('/api/relay/stalled')).json().items as { programmeId: string }[];
      assert.ok(!stalled.some((x) => x.programmeId === p.id));

      // The invited company is told, over SMTP, in Swedish and then English; no link is sent.
      const toInvited = await received('inbjuden@slut.se');
      assert.equal(toInvited.length, 2, 'the invitation, then its withdrawal');
      const withdrawal = withdrawalOf(toInvited);
      assert.equal(
        withdrawal.subject,
        'Slutspurten: inbjudan gäller inte längre / The invitation no longer stands',
      );
      const text = withdrawal.text ?? '';
      assert.match(
        text,
        /Inbjudan till Slutspurt Inbjuden AB att ta emot stafettpinnen gäller inte längre: Slutspurten är avslutad\. Länken i inbjudan fungerar därför inte längre, och ni behöver inte svara\./,
      );
      assert.match(
        text,
        /The invitation to Slutspurt Inbjuden AB to take the baton no longer stands: Slutspurten has come to an end\. The link in the invitation no longer works/,
      );
      assert.ok(text.indexOf('Hej!') < text.indexOf('Hello,'), 'Swedish first');
      assert.doesNotMatch(text, /\/stafett\//, 'no link');
      // The company waiting to name the next is told it need not; the one whose visit stands, and
      // the one that already named someone, are not written to.
      const toTwo = await received('tva@slut.se');
      assert.equal(toTwo.length, 2, 'its link to name the next, then word that it need not');
      assert.equal(
        withdrawalOf(toTwo).subject,
        'Slutspurten: ni behöver inte nominera / You need not name the next company',
      );
      assert.match(
        withdrawalOf(toTwo).text ?? '',
        /Ni behöver inte nominera något företag: Slutspurten är avslutad\. Länken för att nominera nästa företag fungerar därför inte längre\./,
      );
      assert.equal((await received('ett@slut.se')).length, 1, 'only its link to name the next');
      assert.equal((await received('tre@slut.se')).length, 0, 'its visit stands: nothing to tell');
      // The links no longer work.
      const late = await anon.post(`/api/relay/invitations/${answerToken}/accept`, {
        contactName: 'Ida',
        contactEmail: 'inbjuden@slut.se',
        proposedTimes: 'Måndagar',
      });
      assert.equal(late.statusCode, 410, late.body);
      assert.equal((await anon.get(`/api/relay/nominate/${nominateToken}`)).statusCode, 404);

      // Reopened: no baton comes back into play, nobody is written to, the links stay spent; a
      // new baton (here a branch from a visited company) may start.
      const reopened = await admin.patch(`/api/relay/programmes/${p.id}`, { status: 'active' });
      assert.equal(reopened.statusCode, 200, reopened.body);
      assert.equal(reopened.json().batonsInPlay, 0);
      assert.equal((await received('inbjuden@slut.se')).length, 2);
      assert.equal((await received('tva@slut.se')).length, 2);
      assert.equal((await anon.get(`/api/relay/nominate/${nominateToken}`)).statusCode, 404);
      const branchCompany = await addRegisterCompany(db, 'Slutspurt Gren AB');
      const branch = await admin.post(`/api/relay/programmes/${p.id}/batons`, {
        company: { id: branchCompany },
        fromLegId: two.legId,
      });
      assert.equal(branch.statusCode, 201, branch.body);
      assert.equal((await chain(p.id)).programme.batonsInPlay, 1);

      // The kept visit, held, counts; its ended baton does not move and nobody is asked to name.
      await advance(3 * DAY);
      const v = (await admin.get(`/api/visits/${visitId}`)).json();
      const held = await admin.patch(`/api/visits/${visitId}`, { status: 'done', version: v.version });
      assert.equal(held.statusCode, 200, held.body);
      const after = await chain(p.id);
      assert.equal(after.legs.find((l: { id: string }) => l.id === three.legId)?.status, 'visited');
      assert.equal(after.programme.visitsDone, 3);
      assert.equal((after.batons as ChainBaton[]).find((b) => b.id === three.batonId)?.status, 'ended');
      assert.equal((await received('tre@slut.se')).length, 0, 'no link that could not name anyone');
    });

    void test('ending a baton tells the invited company its invitation no longer stands, and a company waiting to name the next that it need not', async () => {
      const next = await addRegisterCompany(t.testDb.db.kysely, 'Återkallad AB');
      const r = await atVisitNominating('Återkallas', 'aterkallas@a.se', next, 'aterkallad@a.se');
      const batonId = ((await chain(r.p.id)).batons as ChainBaton[])[0]!.id;
      const ended = await admin.post(`/api/relay/batons/${batonId}/end`, { reason: 'Paus' });
      assert.equal(ended.statusCode, 200, ended.body);
      const toInvited = await received('aterkallad@a.se');
      assert.equal(toInvited.length, 2, 'the invitation, then its withdrawal');
      const mail = withdrawalOf(toInvited);
      assert.equal(mail.subject, 'Återkallas: inbjudan gäller inte längre / The invitation no longer stands');
      assert.match(
        mail.text ?? '',
        /Inbjudan till Återkallad AB att ta emot stafettpinnen gäller inte längre: stafettpinnen stannar här i Återkallas\. Länken i inbjudan fungerar därför inte längre/,
      );
      assert.match(mail.text ?? '', /no longer stands: the baton stops here in Återkallas\./);
      assert.equal((await received('aterkallas@a.se')).length, 1, 'it had named someone: nothing to tell');
      const late = await anon.post(`/api/relay/invitations/${r.answerToken}/decline`, { note: '' });
      assert.equal(late.statusCode, 410, late.body);

      // A visited company waiting to name the next.
      const w = await startAt('Väntar på namn', 'vantar@v.se');
      assert.equal((await book(w.legId)).statusCode, 201);
      await advance(3 * DAY);
      assert.equal((await admin.post(`/api/relay/legs/${w.legId}/visited`)).statusCode, 200);
      const token = linkToken((await lastMail('vantar@v.se')).text_body, 'nominera');
      assert.equal(
        (await admin.post(`/api/relay/batons/${w.batonId}/end`, { reason: 'Paus' })).statusCode,
        200,
      );
      const toWaiting = await received('vantar@v.se');
      assert.equal(toWaiting.length, 2);
      assert.equal(
        withdrawalOf(toWaiting).subject,
        'Väntar på namn: ni behöver inte nominera / You need not name the next company',
      );
      assert.match(
        withdrawalOf(toWaiting).text ?? '',
        /Tack igen för att vi fick besöka Väntar på namn AB! Ni behöver inte nominera något företag: stafettpinnen stannar här i Väntar på namn\./,
      );
      assert.match(withdrawalOf(toWaiting).text ?? '', /The link to name the next company no longer works\./);
      assert.equal((await anon.get(`/api/relay/nominate/${token}`)).statusCode, 404);
    });

    void test('an invitation awaiting an answer is no stall: sending it and its hand-back move the baton', async () => {
      const db = t.testDb.db.kysely;
      const p = await createProgramme({ name: 'Inbjudan väntar', targetPace: 4 });
      const id = await addRegisterCompany(db, 'Inbjudan väntar AB');
      const started = await admin.post(`/api/relay/programmes/${p.id}/batons`, {
        company: { id },
        contactName: 'Kim Kontakt',
        contactEmail: 'inbjudan-vantar@i.se',
      });
      assert.equal(started.statusCode, 201, started.body);
      const legId = started.json().legId as string;
      assert.equal((await book(legId)).statusCode, 201);
      await advance(3 * DAY);
      assert.equal((await admin.post(`/api/relay/legs/${legId}/visited`)).statusCode, 200);
      await advance(2 * DAY);
      const next = await addRegisterCompany(db, 'Svarar Sent AB');
      const nominated = await admin.post(`/api/relay/legs/${legId}/nominations`, {
        company: { id: next },
        reason: 'Grannen',
        inviteEmail: 'svarar-sent@s.se',
      });
      assert.equal(nominated.statusCode, 201, nominated.body);
      const baton = async () => ((await chain(p.id)).batons as ChainBaton[])[0]!;
      const inStalledList = async () =>
        ((await admin.get('/api/relay/stalled')).json().items as { programmeId: string }[]).some(
          (x) => x.programmeId === p.id,
        );
      const stallMails = async () =>
        (await mails('admin@test.se')).filter(
          (m) => m.subject.includes('Inbjudan väntar') && m.subject.includes('stått still'),
        ).length;
      assert.equal((await baton()).movedAt, t.clock.now().toISOString(), 'sending the invitation moves it');

      // Four a month: a step every ~7.6 days. Nine days on, the invitation still awaits an answer
      // (14 days): not stalled, on the page, in the list or by the sweep.
      await advance(9 * DAY);
      await runDueJobs(t.app); // the reminder
      let b = await baton();
      assert.deepEqual([b.phase, b.stalled], ['invited', false]);
      assert.equal(await inStalledList(), false);
      await runSweeps(t.app);
      assert.equal(await stallMails(), 0);

      // No answer in the window: handed back, which moves the baton.
      await advance(6 * DAY);
      await runDueJobs(t.app);
      b = await baton();
      assert.deepEqual([b.phase, b.stalled, b.movedAt], ['handed_back', false, t.clock.now().toISOString()]);
      await runSweeps(t.app);
      assert.equal(await stallMails(), 0);
      // Standing still after the hand-back: flagged, once.
      await advance(8 * DAY);
      b = await baton();
      assert.deepEqual([b.phase, b.stalled], ['handed_back', true]);
      assert.equal(await inStalledList(), true);
      await runSweeps(t.app);
      await runSweeps(t.app);
      assert.equal(await stallMails(), 1);
    });

    void test('a visit kept when its relay closed, which will not be made, is cancelled on the relay, and its company leaves it', async () => {
      const r = await startAt('Stängd och inställd', 'stangd-installd@s.se');
      const booked = await book(r.legId, admin, 5);
      assert.equal(booked.statusCode, 201, booked.body);
      const visitId = booked.json().visitId as string;
      assert.equal(
        (await admin.patch(`/api/relay/programmes/${r.p.id}`, { status: 'closed' })).statusCode,
        200,
      );
      assert.equal((await admin.get(`/api/visits/${visitId}`)).json().status, 'planned', 'kept');
      // Its own page cannot cancel it: the relay plans it.
      const version = (await admin.get(`/api/visits/${visitId}`)).json().version as number;
      const onItsPage = await admin.post(`/api/visits/${visitId}/cancel`, { version });
      assert.equal(onItsPage.statusCode, 409, onItsPage.body);
      const cancelled = await admin.post(`/api/relay/legs/${r.legId}/cancel-visit`, {
        reason: 'Stafetten är slut',
      });
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal((await admin.get(`/api/visits/${visitId}`)).json().status, 'cancelled');
      const c = await chain(r.p.id);
      assert.deepEqual(c.legs, []);
      assert.deepEqual([c.batons[0].status, c.batons[0].holderLegId], ['ended', null]);
      const event = (
        (await admin.get(`/api/relay/programmes/${r.p.id}/events`)).json().items as ChainEvent[]
      ).find((e) => e.kind === 'visit_cancelled');
      assert.equal(event?.detail.visitId, visitId);
      assert.equal(event?.detail.notVisited, 'Stängd och inställd AB');
      assert.equal(
        (await admin.post(`/api/relay/legs/${r.legId}/cancel-visit`, { reason: 'igen' })).statusCode,
        404,
        'its leg is gone',
      );
      // Reopened, the company may start a baton again.
      assert.equal(
        (await admin.patch(`/api/relay/programmes/${r.p.id}`, { status: 'active' })).statusCode,
        200,
      );
      const again = await admin.post(`/api/relay/programmes/${r.p.id}/batons`, {
        company: { id: r.companyId },
      });
      assert.equal(again.statusCode, 201, again.body);
    });
  });
}
