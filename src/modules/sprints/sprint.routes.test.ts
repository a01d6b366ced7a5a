import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type Client, type TestContext } from '../../../test/helpers/app';
import { startSmtp } from '../../../test/helpers/smtp';
import type { StaffMember } from '../../contracts/staff';
import type { Board, Sprint } from '../../contracts/sprints';
import { insertRegisterCompany, orgNrFor, registrationForm, sprintStaff } from './sprint.fixtures';
import { createVisit } from '../visits/visit.service';

type Smtp = Awaited<ReturnType<typeof startSmtp>>;

const OPENS = '2026-03-05T07:00:00Z';
const CLOSES = '2026-03-20T16:00:00Z';

const form = registrationForm;

for (const dialect of DIALECTS) {
  void describe(`sprints (${dialect})`, () => {
    let ctx: TestContext;
    let smtp: Smtp;
    let admin: Client;
    let anon: Client;
    let sprint: Sprint;
    const staff: StaffMember[] = [];
    let tokenOf1 = '';

    before(async () => {
      smtp = await startSmtp();
      ctx = await createTestApp(dialect, { env: { SMTP_URL: smtp.url } });
      const db = ctx.testDb.db.kysely;
      const now = ctx.clock.now();
      const mk = (
        i: number,
        name: string,
        title: string,
        group: StaffMember['group'],
        party: StaffMember['party'],
        expertise: string[],
      ) => sprintStaff(db, ctx.municipality.id, now, { i, name, title, group, party, expertise });
      staff.push(await mk(1, 'Pia Politiker', 'KSO', 'politician', 'majority', ['etablering']));
      staff.push(await mk(2, 'Olle Opposition', 'Oppositionsråd', 'politician', 'opposition', []));
      staff.push(await mk(3, 'Nina Näringsliv', 'Näringslivschef', 'business', null, ['lokaler-mark']));
      staff.push(
        await mk(4, 'Bo Utvecklare', 'Företagsutvecklare', 'business', null, ['kompetensforsorjning']),
      );
      staff.push(await mk(5, 'Kim Kommunråd', 'Kommunalråd', 'politician', 'majority', []));
      staff.push(await mk(6, 'Lea Ledning', 'Kommundirektör', 'leadership', null, ['infrastruktur']));
      // Register companies 1–3 with positions in Trollhättan; 4 and 5 are not in the register.
      const town = { postalCode: '461 30', postalTown: 'Trollhättan' };
      await insertRegisterCompany(
        db,
        {
          orgNr: orgNrFor(1),
          name: 'Företag 1 AB',
          visitAddress: 'Storgatan 1',
          ...town,
          lat: 58.283,
          lon: 12.288,
        },
        now,
      );
      await insertRegisterCompany(
        db,
        {
          orgNr: orgNrFor(2),
          name: 'Företag 2 AB',
          visitAddress: 'Kungsgatan 2',
          ...town,
          lat: 58.29,
          lon: 12.3,
        },
        now,
      );
      await insertRegisterCompany(
        db,
        {
          orgNr: orgNrFor(3),
          name: 'Företag 3 AB',
          visitAddress: 'Åkerssjövägen 3',
          ...town,
          lat: 58.27,
          lon: 12.25,
        },
        now,
      );
      admin = await ctx.as(ctx.users.admin);
      anon = await ctx.as('anonymous');
    });

    after(async () => {
      await ctx.close();
      await smtp.close();
    });

    void test('set-up: an admin creates a sprint with the default day; others may not', async () => {
      const staffClient = await ctx.as(ctx.users.staff);
      const body = {
        name: 'Besökssprint våren 2026',
        day: '2026-03-29',
        topics: [],
        registrationOpensAt: OPENS,
        registrationClosesAt: CLOSES,
        publicText: 'Vi vill träffa er!',
        meetingLinkTemplate: 'https://meet.example.se/besok-{id}',
        slug: 'var-2026',
      };
      assert.equal((await staffClient.post('/api/sprints', body)).statusCode, 403);
      const res = await admin.post('/api/sprints', body);
      assert.equal(res.statusCode, 201, res.body);
      sprint = res.json();
      assert.equal(sprint.slots.length, 8);
      assert.deepEqual(sprint.slots[0], { id: 's1', start: '08:30', end: '09:15' });
      assert.deepEqual(sprint.slots[7], { id: 's8', start: '15:30', end: '16:15' });
      assert.equal(sprint.rules.minTeam, 2);
      assert.equal(sprint.status, 'draft');
      // A draft has no public page.
      assert.equal((await anon.get('/api/public/sprints/var-2026')).statusCode, 404);
      const bad = await admin.post('/api/sprints', {
        ...body,
        slug: undefined,
        registrationClosesAt: '2026-03-01T00:00:00Z',
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.details[0].path, 'registrationClosesAt');
      // A meeting link goes into calendars and onto a link on the day page: a web address or nothing.
      for (const link of ['teams', 'javascript:alert(1)', 'https://']) {
        const r = await admin.post('/api/sprints', { ...body, slug: undefined, meetingLinkTemplate: link });
        assert.equal(r.statusCode, 400, link);
        assert.deepEqual(r.json().error.details[0].path, 'meetingLinkTemplate', link);
      }
      // Staff not on its roster see neither the sprint nor who is on it.
      const outsider = await ctx.as(ctx.users.staff);
      assert.equal((await outsider.get(`/api/sprints/${sprint.id}`)).statusCode, 404);
      assert.equal((await outsider.get(`/api/sprints/${sprint.id}/participants`)).statusCode, 404);
      // Rules no team could meet are refused, saying why, in Swedish.
      const unmeetable = await admin.post('/api/sprints', {
        ...body,
        slug: undefined,
        rules: {
          minTeam: 1,
          maxTeam: 2,
          requireGroups: [['politician'], ['business', 'leadership'], ['department']],
          travelKmh: 40,
          travelBufferMin: 5,
        },
      });
      assert.equal(unmeetable.statusCode, 400);
      assert.deepEqual(unmeetable.json().error.details[0], {
        path: 'rules.requireGroups',
        message:
          'ett lag behöver någon ur var och en av de 3 kraven, alltså minst 3 personer, men största lag är 2',
      });
      const opened = await admin.patch(`/api/sprints/${sprint.id}`, {
        version: sprint.version,
        status: 'open',
      });
      assert.equal(opened.statusCode, 200, opened.body);
      sprint = opened.json();
      // A stale edit is refused, not applied.
      const stale = await admin.patch(`/api/sprints/${sprint.id}`, {
        version: sprint.version - 1,
        name: 'x',
      });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'STALE');
    });

    void test('public page: before the period it says when it opens and refuses registrations', async () => {
      const page = await anon.get('/api/public/sprints/var-2026');
      assert.equal(page.statusCode, 200);
      assert.equal(page.json().state, 'before');
      assert.equal(page.json().privacy.retentionMonths, 36);
      const res = await anon.post('/api/public/sprints/var-2026/registrations', form(1));
      assert.equal(res.statusCode, 410);
      assert.match(res.json().error.message, /öppnar 5 mars 2026 kl\. 08:00/);
      ctx.clock.set('2026-03-06T09:00:00Z');
      admin = await ctx.as(ctx.users.admin); // sessions follow the test clock
      assert.equal((await anon.get('/api/public/sprints/var-2026')).json().state, 'open');
    });

    void test('org-nr lookup gives only the name and address of a register company', async () => {
      const res = await anon.get(`/api/public/sprints/var-2026/companies/${orgNrFor(1)}`);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), {
        orgNr: `${orgNrFor(1).slice(0, 6)}-${orgNrFor(1).slice(6)}`,
        name: 'Företag 1 AB',
        visitAddress: 'Storgatan 1, 461 30 Trollhättan',
      });
      assert.equal((await anon.get(`/api/public/sprints/var-2026/companies/${orgNrFor(4)}`)).statusCode, 404);
      // A personal identity number (a sole trader) is never looked up.
      assert.equal((await anon.get('/api/public/sprints/var-2026/companies/8112189876')).statusCode, 404);
      const wrongCheck = orgNrFor(77).slice(0, 9) + String((Number(orgNrFor(77)[9]) + 1) % 10);
      const bad = await anon.get(`/api/public/sprints/var-2026/companies/${wrongCheck}`);
      assert.equal(bad.statusCode, 400);
    });

    void test('registration: Swedish field errors, then a receipt and a confirmation e-mail with a private link', async () => {
      const bad = await anon.post(
        '/api/public/sprints/var-2026/registrations',
        form(1, {
          contactName: '',
          contactEmail: 'inte-en-adress',
          slots: [],
          mode: 'physical',
          visitAddress: '',
          consent: false,
        }),
      );
      assert.equal(bad.statusCode, 400);
      const paths = (bad.json().error.details as Array<{ path: string; message: string }>)
        .map((d) => d.path)
        .sort();
      assert.deepEqual(paths, ['consent', 'contactEmail', 'contactName', 'slots', 'visitAddress'].sort());
      const msg = bad.json().error.details.find((d: { path: string }) => d.path === 'slots').message;
      assert.equal(msg, 'välj minst en tid');
      const tooLong = await anon.post(
        '/api/public/sprints/var-2026/registrations',
        form(1, { topicsText: 'x'.repeat(5000) }),
      );
      assert.equal(tooLong.statusCode, 400);
      const badOrg = await anon.post(
        '/api/public/sprints/var-2026/registrations',
        form(1, { orgNr: '12345' }),
      );
      assert.equal(badOrg.json().error.details[0].path, 'orgNr');

      smtp.clear();
      const ok = await anon.post(
        '/api/public/sprints/var-2026/registrations',
        form(1, {
          mode: 'physical',
          visitAddress: 'Storgatan 1, 461 30 Trollhättan',
          contactName: '<b>Kalle</b>',
        }),
      );
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().alreadyRegistered, false);
      await ctx.app.mailer.flush();
      const [mail] = await smtp.waitFor(1);
      assert.deepEqual(mail!.to, ['kontakt1@foretag1.se']);
      assert.equal(mail!.parsed.html, false, 'confirmation is plain text');
      assert.match(mail!.parsed.text!, /Hej <b>Kalle<\/b>/);
      const link = /http:\/\/besok\.test\/anmalan\/([A-Za-z0-9_-]+)/.exec(mail!.parsed.text!);
      assert.ok(link, mail!.parsed.text);
      tokenOf1 = link[1]!;

      const again = await anon.post(
        '/api/public/sprints/var-2026/registrations',
        form(1, {
          mode: 'physical',
          visitAddress: 'Storgatan 1, 461 30 Trollhättan',
          contactName: 'Kalle Karlsson',
        }),
      );
      assert.equal(again.statusCode, 200, again.body);
      assert.equal(again.json().alreadyRegistered, true);
      assert.match(again.json().message, /redan anmäld\. Anmälan är oförändrad/);
      await ctx.app.mailer.flush();
      await smtp.waitFor(2);
      assert.deepEqual(smtp.messages[1]!.to, ['kontakt1@foretag1.se']);
      assert.match(smtp.messages[1]!.parsed.text!, /Anmälan är oförändrad/);
      const relinked = /anmalan\/([A-Za-z0-9_-]+)/.exec(smtp.messages[1]!.parsed.text!)![1]!;
      assert.equal((await anon.get(`/api/public/registrations/${tokenOf1}`)).statusCode, 404, 'the old link');
      const kept = (await anon.get(`/api/public/registrations/${relinked}`)).json().registration;
      assert.equal(kept.contactName, '<b>Kalle</b>', 'the form sent again changed nothing');

      // Anyone can type a company's number: the form from another address changes nothing either.
      // The registration's contact gets the working link; the other address only where it went.
      const other = await anon.post(
        '/api/public/sprints/var-2026/registrations',
        form(1, { contactName: 'Mallory', contactEmail: 'mallory@example.org', slots: ['s1'] }),
      );
      assert.equal(other.json().alreadyRegistered, true);
      await ctx.app.mailer.flush();
      await smtp.waitFor(4);
      const toContact = smtp.messages.slice(2).find((m) => m.to.includes('kontakt1@foretag1.se'))!;
      const toOther = smtp.messages.slice(2).find((m) => m.to.includes('mallory@example.org'))!;
      assert.doesNotMatch(toOther.parsed.text!, /anmalan\//, 'no link to the address that was typed');
      assert.doesNotMatch(toOther.parsed.text!, /kontakt1@foretag1\.se/, 'nor the contact’s address');
      assert.match(toOther.parsed.text!, /var redan anmäld/);
      tokenOf1 = /anmalan\/([A-Za-z0-9_-]+)/.exec(toContact.parsed.text!)![1]!;
      const still = (await anon.get(`/api/public/registrations/${tokenOf1}`)).json().registration;
      assert.deepEqual([still.contactEmail, still.slots], ['kontakt1@foretag1.se', ['s1', 's2', 's3', 's4']]);

      // The others: register digital, register physical, unknown physical (no position), unknown digital.
      for (const [n, over] of [
        [2, {}],
        [3, { mode: 'physical', visitAddress: 'Åkerssjövägen 3, 461 30 Trollhättan', slots: ['s2', 's3'] }],
        [4, { mode: 'physical', visitAddress: 'Okänd väg 4, Trollhättan', slots: ['s1', 's2'] }],
        [5, { slots: ['s3', 's4'], topics: [] }],
      ] as const) {
        const r = await anon.post('/api/public/sprints/var-2026/registrations', form(n, over));
        assert.equal(r.statusCode, 200, r.body);
      }
      // The honeypot: answered like a success, nothing stored.
      const bot = await anon.post(
        '/api/public/sprints/var-2026/registrations',
        form(9, { website: 'http://spam' }),
      );
      assert.equal(bot.statusCode, 200);
      const list = (await admin.get(`/api/sprints/${sprint.id}/registrations`)).json().items as Array<
        Record<string, unknown>
      >;
      assert.equal(list.length, 5);
      const c4 = list.find((r) => r.companyName === 'Företag 4 AB')!;
      assert.equal(c4.verified, false, 'a company not in the register is added unverified');
      assert.equal(c4.position, null);
      const c1 = list.find((r) => r.companyName === 'Företag 1 AB')!;
      assert.equal(c1.contactName, '<b>Kalle</b>', 'as first sent: the form sent again changed nothing');
      assert.deepEqual(c1.position, { lat: 58.283, lon: 12.288, source: 'register' });
    });

    void test('the private link shows, changes and withdraws the registration', async () => {
      const seen = await anon.get(`/api/public/registrations/${tokenOf1}`);
      assert.equal(seen.statusCode, 200);
      assert.equal(seen.json().registration.contactName, '<b>Kalle</b>');
      assert.equal(seen.json().registration.editable, true);
      const changed = await anon.put(
        `/api/public/registrations/${tokenOf1}`,
        form(1, {
          mode: 'physical',
          visitAddress: 'Storgatan 1, 461 30 Trollhättan',
          contactName: 'Kalle Karlsson',
          slots: ['s1', 's2', 's3', 's4', 's5'],
        }),
      );
      assert.equal(changed.statusCode, 200, changed.body);
      const tok5 = await anon.post('/api/public/sprints/var-2026/registrations', form(6, { slots: ['s8'] }));
      assert.equal(tok5.statusCode, 200);
      await ctx.app.mailer.flush();
      const mail6 = smtp.messages.find((m) => m.to[0] === 'kontakt6@foretag6.se')!;
      const tok6 = /anmalan\/([A-Za-z0-9_-]+)/.exec(mail6.parsed.text!)![1]!;
      assert.equal((await anon.post(`/api/public/registrations/${tok6}/withdraw`)).statusCode, 200);
      assert.equal((await anon.get(`/api/public/registrations/${tok6}`)).json().registration.withdrawn, true);
      // A withdrawn registration is registered anew by the form, as a new one would be.
      const anew = await anon.post(
        '/api/public/sprints/var-2026/registrations',
        form(6, { slots: ['s7'], contactEmail: 'ny6@foretag6.se' }),
      );
      assert.equal(anew.json().alreadyRegistered, false);
      await ctx.app.mailer.flush();
      const mailNew6 = smtp.messages.find((m) => m.to[0] === 'ny6@foretag6.se')!;
      const tokNew6 = /anmalan\/([A-Za-z0-9_-]+)/.exec(mailNew6.parsed.text!)![1]!;
      const back = (await anon.get(`/api/public/registrations/${tokNew6}`)).json().registration;
      assert.deepEqual([back.withdrawn, back.slots, back.contactEmail], [false, ['s7'], 'ny6@foretag6.se']);
      // (Withdrawn again: the planning below is of companies 1–5.)
      assert.equal((await anon.post(`/api/public/registrations/${tokNew6}/withdraw`)).statusCode, 200);
      assert.equal((await anon.get('/api/public/registrations/nonsense')).statusCode, 404);
    });

    void test('roster: the admin picks participants; a participant sets their own availability', async () => {
      const all = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];
      const res = await admin.put(`/api/sprints/${sprint.id}/participants`, {
        version: sprint.version,
        participants: [
          ...staff.map((s) => ({ userId: s.id, available: all, maxVisits: 4 })),
          { userId: ctx.users.viewer.id, available: all, maxVisits: null },
        ],
      });
      assert.equal(res.statusCode, 400, 'a viewer cannot take part');
      const ok = await admin.put(`/api/sprints/${sprint.id}/participants`, {
        version: sprint.version,
        participants: staff.map((s) => ({ userId: s.id, available: all, maxVisits: 4 })),
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().items.length, 6);
      const olle = await ctx.as(staff[1]!);
      const read = (await olle.get(`/api/sprints/${sprint.id}`)).json().version as number;
      const mine = await olle.put(`/api/sprints/${sprint.id}/participants/me`, {
        version: read,
        available: ['s1', 's2', 's3'],
      });
      assert.equal(mine.statusCode, 200, mine.body);
      assert.deepEqual(mine.json().available, ['s1', 's2', 's3']);
      // Saved from a page read before that save (another tab, or the admin's roster): refused.
      const late = await olle.put(`/api/sprints/${sprint.id}/participants/me`, {
        version: read,
        available: ['s4'],
      });
      assert.equal(late.statusCode, 409, late.body);
      assert.equal(late.json().error.code, 'STALE');
      const outsider = await ctx.as(ctx.users.staff);
      assert.equal(
        (
          await outsider.put(`/api/sprints/${sprint.id}/participants/me`, {
            version: read + 1,
            available: ['s1'],
          })
        ).statusCode,
        404,
      );
      const olleNow = (
        (await admin.get(`/api/sprints/${sprint.id}/participants`)).json().items as Array<{
          userId: string;
          available: string[];
        }>
      ).find((p) => p.userId === staff[1]!.id)!;
      assert.deepEqual(olleNow.available, ['s1', 's2', 's3'], 'the late save changed nothing');
      sprint = (await admin.get(`/api/sprints/${sprint.id}`)).json();
    });

    void test('planning: missing positions are listed, the scheduler plans, manual changes are checked', async () => {
      ctx.clock.set('2026-03-21T08:00:00Z');
      admin = await ctx.as(ctx.users.admin);
      let board: Board = (await admin.get(`/api/sprints/${sprint.id}/board`)).json();
      assert.equal(board.coverageBound, null); // not scheduled yet
      assert.deepEqual(
        board.missingPositions.map((m) => m.companyName),
        ['Företag 4 AB'],
      );
      const c4 = board.missingPositions[0]!.registration;
      const regs = (await admin.get(`/api/sprints/${sprint.id}/registrations`)).json().items as Array<{
        id: string;
        updatedAt: string;
        meetingLink: string;
      }>;
      const seen = regs.find((r) => r.id === c4)!.updatedAt;
      ctx.clock.advance(60_000);
      const pos = await admin.put(`/api/sprints/${sprint.id}/registrations/${c4}/position`, {
        lat: 58.3,
        lon: 12.31,
        updatedAt: seen,
      });
      assert.equal(pos.statusCode, 200, pos.body);
      // A second admin who loaded the page before that edit is refused, and the first edit stands.
      ctx.clock.advance(60_000);
      const late = await admin.put(`/api/sprints/${sprint.id}/registrations/${c4}/position`, {
        lat: 1,
        lon: 1,
        updatedAt: seen,
      });
      assert.equal(late.statusCode, 409, late.body);
      assert.equal(late.json().error.code, 'STALE');
      assert.match(late.json().error.message, /Ladda om sidan/);
      const lateLink = await admin.put(`/api/sprints/${sprint.id}/registrations/${c4}/meeting-link`, {
        meetingLink: 'https://meet.example.se/x',
        updatedAt: seen,
      });
      assert.equal(lateLink.json().error.code, 'STALE');
      const after = (await admin.get(`/api/sprints/${sprint.id}/registrations`)).json().items as Array<{
        id: string;
        position: { lat: number; lon: number } | null;
        meetingLink: string;
      }>;
      assert.deepEqual(
        { ...after.find((r) => r.id === c4)!.position, source: undefined },
        { lat: 58.3, lon: 12.31, source: undefined },
      );
      assert.equal(after.find((r) => r.id === c4)!.meetingLink, '');

      const run = await admin.post(`/api/sprints/${sprint.id}/schedule`, { version: sprint.version });
      assert.equal(run.statusCode, 200, run.body);
      board = run.json();
      sprint = board.sprint;
      assert.equal(sprint.status, 'planned');
      assert.equal(board.visits.length, 5, JSON.stringify(board.unscheduled));
      // The scheduler's bounds are kept with the plan: the coverage of the visits never exceeds the bound.
      assert.equal(typeof board.bound, 'number');
      assert.equal(typeof board.coverageBound, 'number');
      const covered = board.visits.reduce((n, v) => n + v.topicsCovered.length, 0);
      assert.ok(covered >= 1 && covered <= board.coverageBound!, `${covered} of ${board.coverageBound}`);
      for (const v of board.visits) {
        assert.ok(v.team.length >= 2 && v.team.length <= 3);
        assert.ok(v.team.some((m) => m.group === 'politician'));
      }
      // Stale: the board read before the run is out of date.
      const stale = await admin.post(`/api/sprints/${sprint.id}/plan/visits/${c4}/drop`, {
        version: sprint.version - 1,
      });
      assert.equal(stale.json().error.code, 'STALE');

      // Breaking a rule: a team of politicians only lacks the business unit (rule 3).
      const v1 = board.visits[0]!;
      const bad = await admin.patch(`/api/sprints/${sprint.id}/plan/visits/${v1.registration}`, {
        version: sprint.version,
        team: [staff[0]!.id],
      });
      assert.equal(bad.statusCode, 422, bad.body);
      assert.equal(bad.json().error.code, 'INFEASIBLE');
      assert.match(bad.json().error.message, /bryter mot reglerna/);
      assert.doesNotMatch(bad.json().error.message, /[0-9a-f]{8}-[0-9a-f]{4}-/, 'names, not ids');
      assert.ok(bad.json().error.details.length >= 1);

      // Moving a company to a slot it did not offer (rule 1).
      const v3 = board.visits.find((v) => v.companyName === 'Företag 3 AB')!;
      const wrongSlot = await admin.patch(`/api/sprints/${sprint.id}/plan/visits/${v3.registration}`, {
        version: sprint.version,
        slot: 's7',
      });
      assert.equal(wrongSlot.statusCode, 422);

      // Drop one and add it back, pinned.
      const drop = await admin.post(`/api/sprints/${sprint.id}/plan/visits/${v3.registration}/drop`, {
        version: sprint.version,
      });
      assert.equal(drop.statusCode, 200, drop.body);
      board = drop.json();
      assert.ok(board.unscheduled.some((u) => u.registration === v3.registration));
      sprint = board.sprint;
      const add = await admin.post(`/api/sprints/${sprint.id}/plan/visits`, {
        version: sprint.version,
        registration: v3.registration,
        slot: v3.slot,
        team: v3.team.map((m) => m.id),
      });
      assert.equal(add.statusCode, 200, add.body);
      board = add.json();
      sprint = board.sprint;
      assert.equal(board.visits.find((v) => v.registration === v3.registration)!.pinned, true);

      // Re-run around the pin: the pinned visit stays where it is.
      const rerun = await admin.post(`/api/sprints/${sprint.id}/schedule`, {
        version: sprint.version,
        seed: 7,
      });
      assert.equal(rerun.statusCode, 200, rerun.body);
      board = rerun.json();
      sprint = board.sprint;
      const kept = board.visits.find((v) => v.registration === v3.registration)!;
      assert.equal(kept.slot, v3.slot);
      assert.deepEqual(
        v3.team.map((m) => m.id).every((id) => kept.team.some((m) => m.id === id)),
        true,
      );

      // A registration that changes under the plan: the board says which rule now breaks, and
      // the day cannot be sent until it is fixed.
      const db = ctx.testDb.db.kysely;
      const target = board.visits.find((v) => v.slot !== 's8')!;
      const original = await db
        .selectFrom('sprint_registration')
        .select('slots')
        .where('id', '=', target.registration)
        .executeTakeFirstOrThrow();
      await db
        .updateTable('sprint_registration')
        .set({ slots: JSON.stringify(['s8']) })
        .where('id', '=', target.registration)
        .execute();
      const broken: Board = (await admin.get(`/api/sprints/${sprint.id}/board`)).json();
      assert.ok(
        broken.problems.some((p) => p.path === target.companyName && /Regel 1/.test(p.message)),
        JSON.stringify(broken.problems),
      );
      const refused = await admin.post(`/api/sprints/${sprint.id}/publish`, { version: sprint.version });
      assert.equal(refused.statusCode, 422);
      await db
        .updateTable('sprint_registration')
        .set({ slots: original.slots })
        .where('id', '=', target.registration)
        .execute();
      assert.deepEqual((await admin.get(`/api/sprints/${sprint.id}/board`)).json().problems, []);
    });

    void test('publishing: invitations with the Stockholm wall clock, updates only to those affected, cancellations', async () => {
      smtp.clear();
      let board: Board = (await admin.get(`/api/sprints/${sprint.id}/board`)).json();

      // A team member with another visit at the same time: publishing refuses, naming them.
      const db = ctx.testDb.db.kysely;
      const busy = board.visits[0]!;
      const busySlot = board.slots.find((s) => s.id === busy.slot)!;
      const company = await db
        .selectFrom('company')
        .select('id')
        .where('org_nr', '=', orgNrFor(2))
        .executeTakeFirstOrThrow();
      const other = await createVisit(
        db,
        {
          municipalityId: ctx.municipality.id,
          companyId: company.id,
          startsAt: `2026-03-29T${busySlot.start}:00+02:00`,
          endsAt: `2026-03-29T${busySlot.end}:00+02:00`,
          mode: 'physical',
          participantIds: [busy.team[0]!.id],
        },
        ctx.clock.now(),
      );
      const clash = await admin.post(`/api/sprints/${sprint.id}/publish`, { version: sprint.version });
      assert.equal(clash.statusCode, 409, clash.body);
      assert.ok(clash.json().error.details.some((d: { path: string }) => d.path === busy.team[0]!.name));
      await db.updateTable('visit').set({ status: 'cancelled' }).where('id', '=', other.id).execute();

      const res = await admin.post(`/api/sprints/${sprint.id}/publish`, { version: sprint.version });
      assert.equal(res.statusCode, 200, res.body);
      sprint = res.json().sprint;
      assert.equal(sprint.status, 'published');
      assert.equal(res.json().sent.companies, 5);
      await ctx.app.mailer.flush();
      const teamSeats = board.visits.reduce((n, v) => n + v.team.length, 0);
      const participantsWithVisits = new Set(board.visits.flatMap((v) => v.team.map((m) => m.id))).size;
      await smtp.waitFor(5 + teamSeats + participantsWithVisits);

      const v1 = board.visits.find((v) => v.companyName === 'Företag 1 AB')!;
      const slot1 = board.slots.find((s) => s.id === v1.slot)!;
      const companyMail = smtp.messages.find((m) => m.to[0] === 'kontakt1@foretag1.se')!;
      assert.match(companyMail.parsed.text!, /Storgatan 1/);
      for (const m of v1.team)
        assert.ok(companyMail.parsed.text!.includes(m.name), `team member ${m.name} named`);
      const ics = icsOf(companyMail);
      assert.match(ics, /METHOD:REQUEST/);
      assert.match(
        ics,
        new RegExp(`DTSTART;TZID=Europe/Stockholm:20260329T${slot1.start.replace(':', '')}00`),
      );
      const uid = /UID:(.+)/.exec(ics)![1]!.trim();
      assert.match(ics, /SEQUENCE:0/);
      assert.match(companyMail.raw, /text\/calendar; ?charset="?utf-8"?; ?method=REQUEST/i);

      const digital = smtp.messages.find((m) => m.to[0] === 'kontakt2@foretag2.se')!;
      assert.match(digital.parsed.text!, /https:\/\/meet\.example\.se\/besok-/);
      const summary = smtp.messages.find(
        (m) => m.to[0] === v1.team[0]!.id || /Din dag/.test(m.parsed.subject ?? ''),
      );
      assert.ok(summary, 'participants get their day');
      // Visits are visit rows of the sprint programme.
      const rows = await ctx.testDb.db.kysely
        .selectFrom('visit')
        .selectAll()
        .where('programme_type', '=', 'sprint')
        .where('programme_id', '=', sprint.id)
        .execute();
      assert.equal(rows.length, 5);
      // 2026-03-29 is the spring-forward day: 08:30 in Stockholm is 06:30 UTC (CEST).
      const utc = (hhmm: string) => {
        const [h, m] = hhmm.split(':').map(Number);
        return `2026-03-29T${String(h! - 2).padStart(2, '0')}:${String(m).padStart(2, '0')}:00.000Z`;
      };
      for (const r of rows)
        assert.ok(
          board.slots.some((s) => utc(s.start) === r.starts_at),
          r.starts_at,
        );

      // Moving a published visit sends an update with the same UID and a higher SEQUENCE, only to those affected.
      board = (await admin.get(`/api/sprints/${sprint.id}/board`)).json();
      const v2 = board.visits.find((v) => v.companyName === 'Företag 2 AB')!;
      let moved = false;
      for (const slot of ['s1', 's2', 's3', 's4']) {
        if (slot === v2.slot || moved) continue;
        const busy = new Set(
          board.visits.filter((o) => o.slot === slot && o !== v2).flatMap((o) => o.team.map((m) => m.id)),
        );
        // Olle set his own availability to s1–s3.
        const free = staff.filter((p) => !busy.has(p.id) && (p.id !== staff[1]!.id || slot !== 's4'));
        const pol = free.filter((p) => p.group === 'politician');
        const off = free.filter((p) => p.group === 'business' || p.group === 'leadership');
        for (const a of pol) {
          for (const b of off) {
            if (moved) break;
            const r = await admin.patch(`/api/sprints/${sprint.id}/plan/visits/${v2.registration}`, {
              version: sprint.version,
              slot,
              team: [a.id, b.id],
            });
            if (r.statusCode === 200) {
              board = r.json();
              sprint = board.sprint;
              moved = true;
            }
          }
        }
      }
      assert.ok(moved, 'some other slot is free for visit 2');
      assert.equal(board.pendingChanges, 1);
      smtp.clear();
      const again = await admin.post(`/api/sprints/${sprint.id}/publish`, { version: sprint.version });
      assert.equal(again.statusCode, 200, again.body);
      sprint = again.json().sprint;
      assert.equal(again.json().sent.companies, 1);
      await ctx.app.mailer.flush(); // everything the publish queued is sent by now
      await smtp.waitFor(1 + v2.team.length);
      const recipients = new Set(smtp.messages.flatMap((m) => m.to));
      assert.ok(recipients.has('kontakt2@foretag2.se'));
      assert.ok(!recipients.has('kontakt1@foretag1.se'), 'others are not bothered');
      const update = icsOf(smtp.messages.find((m) => m.to[0] === 'kontakt2@foretag2.se')!);
      assert.match(update, /SEQUENCE:1/);
      assert.match(update, new RegExp(`UID:besok-sprint-${v2.registration}@besok`));

      // Slots that would break a published visit are refused, naming it.
      const slots = board.slots.filter((s) => s.id !== v1.slot);
      const refused = await admin.patch(`/api/sprints/${sprint.id}`, { version: sprint.version, slots });
      assert.equal(refused.statusCode, 409);
      assert.ok(refused.json().error.details.some((d: { path: string }) => d.path === 'Företag 1 AB'));

      // Dropping a published visit sends a cancellation with the same UID.
      smtp.clear();
      const drop = await admin.post(`/api/sprints/${sprint.id}/plan/visits/${v1.registration}/drop`, {
        version: sprint.version,
      });
      assert.equal(drop.statusCode, 200, drop.body);
      sprint = drop.json().sprint;
      const third = await admin.post(`/api/sprints/${sprint.id}/publish`, { version: sprint.version });
      assert.equal(third.json().sent.cancellations, 1);
      sprint = third.json().sprint;
      await ctx.app.mailer.flush();
      await smtp.waitFor(1 + v1.team.length);
      const cancel = icsOf(smtp.messages.find((m) => m.to[0] === 'kontakt1@foretag1.se')!);
      assert.match(cancel, /METHOD:CANCEL/);
      assert.ok(cancel.includes(`UID:${uid}`));
      assert.match(cancel, /SEQUENCE:1/);
      const row = await ctx.testDb.db.kysely
        .selectFrom('visit')
        .select('status')
        .where('programme_id', '=', sprint.id)
        .where('status', '=', 'cancelled')
        .execute();
      assert.equal(row.length, 1);

      // A re-run after publishing keeps every visit already sent where it is.
      board = (await admin.get(`/api/sprints/${sprint.id}/board`)).json();
      const before = new Map(board.visits.map((v) => [v.registration, v.slot]));
      const rerun = await admin.post(`/api/sprints/${sprint.id}/schedule`, {
        version: sprint.version,
        seed: 99,
      });
      assert.equal(rerun.statusCode, 200, rerun.body);
      const after: Board = rerun.json();
      sprint = after.sprint;
      for (const [reg, slot] of before) {
        assert.equal(after.visits.find((v) => v.registration === reg)?.slot, slot);
      }
    });

    void test('day page: visits in order with travel to the next on-site visit; others cannot read it', async () => {
      const board: Board = (await admin.get(`/api/sprints/${sprint.id}/board`)).json();
      const person = board.visits[0]!.team[0]!;
      const member = staff.find((s) => s.id === person.id)!;
      const client = await ctx.as(member);
      const res = await client.get(`/api/sprints/${sprint.id}/day`);
      assert.equal(res.statusCode, 200, res.body);
      const day = res.json();
      assert.equal(day.person.name, member.name);
      const mine = board.visits.filter((v) => v.team.some((m) => m.id === member.id));
      assert.equal(day.visits.length, mine.length);
      const starts = day.visits.map((v: { start: string }) => v.start);
      assert.deepEqual(starts, [...starts].sort());
      const onSite = day.visits.filter((v: { mode: string }) => v.mode === 'physical');
      if (onSite.length >= 2) assert.ok(onSite[0].travelToNext.minutes >= 0);
      const other = staff.find((s) => s.id !== member.id)!;
      assert.equal((await client.get(`/api/sprints/${sprint.id}/day/${other.id}`)).statusCode, 403);
      assert.equal((await admin.get(`/api/sprints/${sprint.id}/day/${member.id}`)).statusCode, 200);
    });

    void test("the autumn's sprint starts from the spring's participants, those who can still take part", async () => {
      // Since spring, one has left and one only reads reports now.
      assert.equal((await admin.patch(`/api/staff/${staff[4]!.id}`, { active: false })).statusCode, 200);
      assert.equal((await admin.patch(`/api/staff/${staff[5]!.id}`, { role: 'viewer' })).statusCode, 200);
      const autumn = {
        name: 'Besökssprint hösten 2026',
        day: '2026-10-07',
        slots: [
          { id: 'm1', start: '09:00', end: '10:00' },
          { id: 'm2', start: '10:30', end: '11:30' },
          { id: 'm3', start: '13:00', end: '14:00' },
        ],
        registrationOpensAt: '2026-09-01T07:00:00Z',
        registrationClosesAt: '2026-09-25T16:00:00Z',
      };
      const countSprints = async () => (await admin.get('/api/sprints')).json().items.length as number;
      const before = await countSprints();
      for (const rosterFrom of ['finns-inte', 'x'.repeat(65)]) {
        const refused = await admin.post('/api/sprints', { ...autumn, rosterFrom });
        assert.equal(refused.statusCode, 400, refused.body);
        assert.equal(refused.json().error.details[0].path, 'rosterFrom');
      }
      assert.equal(await countSprints(), before, 'nothing made of a refused form');

      const res = await admin.post('/api/sprints', { ...autumn, rosterFrom: sprint.id });
      assert.equal(res.statusCode, 201, res.body);
      const made: Sprint = res.json();
      assert.equal(made.participants, 4);
      const roster = (await admin.get(`/api/sprints/${made.id}/participants`)).json().items as Array<{
        userId: string;
        available: string[];
        maxVisits: number | null;
      }>;
      assert.deepEqual(
        roster.map((p) => p.userId).sort(),
        staff
          .slice(0, 4)
          .map((s) => s.id)
          .sort(),
      );
      for (const p of roster) {
        // Everyone free in the new day's times (Olle's spring times were s1–s3), at most one visit a time.
        assert.deepEqual(p.available, ['m1', 'm2', 'm3']);
        assert.equal(p.maxVisits, 3);
      }
      // The spring's roster is as it was.
      const spring = (await admin.get(`/api/sprints/${sprint.id}/participants`)).json().items;
      assert.equal(spring.length, 6);
    });

    void test('a topic deactivated after a sprint offered it: the sprint still saves; no sprint newly offers it', async () => {
      const made = await admin.post('/api/sprints', {
        name: 'Sprint med ämnen',
        day: '2026-11-04',
        topics: ['etablering', 'lokaler-mark'],
        registrationOpensAt: '2026-10-01T07:00:00Z',
        registrationClosesAt: '2026-10-28T16:00:00Z',
      });
      assert.equal(made.statusCode, 201, made.body);
      const topics = (await admin.get('/api/topics?all=1')).json();
      const saved = await admin.put('/api/topics', {
        version: topics.version,
        topics: topics.items.map(
          (t: { slug: string; labelSv: string; labelEn: string; active: boolean }) => ({
            slug: t.slug,
            labelSv: t.labelSv,
            labelEn: t.labelEn,
            active: t.slug === 'etablering' ? false : t.active,
          }),
        ),
      });
      assert.equal(saved.statusCode, 200, saved.body);
      // The settings form sends the sprint's topics back with any change: a new name.
      const renamed = await admin.patch(`/api/sprints/${made.json().id}`, {
        version: made.json().version,
        name: 'Sprint med ämnen (ny)',
        topics: ['etablering', 'lokaler-mark'],
      });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.deepEqual(renamed.json().topics, ['etablering', 'lokaler-mark']);
      // Once let go, it is not offered anew.
      const dropped = await admin.patch(`/api/sprints/${made.json().id}`, {
        version: renamed.json().version,
        topics: ['lokaler-mark'],
      });
      assert.equal(dropped.statusCode, 200, dropped.body);
      const again = await admin.patch(`/api/sprints/${made.json().id}`, {
        version: dropped.json().version,
        topics: ['lokaler-mark', 'etablering'],
      });
      assert.equal(again.statusCode, 400);
      assert.deepEqual(again.json().error.details, [{ path: 'topics', message: 'okänt ämne: etablering' }]);
      const fresh = await admin.post('/api/sprints', {
        name: 'Ny sprint',
        day: '2026-11-05',
        topics: ['etablering'],
        registrationOpensAt: '2026-10-01T07:00:00Z',
        registrationClosesAt: '2026-10-28T16:00:00Z',
      });
      assert.equal(fresh.statusCode, 400);
    });
  });
}

function icsOf(mail: {
  parsed: { attachments: Array<{ contentType: string; content: Buffer }> };
  raw: string;
}): string {
  const att = mail.parsed.attachments.find(
    (a) => a.contentType.startsWith('text/calendar') || a.contentType === 'application/ics',
  );
  if (att) return att.content.toString('utf8');
  const m = /BEGIN:VCALENDAR[\s\S]*END:VCALENDAR/.exec(mail.raw);
  assert.ok(m, 'an iCalendar part');
  return m[0];
}
