// The CLI adapter (src/cli/commands/schedule.ts), driven through its injectable I/O.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { registerScheduleCommand, runSchedule, type ScheduleIo } from '../cli/commands/schedule';
import { tinyInstance } from './test-helpers';

function io(files: Record<string, string | Buffer>) {
  const out: string[] = [];
  const err: string[] = [];
  const x: ScheduleIo = {
    readBytes: async (p) => {
      if (!(p in files)) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      const f = files[p]!;
      return typeof f === 'string' ? Buffer.from(f, 'utf8') : f;
    },
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    now: () => performance.now(),
  };
  return { x, out, err };
}

void describe('besok schedule', () => {
  void test('writes the schedule JSON with bound, score and elapsedMs; exit 0', async () => {
    const { x, out, err } = io({ 'day.json': JSON.stringify(tinyInstance()) });
    assert.equal(await runSchedule('day.json', { seed: 1 }, x), 0);
    assert.deepEqual(err, []);
    const res = JSON.parse(out.join(''));
    assert.ok(Array.isArray(res.visits) && Array.isArray(res.unscheduled));
    assert.equal(typeof res.bound, 'number');
    assert.deepEqual(Object.keys(res.score), [
      'visits',
      'topicCoverage',
      'travelMinutes',
      'maxLoad',
      'minLoad',
    ]);
    assert.equal(typeof res.elapsedMs, 'number');
  });

  void test('a malformed instance: every problem, each saying where, on stderr; exit 2', async () => {
    const bad = JSON.parse(JSON.stringify(tinyInstance()));
    bad.registrations[2].available[1] = 's99';
    bad.slots[0].end = '25:00';
    const { x, out, err } = io({ 'bad.json': JSON.stringify(bad), 'broken.json': '{"slots": [' });
    assert.equal(await runSchedule('bad.json', {}, x), 2);
    assert.deepEqual(out, []);
    const text = err.join('');
    assert.match(text, /slots\[0\]\.end: must be a time HH:MM, got "25:00"/);
    assert.match(text, /registrations\[2\]\.available\[1\]: unknown slot "s99"/);
    assert.doesNotMatch(text, /\n\s+at /); // no stack trace
    assert.equal(await runSchedule('broken.json', {}, x), 2);
    assert.match(err.join(''), /broken\.json is not valid JSON/);
    // A BOM, as Windows editors write it, is not a problem.
    const bom = io({ 'bom.json': '\ufeff' + JSON.stringify(tinyInstance()) });
    assert.equal(await runSchedule('bom.json', { seed: 1 }, bom.x), 0, bom.err.join(''));
    assert.equal(await runSchedule('missing.json', {}, x), 2);
    assert.match(err.join(''), /cannot read missing\.json: ENOENT/);
  });

  void test('UTF-16 with its BOM is read; another encoding is refused with the place of its first byte that is not UTF-8', async () => {
    const day = tinyInstance();
    day.registrations[0]!.company = 'Smörgåsbordet AB';
    const json = JSON.stringify(day, null, 2);
    const utf16 = io({ 'ps.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]) });
    assert.equal(await runSchedule('ps.json', { seed: 1 }, utf16.x), 0, utf16.err.join(''));
    // Windows-1252: "ö" is the one byte 0xF6.
    const { x, out, err } = io({ 'ansi.json': Buffer.from(json, 'latin1') });
    assert.equal(await runSchedule('ansi.json', {}, x), 2);
    assert.deepEqual(out, []);
    // Where the first letter outside ASCII is.
    const lines = json.split('\n');
    const at = lines.findIndex((l) => /[^\t\n\r\x20-\x7e]/.test(l));
    const column = lines[at]!.search(/[^\t\n\r\x20-\x7e]/) + 1;
    assert.ok(at >= 0);
    assert.equal(
      err.join(''),
      `besok schedule: ansi.json is not UTF-8 text: line ${at + 1}, column ${column}: a byte that is not UTF-8 ` +
        '(the file is in another encoding, such as Windows-1252); save it as UTF-8 and try again\n',
    );
  });

  void test('fixed visits that cannot be staffed: refused naming the rule and the visit; exit 2', async () => {
    const inst = tinyInstance();
    inst.staff[1]!.available = ['s2', 's3', 's4'];
    const { x, err } = io({ 'day.json': JSON.stringify(inst) });
    assert.equal(await runSchedule('day.json', {}, x), 2);
    assert.match(err.join(''), /rule 3 \(requiredGroups\), visit r1: the fixed visit to r1 in s1/);
  });

  void test('--seed takes 0 to 4294967295 (the generator takes 32 bits): a larger one is refused, not wrapped', async () => {
    const program = new Command('besok')
      .exitOverride()
      .configureOutput({ writeErr: () => {}, writeOut: () => {} });
    registerScheduleCommand(program);
    for (const seed of ['4294967296', '-1', '1.5', 'abc']) {
      await assert.rejects(
        program.parseAsync(['node', 'besok', 'schedule', 'x.json', '--seed', seed]),
        /the seed must be a whole number from 0 to 4294967295/,
        seed,
      );
    }
  });

  void test('registers `schedule <instance> --seed --time-limit` on a commander program', () => {
    const program = new Command('besok');
    registerScheduleCommand(program);
    const cmd = program.commands.find((c) => c.name() === 'schedule');
    assert.ok(cmd);
    assert.deepEqual(
      cmd.options.map((o) => o.long),
      ['--seed', '--time-limit'],
    );
  });
});
