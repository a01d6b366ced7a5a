import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, type Client, type TestContext } from '../../../test/helpers/app';
import { startSmtp } from '../../../test/helpers/smtp';
import type { StaffMember } from '../../contracts/staff';
import { runSweeps } from '../jobs/jobs';
import { registrationForm as form, sprintStaff } from './sprint.fixtures';

/**
 * A company's registration after it is sent: the same send twice, a new contact person, times and
 * topics the admin took away, a day planned before registration was to close, and the retention
 * sweep over every message about the registration. Each test has a sprint of its own.
 */

type Smtp = Awaited<ReturnType<typeof startSmtp>>;

const ALL_SLOTS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];

for (const dialect of DIALECTS) {
  void describe(`a registration after it is sent (${dialect})`, () => {
    let ctx: TestContext;
    let smtp: Smtp;
    const staff: StaffMember[] = [];
    let sprints = 0;

    before(async () => {
      smtp = await startSmtp();
      ctx = await createTestApp(dialect, {
        env: { SMTP_URL: smtp.url, REGISTRATION_RATE_LIMIT: '1000' },
        now: '2026-09-01T08:00:00Z',
      });
      const db = ctx.testDb.db.kysely;
      const now = ctx.clock.now();
      const mk = (i: number, name: string, group: StaffMember['group']) =>
        sprintStaff(db, ctx.municipality.id, now, {
          i,
          name,
          title: '',
          group,
          party: group === 'politician' ? 'majority' : null,
        });
      staff.push(await mk(1, 'Pia Politiker', 'politician'));
      staff.push(await mk(2, 'Nina Näringsliv', 'business'));
      staff.push(await mk(3, 'Kim Kommunråd', 'politician'));
      staff.push(await mk(4, 'Lea Ledning', 'leadership'));
    });

    after(async () => {
      await ctx.close();
      await smtp.close();
    });

    /** An open sprint of its own (registration 5 Sep – 15 Oct); the clock inside its period. */
    async function openSprint() {
      sprints++;
      ctx.clock.set('2026-09-01T08:00:00Z');
      const admin = await ctx.as(ctx.users.admin);
      const slug = `priv-${dialect}-${sprints}`;
      const created = await admin.post('/api/sprints', {
        name: `Sprint ${sprints}`,
        day: `2026-10-${String(19 + sprints).padStart(2, '0')}`,
        topics: [],
        registrationOpensAt: '2026-09-05T07:00:00Z',
        registrationClosesAt: '2026-10-15T16:00:00Z',
        publicText: '',
        meetingLinkTemplate: 'https://meet.example.se/besok-{id}',
        slug,
      });
      assert.equal(created.statusCode, 201, created.body);
      let sprint = created.json();
      sprint = (
        await admin.patch(`/api/sprints/${sprint.id}`, { version: sprint.version, status: 'open' })
      ).json();
      ctx.clock.set('2026-09-10T08:00:00Z');
      // Clients of the moment: a session and a form's CSRF token last hours, not weeks.
      const anon = await ctx.as('anonymous');
      const send = (body: Record<string, unknown>) =>
        anon.post(`/api/public/sprints/${slug}/registrations`, body);
      return { admin: await ctx.as(ctx.users.admin), anon, sprintId: sprint.id as string, slug, send };
    }

    /** The private link in the latest message to `to`. */
    function linkTo(to: string): string {
      const mail = smtp.messages.filter((m) => m.to.includes(to)).at(-1);
      assert.ok(mail, `a message to ${to}`);
      const m = /\/anmalan\/([A-Za-z0-9_-]+)/.exec(mail.parsed.text!);
      assert.ok(m, mail.parsed.text);
      return m[1]!;
    }

    /** The four on the roster, free all day; scheduled and published after registration closed. */
    async function publishDay(admin: Client, sprintId: string): Promise<Client> {
      const s = (await admin.get(`/api/sprints/${sprintId}`)).json();
      const roster = await admin.put(`/api/sprints/${sprintId}/participants`, {
        version: s.version,
        participants: staff.map((p) => ({ userId: p.id, available: ALL_SLOTS, maxVisits: 4 })),
      });
      assert.equal(roster.statusCode, 200, roster.body);
      ctx.clock.set('2026-10-16T08:00:00Z');
      const later = await ctx.as(ctx.users.admin);
      const v1 = (await later.get(`/api/sprints/${sprintId}`)).json().version;
      assert.equal((await later.post(`/api/sprints/${sprintId}/schedule`, { version: v1 })).statusCode, 200);
      const v2 = (await later.get(`/api/sprints/${sprintId}`)).json().version;
      const published = await later.post(`/api/sprints/${sprintId}/publish`, { version: v2 });
      assert.equal(published.statusCode, 200, published.body);
      await ctx.app.mailer.flush();
      return later;
    }

    void test('a company that registered in English is written to in English; the team in Swedish', async () => {
      const { admin, sprintId, send } = await openSprint();
      smtp.clear();
      assert.equal((await send(form(11, { slots: ['s1'], lang: 'en' }))).statusCode, 200);
      await ctx.app.mailer.flush();
      await smtp.waitFor(1);
      const receipt = smtp.messages[0]!;
      assert.match(receipt.parsed.subject!, /^Thank you for registering for Sprint \d+$/);
      assert.match(receipt.parsed.text!, /^Hello Kontakt 11,/);
      assert.match(
        receipt.parsed.text!,
        /on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d+ October 2026/,
      );
      assert.match(receipt.parsed.text!, /until 15 October 2026 at 18:00:/);

      smtp.clear();
      await publishDay(admin, sprintId);
      const toCompany = smtp.messages.find((m) => m.to.includes('kontakt11@foretag11.se'))!;
      assert.ok(toCompany, 'the company got its visit');
      assert.match(toCompany.parsed.subject!, /^Your visit: Sprint \d+$/);
      assert.match(toCompany.parsed.text!, /Time: \w+day \d+ October 2026 at 08:30–09:15/);
      assert.match(toCompany.parsed.text!, /From the municipality:/);
      const ics = toCompany.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      assert.ok(ics, 'the calendar invitation');
      assert.match(ics.content.toString('utf8'), /SUMMARY:Visit from the municipality – Sprint \d+/);
      const toTeam = smtp.messages.filter((m) => staff.some((p) => m.to.includes(p.email)));
      assert.ok(toTeam.length > 0);
      for (const m of toTeam) assert.doesNotMatch(m.parsed.subject ?? '', /Your visit|Visit changed/);
      assert.ok(toTeam.some((m) => /^Besök: Företag 11 AB/.test(m.parsed.subject ?? '')));
    });

    void test('the same form sent twice (a double click) is one registration, one e-mail, and its link works', async () => {
      const { anon, send } = await openSprint();
      smtp.clear();
      await anon.ensureCsrf(); // as the page has, before either send
      const [a, b] = await Promise.all([send(form(1)), send(form(1))]);
      for (const r of [a, b]) {
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(r.json().alreadyRegistered, false);
      }
      // Sent again a moment later (a retry after a lost answer): the same.
      const retry = await send(form(1));
      assert.equal(retry.json().alreadyRegistered, false);
      await ctx.app.mailer.flush();
      await smtp.waitFor(1);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(smtp.messages.length, 1, smtp.messages.map((m) => m.parsed.subject).join('; '));
      assert.match(smtp.messages[0]!.parsed.subject!, /^Tack för er anmälan/);
      const seen = await anon.get(`/api/public/registrations/${linkTo('kontakt1@foretag1.se')}`);
      assert.equal(seen.statusCode, 200, 'the link in the confirmation works');

      // Later the same form again is someone who needs the link: a new one is sent.
      ctx.clock.set('2026-09-10T08:05:00Z');
      const later = await send(form(1));
      assert.equal(later.json().alreadyRegistered, true);
      await ctx.app.mailer.flush();
      await smtp.waitFor(2);
      assert.match(smtp.messages[1]!.parsed.text!, /Anmälan är oförändrad/);
    });

    void test('a new contact person gets the link, the one before is told where the invitations go', async () => {
      const { anon, send } = await openSprint();
      smtp.clear();
      assert.equal((await send(form(2))).statusCode, 200);
      await ctx.app.mailer.flush();
      await smtp.waitFor(1);
      const token = linkTo('kontakt2@foretag2.se');
      smtp.clear();
      const changed = await anon.put(
        `/api/public/registrations/${token}`,
        form(2, { contactName: 'Ny Kontakt', contactEmail: 'ny2@foretag2.se' }),
      );
      assert.equal(changed.statusCode, 200, changed.body);
      await ctx.app.mailer.flush();
      await smtp.waitFor(2);
      const toNew = smtp.messages.find((m) => m.to.includes('ny2@foretag2.se'))!;
      const toOld = smtp.messages.find((m) => m.to.includes('kontakt2@foretag2.se'))!;
      assert.match(toNew.parsed.text!, /Hej Ny Kontakt,/);
      assert.equal(linkTo('ny2@foretag2.se'), token, 'the link the change was made with');
      assert.match(toOld.parsed.text!, /ändrad till Ny Kontakt \(ny2@foretag2\.se\)/);
      assert.doesNotMatch(toOld.parsed.text!, /anmalan\//, 'no link to the address that was replaced');

      // A change that keeps the address sends nothing.
      smtp.clear();
      const same = await anon.put(
        `/api/public/registrations/${token}`,
        form(2, {
          contactName: 'Ny Kontakt',
          contactEmail: 'NY2@foretag2.se',
          contactPhone: '070-123 45 67',
        }),
      );
      assert.equal(same.statusCode, 200, same.body);
      await ctx.app.mailer.flush();
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(smtp.messages.length, 0);
    });

    void test('a time or topic the admin took away is let go, and the company told, rather than refusing every save', async () => {
      const { admin, anon, sprintId, send } = await openSprint();
      smtp.clear();
      const sent = await send(form(3, { slots: ['s1', 's8'], topics: ['lokaler-mark', 'etablering'] }));
      assert.equal(sent.statusCode, 200, sent.body);
      await ctx.app.mailer.flush();
      await smtp.waitFor(1);
      const token = linkTo('kontakt3@foretag3.se');
      // The admin shortens the day and offers two topics only.
      const s = (await admin.get(`/api/sprints/${sprintId}`)).json();
      const patched = await admin.patch(`/api/sprints/${sprintId}`, {
        version: s.version,
        slots: s.slots.slice(0, 7),
        topics: ['lokaler-mark', 'kompetensforsorjning'],
      });
      assert.equal(patched.statusCode, 200, patched.body);

      const seen = (await anon.get(`/api/public/registrations/${token}`)).json().registration;
      assert.deepEqual(seen.slots, ['s1']);
      assert.deepEqual(seen.topics, ['lokaler-mark']);
      assert.equal(seen.noLongerOffered.slots, 1);
      assert.deepEqual(
        seen.noLongerOffered.topics.map((t: { slug: string; labelSv: string }) => t.slug),
        ['etablering'],
      );
      assert.ok(seen.noLongerOffered.topics[0].labelSv.length > 0);

      // The form as it was sent (an old page, say) saves too: what is gone is let go.
      const saved = await anon.put(
        `/api/public/registrations/${token}`,
        form(3, {
          slots: ['s1', 's8'],
          topics: ['lokaler-mark', 'etablering'],
          contactPhone: '070-1' + '23 45 67',
        }),
      );
      assert.equal(saved.statusCode, 200, saved.body);
      const after = (await anon.get(`/api/public/registrations/${token}`)).json().registration;
      assert.deepEqual(
        [after.slots, after.topics, after.contactPhone],
        [['s1'], ['lokaler-mark'], '070-123 45 67'],
      );
      assert.deepEqual(after.noLongerOffered, { slots: 0, topics: [] });
      // What was never offered is still refused, with its field named.
      const bad = await anon.put(`/api/public/registrations/${token}`, form(3, { slots: ['s1', 's9'] }));
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(bad.json().error.details, [{ path: 'slots', message: 'okänd tid: s9' }]);
      // Only a removed time chosen: there must be one left.
      const s2 = (await admin.get(`/api/sprints/${sprintId}`)).json();
      await admin.patch(`/api/sprints/${sprintId}`, { version: s2.version, slots: s2.slots.slice(1, 7) });
      const none = await anon.put(`/api/public/registrations/${token}`, form(3, { slots: ['s1'] }));
      assert.equal(none.statusCode, 400);
      assert.deepEqual(none.json().error.details, [{ path: 'slots', message: 'välj minst en tid' }]);
    });

    void test('a day planned before registration was to close says so, not that it closed at a time still ahead', async () => {
      const { anon, sprintId, slug, send } = await openSprint();
      assert.equal((await send(form(4))).statusCode, 200);
      await ctx.testDb.db.kysely
        .updateTable('sprint')
        .set({ status: 'published', published_at: ctx.clock.now().toISOString() })
        .where('id', '=', sprintId)
        .execute();
      const page = (await anon.get(`/api/public/sprints/${slug}`)).json();
      assert.deepEqual([page.state, page.planned], ['closed', true]);
      const refused = await send(form(5));
      assert.equal(refused.statusCode, 410);
      assert.equal(
        refused.json().error.message,
        'Anmälan är stängd: dagen är planerad och inbjudningarna är skickade.',
      );
    });

    void test('past the retention period every message about the registration loses the contact’s details, whoever it went to', async () => {
      const { admin, anon, sprintId, send } = await openSprint();
      smtp.clear();
      // Company 6 registers and later changes its contact; someone at company 7 sends the form
      // again from a colleague's address a while later.
      assert.equal((await send(form(6, { slots: ALL_SLOTS }))).statusCode, 200);
      assert.equal((await send(form(7, { slots: ALL_SLOTS }))).statusCode, 200);
      await ctx.app.mailer.flush();
      await smtp.waitFor(2);
      const token6 = linkTo('kontakt6@foretag6.se');
      const changed = await anon.put(
        `/api/public/registrations/${token6}`,
        form(6, { slots: ALL_SLOTS, contactName: 'Sara Ny', contactEmail: 'sara6@foretag6.se' }),
      );
      assert.equal(changed.statusCode, 200, changed.body);
      ctx.clock.set('2026-09-10T08:30:00Z');
      const colleague = await send(
        form(7, { slots: ALL_SLOTS, contactName: 'Kollega Sju', contactEmail: 'kollega7@foretag7.se' }),
      );
      assert.equal(colleague.json().alreadyRegistered, true);
      // Planned and published: the company and its team are sent the visit, with the contact.
      await publishDay(admin, sprintId);

      const db = ctx.testDb.db.kysely;
      const mails = () =>
        db
          .selectFrom('outbound_email')
          .select(['to_address', 'subject', 'text_body', 'attachments', 'status', 'related_type'])
          .execute();
      const details = /Kontakt [67]|kontakt[67]@|Sara Ny|sara6@|Kollega Sju|kollega7@|0520-123 45/;
      const holding = (rows: Awaited<ReturnType<typeof mails>>) =>
        rows.filter((r) => details.test(r.to_address + r.text_body + r.attachments));
      const staffAddresses = new Set(staff.map((p) => p.email));
      const before = holding(await mails());
      assert.ok(
        before.some((r) => staffAddresses.has(r.to_address)),
        'the team’s invitations name the contact person',
      );
      assert.ok(
        before.some((r) => r.to_address === 'kontakt6@foretag6.se'),
        'the first contact’s confirmation',
      );
      assert.ok(
        before.some((r) => r.to_address === 'kollega7@foretag7.se'),
        'the colleague’s message',
      );
      assert.ok(before.every((r) => r.status === 'sent'));

      // 36 months after the day (the default period).
      ctx.clock.set('2029-11-25T12:00:00Z');
      await runSweeps(ctx.app);
      const afterSweep = await mails();
      assert.deepEqual(
        holding(afterSweep).map((r) => `${r.to_address}: ${r.subject}`),
        [],
        'no message keeps the contact’s details',
      );
      const staffCopies = afterSweep.filter((r) => staffAddresses.has(r.to_address));
      assert.ok(staffCopies.length >= 2, 'the team’s copies keep their staff address');
      for (const r of staffCopies.filter((x) => x.related_type === 'sprint' && /^Besök/.test(x.subject)))
        assert.deepEqual([r.text_body, r.attachments], ['(Gallrat efter 36 månader.)', '[]']);
    });
  });
}
