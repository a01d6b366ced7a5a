import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../../../test/helpers/db';
import { createTestApp, TEST_PASSWORD, type TestContext } from '../../../test/helpers/app';
import { insertMunicipality } from '../municipality/municipality.repository';
import { createStaff } from './staff.service';

for (const dialect of DIALECTS) {
  void describe(`staff accounts (${dialect})`, () => {
    let t: TestContext;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    void test('an admin adds a politician with party and expertise, who can then log in', async () => {
      const admin = await t.as(t.users.admin);
      const res = await admin.post('/api/staff', {
        email: 'Per.Andersson@Kommun.se',
        name: 'Per Andersson',
        title: 'Kommunstyrelsens ordförande',
        role: 'staff',
        group: 'politician',
        party: 'majority',
        expertise: ['etablering', 'natverk'],
        password: 'ett-långt-lösenord',
      });
      assert.equal(res.statusCode, 201, res.body);
      const created = res.json();
      assert.equal(created.email, 'per.andersson@kommun.se');
      assert.equal(created.party, 'majority');
      assert.deepEqual(created.expertise, ['etablering', 'natverk']);
      const per = await t.as('anonymous');
      assert.equal((await per.login('per.andersson@kommun.se', 'ett-långt-lösenord')).statusCode, 200);
      const list = await admin.get('/api/staff');
      assert.ok(list.json().items.some((u: { email: string }) => u.email === 'per.andersson@kommun.se'));
    });

    void test('field errors say where, in Swedish, and nothing is stored', async () => {
      const admin = await t.as(t.users.admin);
      const res = await admin.post('/api/staff', {
        email: 'inte-en-adress',
        name: '',
        role: 'boss',
        group: 'business',
      });
      assert.equal(res.statusCode, 400);
      const body = res.json();
      assert.equal(body.error.code, 'VALIDATION');
      const paths = body.error.details.map((d: { path: string }) => d.path).sort();
      assert.deepEqual(paths, ['email', 'name', 'role']);
      assert.match(body.error.message, /email: /);
      assert.equal(
        body.error.message,
        'email: är inte en giltig e-postadress; name: måste fyllas i; role: måste vara ett av: viewer, staff, admin',
      );
    });

    void test('unknown expertise, party for a non-politician and a duplicate e-mail are refused', async () => {
      const admin = await t.as(t.users.admin);
      const base = { name: 'X Y', role: 'staff', group: 'business', party: null, expertise: [] as string[] };
      const unknown = await admin.post('/api/staff', {
        ...base,
        email: 'x1@test.se',
        expertise: ['rymdfart'],
      });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.json().error.message, /rymdfart/);
      const party = await admin.post('/api/staff', { ...base, email: 'x2@test.se', party: 'opposition' });
      assert.equal(party.statusCode, 400);
      assert.equal(party.json().error.details[0].path, 'party');
      const dup = await admin.post('/api/staff', { ...base, email: 'admin@test.se' });
      assert.equal(dup.statusCode, 409);
    });

    void test('two admins adding the same e-mail at once: one account, the other told on the field', async () => {
      const [a1, a2] = [await t.as(t.users.admin), await t.as(t.users.admin)];
      const body = { name: 'Samma Person', role: 'staff', group: 'business', party: null, expertise: [] };
      const answers = await Promise.all(
        [a1, a2, a1].map((c) => c.post('/api/staff', { ...body, email: 'samtidigt@test.se' })),
      );
      assert.deepEqual(
        answers.map((r) => r.statusCode).sort(),
        [201, 409, 409],
        answers.map((r) => r.body).join(),
      );
      for (const r of answers.filter((x) => x.statusCode === 409))
        assert.deepEqual(r.json().error.details, [{ path: 'email', message: 'används redan' }]);
      const list = (await a1.get('/api/staff')).json().items as Array<{ email: string }>;
      assert.equal(list.filter((u) => u.email === 'samtidigt@test.se').length, 1);
    });

    void test('deactivating a user ends their sessions', async () => {
      const admin = await t.as(t.users.admin);
      const viewer = await t.as(t.users.viewer);
      assert.equal((await viewer.get('/api/auth/me')).statusCode, 200);
      const res = await admin.patch(`/api/staff/${t.users.viewer.id}`, { active: false });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().active, false);
      assert.equal((await viewer.get('/api/auth/me')).statusCode, 401);
      const again = await t.as('anonymous');
      assert.equal((await again.login(t.users.viewer.email)).statusCode, 401);
    });

    void test('staff may read the staff list but not change it', async () => {
      const staff = await t.as(t.users.staff);
      assert.equal((await staff.get('/api/staff')).statusCode, 200);
      assert.equal((await staff.patch(`/api/staff/${t.users.staff.id}`, { role: 'admin' })).statusCode, 403);
    });

    void test('one person by id, for staff; unknown ids and other municipalities are 404', async () => {
      const staff = await t.as(t.users.staff);
      const res = await staff.get(`/api/staff/${t.users.admin.id}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        id: t.users.admin.id,
        email: 'admin@test.se',
        name: 'Anna Admin',
        title: '',
        phone: '',
        role: 'admin',
        group: 'business',
        party: null,
        expertise: [],
        active: true,
      });
      const missing = await staff.get('/api/staff/finns-inte');
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.json().error.code, 'NOT_FOUND');
      assert.equal(missing.json().error.message, 'Användaren finns inte.');
      // (The shared reader was deactivated above: a reader of its own.)
      const reader = await createStaff(
        t.testDb.db.kysely,
        t.municipality.id,
        {
          email: 'rut@test.se',
          name: 'Rut Läsare',
          title: '',
          phone: '',
          role: 'viewer',
          group: 'other',
          party: null,
          expertise: [],
          password: TEST_PASSWORD,
        },
        t.clock.now(),
      );
      assert.equal((await (await t.as(reader)).get(`/api/staff/${t.users.admin.id}`)).statusCode, 403);
      assert.equal((await (await t.as('anonymous')).get(`/api/staff/${t.users.admin.id}`)).statusCode, 401);

      const later = new Date(t.clock.now().getTime() + 60_000);
      const other = await insertMunicipality(
        t.testDb.db.kysely,
        { name: 'Grannkommun', kommunkod: '2029' },
        later,
      );
      const stranger = await createStaff(
        t.testDb.db.kysely,
        other.id,
        {
          email: 'granne@grannkommun.se',
          name: 'Gun Granne',
          title: '',
          phone: '',
          role: 'staff',
          group: 'business',
          party: null,
          expertise: [],
          password: TEST_PASSWORD,
        },
        later,
      );
      const admin = await t.as(t.users.admin);
      const foreign = await admin.get(`/api/staff/${stranger.id}`);
      assert.equal(foreign.statusCode, 404);
      assert.equal(foreign.json().error.message, 'Användaren finns inte.');
    });

    void test('a partial update changes only what it names (deactivating keeps title, phone and expertise)', async () => {
      const admin = await t.as(t.users.admin);
      const created = await admin.post('/api/staff', {
        email: 'lisa@test.se',
        name: 'Lisa Lund',
        title: 'Ledamot',
        phone: '070-123 45 67',
        role: 'viewer',
        group: 'politician',
        party: 'opposition',
        expertise: ['etablering'],
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as string;
      const res = await admin.patch(`/api/staff/${id}`, { active: false });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { ...created.json(), active: false });
      assert.deepEqual((await admin.get(`/api/staff/${id}`)).json(), { ...created.json(), active: false });
    });

    void test('an admin corrects an e-mail address: the person signs in with the new one; one in use is refused on the field', async () => {
      const admin = await t.as(t.users.admin);
      const created = await admin.post('/api/staff', {
        email: 'per.persson@tset.se',
        name: 'Per Persson',
        role: 'staff',
        group: 'business',
        password: 'korrekt-häst-batteri',
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json().id as string;
      const taken = await admin.patch(`/api/staff/${id}`, { email: 'ADMIN@test.se' });
      assert.equal(taken.statusCode, 409, taken.body);
      assert.deepEqual(taken.json().error.details, [{ path: 'email', message: 'används redan' }]);
      const bad = await admin.patch(`/api/staff/${id}`, { email: 'inte en adress' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.details[0].path, 'email');
      const fixed = await admin.patch(`/api/staff/${id}`, { email: ' Per.Persson@Test.se ' });
      assert.equal(fixed.statusCode, 200, fixed.body);
      assert.equal(fixed.json().email, 'per.persson@test.se');
      assert.equal(fixed.json().name, 'Per Persson', 'nothing else changed');
      const per = await t.as('anonymous');
      assert.equal((await per.login('per.persson@tset.se', 'korrekt-häst-batteri')).statusCode, 401);
      assert.equal((await per.login('per.persson@test.se', 'korrekt-häst-batteri')).statusCode, 200);
      // Staff cannot change anyone's address, not even their own.
      assert.equal((await per.patch(`/api/staff/${id}`, { email: 'per@test.se' })).statusCode, 403);
    });
  });

  void describe(`municipality and topics (${dialect})`, () => {
    let t: TestContext;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    void test('the municipality starts with the default topic list, which an admin edits', async () => {
      const admin = await t.as(t.users.admin);
      const topics = (await admin.get('/api/topics')).json().items as Array<{
        slug: string;
        labelSv: string;
      }>;
      assert.equal(topics.length, 12);
      assert.equal(topics[0]?.slug, 'kompetensforsorjning');
      const res = await admin.put('/api/topics', {
        version: (await admin.get('/api/topics')).json().version,
        topics: [
          { slug: 'lokaler-mark', labelSv: 'Lokaler', labelEn: 'Premises' },
          { slug: 'turism', labelSv: 'Besöksnäring', labelEn: 'Tourism' },
        ],
      });
      assert.equal(res.statusCode, 200, res.body);
      const active = (await admin.get('/api/topics')).json().items as Array<{
        slug: string;
        labelSv: string;
      }>;
      assert.deepEqual(
        active.map((x) => [x.slug, x.labelSv]),
        [
          ['lokaler-mark', 'Lokaler'],
          ['turism', 'Besöksnäring'],
        ],
      );
      const all = (await admin.get('/api/topics?all=1')).json().items as unknown[];
      assert.equal(all.length, 13, 'topics no longer listed are kept, inactive');
    });

    void test('two admins editing the topic list: the second save, from the older list, is refused, not merged unseen', async () => {
      const [a1, a2] = [await t.as(t.users.admin), await t.as(t.users.admin)];
      const read = (await a1.get('/api/topics?all=1')).json();
      const asRead = (
        read.items as Array<{ slug: string; labelSv: string; labelEn: string; active: boolean }>
      ).map(({ slug, labelSv, labelEn, active }) => ({ slug, labelSv, labelEn, active }));
      const first = await a1.put('/api/topics', {
        version: read.version,
        topics: [...asRead, { slug: 'ny-x', labelSv: 'Ny X', labelEn: 'New X' }],
      });
      assert.equal(first.statusCode, 200, first.body);
      assert.notEqual(first.json().version, read.version);
      const second = await a2.put('/api/topics', {
        version: read.version,
        topics: [...asRead, { slug: 'ny-y', labelSv: 'Ny Y', labelEn: 'New Y' }],
      });
      assert.equal(second.statusCode, 409, second.body);
      assert.equal(second.json().error.code, 'STALE');
      assert.match(second.json().error.message, /Någon annan har sparat ämneslistan/);
      const now = (await a2.get('/api/topics?all=1')).json();
      assert.deepEqual(now.items, first.json().items, "the first admin's save stands");
      assert.equal(now.version, first.json().version);
      // Read again, the second admin's change goes in beside the first's.
      const again = await a2.put('/api/topics', {
        version: now.version,
        topics: [
          ...(now.items as Array<{ slug: string; labelSv: string; labelEn: string; active: boolean }>).map(
            ({ slug, labelSv, labelEn, active }) => ({ slug, labelSv, labelEn, active }),
          ),
          { slug: 'ny-y', labelSv: 'Ny Y', labelEn: 'New Y' },
        ],
      });
      assert.equal(again.statusCode, 200, again.body);
      const slugs = (again.json().items as Array<{ slug: string; active: boolean }>)
        .filter((x) => x.active)
        .map((x) => x.slug);
      assert.ok(slugs.includes('ny-x') && slugs.includes('ny-y'), slugs.join());
    });

    void test('a topic list with one code or one Swedish name twice is refused, row by row, and nothing changes', async () => {
      const admin = await t.as(t.users.admin);
      const read = (await admin.get('/api/topics?all=1')).json();
      const before = read.items as unknown[];
      const res = await admin.put('/api/topics', {
        version: read.version,
        topics: [
          { slug: 'hallbarhet', labelSv: 'Hållbarhet', labelEn: 'Sustainability' },
          { slug: 'export', labelSv: 'Export', labelEn: 'Export' },
          { slug: 'hallbarhet', labelSv: 'Grön omställning', labelEn: 'Green transition' },
          { slug: 'export-2', labelSv: 'EXPORT', labelEn: 'Export 2' },
        ],
      });
      assert.equal(res.statusCode, 400, res.body);
      const details = res.json().error.details as Array<{ path: string; message: string }>;
      assert.deepEqual(
        details.map((d) => [d.path, d.message]),
        [
          ['topics.2.slug', 'finns redan för ämnet ”Hållbarhet” (rad 1); välj en annan kod'],
          ['topics.3.labelSv', 'är samma som ämnet på rad 2; varje ämne behöver ett eget namn'],
        ],
      );
      assert.deepEqual((await admin.get('/api/topics?all=1')).json().items, before, 'nothing saved');
    });

    void test('an inactivated topic stays with those who have it but is given to no one new', async () => {
      const admin = await t.as(t.users.admin);
      const eva = await admin.post('/api/staff', {
        email: 'eva@kommun.se',
        name: 'Eva Ek',
        role: 'staff',
        group: 'business',
        expertise: ['lokaler-mark', 'turism'],
      });
      assert.equal(eva.statusCode, 201, eva.body);
      // "turism" goes out of the list: inactive.
      const edit = await admin.put('/api/topics', {
        version: (await admin.get('/api/topics')).json().version,
        topics: [{ slug: 'lokaler-mark', labelSv: 'Lokaler', labelEn: 'Premises' }],
      });
      assert.equal(edit.statusCode, 200, edit.body);
      const kept = await admin.patch(`/api/staff/${eva.json().id}`, {
        expertise: ['turism', 'lokaler-mark'],
      });
      assert.equal(kept.statusCode, 200, kept.body);
      const refused = await admin.patch(`/api/staff/${t.users.viewer.id}`, { expertise: ['turism'] });
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(refused.json().error.details[0], {
        path: 'expertise',
        message: 'ämnet Besöksnäring är inaktiverat och kan inte väljas',
      });
    });

    void test("an admin's reset of someone's password ends that person's sessions", async () => {
      const admin = await t.as(t.users.admin);
      const p = await admin.post('/api/staff', {
        email: 'reset@kommun.se',
        name: 'Rut Reset',
        role: 'viewer',
        group: 'department',
        password: 'första-lösenordet',
      });
      assert.equal(p.statusCode, 201, p.body);
      const them = await t.as('anonymous');
      assert.equal((await them.login('reset@kommun.se', 'första-lösenordet')).statusCode, 200);
      assert.equal((await them.get('/api/auth/me')).statusCode, 200);
      const weak = await admin.patch(`/api/staff/${p.json().id}`, { password: '1234567890' });
      assert.equal(weak.statusCode, 400, 'a password too easy to guess is refused');
      assert.equal(weak.json().error.details[0].path, 'password');
      assert.equal((await them.get('/api/auth/me')).statusCode, 200, 'and nothing changed');
      const reset = await admin.patch(`/api/staff/${p.json().id}`, { password: 'andra-lösenordet' });
      assert.equal(reset.statusCode, 200, reset.body);
      assert.equal((await them.get('/api/auth/me')).statusCode, 401, 'the old session no longer works');
      assert.equal((await admin.get('/api/auth/me')).statusCode, 200, "the admin's own session is kept");
    });

    void test('an admin cannot set their own password in the staff form (no current password is asked there)', async () => {
      const laptop = await t.as(t.users.admin);
      const other = await t.as(t.users.admin);
      const own = await laptop.patch(`/api/staff/${t.users.admin.id}`, {
        password: 'ett-helt-nytt-lösenord',
      });
      assert.equal(own.statusCode, 400, own.body);
      assert.deepEqual(own.json().error.details, [
        { path: 'password', message: 'ditt eget lösenord byter du under Mitt konto, med det nuvarande' },
      ]);
      assert.equal((await other.get('/api/auth/me')).statusCode, 200, 'no session ended');
      const again = await t.as('anonymous');
      assert.equal((await again.login('admin@test.se')).statusCode, 200, 'the password is unchanged');
    });

    void test('the last active admin can neither demote nor deactivate themselves; with another admin, roles move', async () => {
      const admin = await t.as(t.users.admin);
      const demote = await admin.patch(`/api/staff/${t.users.admin.id}`, { role: 'viewer' });
      assert.equal(demote.statusCode, 409);
      assert.equal(
        demote.json().error.message,
        'Det måste finnas minst en aktiv administratör. Gör någon annan till administratör först.',
      );
      const off = await admin.patch(`/api/staff/${t.users.admin.id}`, { active: false });
      assert.equal(off.statusCode, 400);
      assert.equal(
        off.json().error.message,
        'Du kan inte inaktivera ditt eget konto; be en annan administratör göra det.',
      );
      assert.equal(
        (await admin.get(`/api/staff/${t.users.admin.id}`)).json().role,
        'admin',
        'nothing changed',
      );
      // An admin made without a password cannot sign in to take over: not counted.
      const heir = await admin.post('/api/staff', {
        email: 'arvtagare@test.se',
        name: 'Ada Arvtagare',
        role: 'admin',
        group: 'business',
      });
      assert.equal(heir.statusCode, 201, heir.body);
      const stepDown = await admin.patch(`/api/staff/${t.users.admin.id}`, { role: 'viewer' });
      assert.equal(stepDown.statusCode, 409, stepDown.body);
      assert.equal((await admin.patch(`/api/staff/${heir.json().id}`, { active: false })).statusCode, 200);
      // A second admin: then one of them may step down (and is put back here).
      assert.equal((await admin.patch(`/api/staff/${t.users.viewer.id}`, { role: 'admin' })).statusCode, 200);
      assert.equal(
        (await admin.patch(`/api/staff/${t.users.viewer.id}`, { role: 'viewer' })).statusCode,
        200,
      );
      // Two admins demoting each other at the same moment: one of them stays admin.
      assert.equal((await admin.patch(`/api/staff/${t.users.viewer.id}`, { role: 'admin' })).statusCode, 200);
      const other = await t.as(t.users.viewer);
      const [a, b] = await Promise.all([
        admin.patch(`/api/staff/${t.users.viewer.id}`, { role: 'viewer' }),
        other.patch(`/api/staff/${t.users.admin.id}`, { role: 'viewer' }),
      ]);
      // The loser is refused: 409 (it counted the other's change) or 403 (it was no admin by the
      // time its request was let in).
      const codes = [a.statusCode, b.statusCode].sort();
      assert.ok(codes[0] === 200 && (codes[1] === 403 || codes[1] === 409), `${a.body} ${b.body}`);
      const stillAdmin = a.statusCode === 200 ? admin : other;
      const admins = (await stillAdmin.get('/api/staff'))
        .json()
        .items.filter((u: { role: string; active: boolean }) => u.role === 'admin' && u.active);
      assert.equal(admins.length, 1);
      if (a.statusCode !== 200) {
        // Put back: the original admin is the admin again, the viewer a viewer.
        assert.equal(
          (await other.patch(`/api/staff/${t.users.admin.id}`, { role: 'admin' })).statusCode,
          200,
        );
        assert.equal(
          (await admin.patch(`/api/staff/${t.users.viewer.id}`, { role: 'viewer' })).statusCode,
          200,
        );
      }
    });

    void test('settings are a record an admin changes, not constants', async () => {
      const admin = await t.as(t.users.admin);
      const m = (await admin.get('/api/municipality')).json();
      assert.equal(m.settings.feedbackDays, 30);
      const res = await admin.patch('/api/municipality', {
        name: 'Leksands kommun',
        kommunkod: '2029',
        settings: { ...m.settings, feedbackDays: 21 },
      });
      assert.equal(res.statusCode, 200, res.body);
      const again = (await (await t.as(t.users.viewer)).get('/api/municipality')).json();
      assert.equal(again.name, 'Leksands kommun');
      assert.equal(again.settings.feedbackDays, 21);
      const bad = await admin.patch('/api/municipality', { kommunkod: '29' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.details[0].path, 'kommunkod');
      // The server checks what the form checks: a reply address is an address; the unit is named.
      const settings = async (over: Record<string, unknown>) =>
        admin.patch('/api/municipality', { settings: { ...again.settings, ...over } });
      const noAddress = await settings({ replyTo: 'naringsliv@' });
      assert.equal(noAddress.statusCode, 400);
      assert.deepEqual(noAddress.json().error.details, [
        { path: 'settings.replyTo', message: 'ska vara en e-postadress, till exempel naringsliv@kommun.se' },
      ]);
      const noUnit = await settings({ unitName: '  ' });
      assert.equal(noUnit.statusCode, 400);
      assert.equal(noUnit.json().error.details[0].path, 'settings.unitName');
      const ok = await settings({ replyTo: ' Naringsliv@Leksand.se ' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json().settings.replyTo, 'naringsliv@leksand.se');
      assert.equal((await settings({ replyTo: '' })).statusCode, 200, 'no reply address is allowed');
    });

    void test('two admins saving the settings: the save from the page read before the other save is refused', async () => {
      const a = await t.as(t.users.admin);
      const read = (await a.get('/api/municipality')).json();
      assert.match(read.version, /^[0-9a-f]{32}$/);
      const first = await a.patch('/api/municipality', {
        version: read.version,
        settings: { ...read.settings, replyTo: 'forsta@kommun.se' },
      });
      assert.equal(first.statusCode, 200, first.body);
      assert.notEqual(first.json().version, read.version);
      const second = await a.patch('/api/municipality', {
        version: read.version,
        settings: { ...read.settings, unitName: 'Näringslivskontoret' },
      });
      assert.equal(second.statusCode, 409, second.body);
      assert.equal(second.json().error.code, 'STALE');
      const now = (await a.get('/api/municipality')).json();
      assert.deepEqual(
        [now.settings.replyTo, now.settings.unitName],
        ['forsta@kommun.se', read.settings.unitName],
      );
      const again = await a.patch('/api/municipality', {
        version: now.version,
        settings: { ...now.settings, unitName: 'Näringslivskontoret' },
      });
      assert.equal(again.statusCode, 200, again.body);
    });
  });
}
