// `besok schedule INSTANCE.json [--seed N] [--time-limit SECONDS]`: a thin adapter around the pure
// scheduler. Reads and validates the file, solves, writes the schedule JSON to stdout. Problems go to
// stderr, one a line, each saying where, with exit status 2; never a stack trace.
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { FixedVisitsInfeasibleError, solve, validateInstance } from '../../scheduler';

/** The default time cap: 2 s under 250 registrations, rising to 4.5 s at 1000 (the search normally ends well before). */
export function defaultTimeLimitSeconds(registrations: number): number {
  if (registrations < 250) return 2;
  return Math.min(4.5, 2 + (2.5 * (registrations - 250)) / 750);
}

function parseSeed(v: string): number {
  const n = Number(v);
  // The generator takes 32 bits: a larger seed would give the same schedule as a smaller one.
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n > 0xffffffff)
    throw new InvalidArgumentError('the seed must be a whole number from 0 to 4294967295');
  return n;
}

function parseSeconds(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('the time limit must be a positive number of seconds');
  return n;
}

export interface ScheduleIo {
  readBytes: (path: string) => Promise<Uint8Array>;
  out: (s: string) => void;
  err: (s: string) => void;
  now: () => number;
}

const defaultIo: ScheduleIo = {
  readBytes: (p) => readFile(p),
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  now: () => performance.now(),
};

/**
 * The instance's text. JSON is UTF-8 (RFC 8259), with or without a BOM; a UTF-16 file with its BOM
 * (what Windows PowerShell's Out-File writes) is read as such. Any other encoding is refused with
 * the place of its first byte that is not UTF-8, rather than read with its letters replaced (an
 * "ö" in Windows-1252 would become "\ufffd" and a topic or id no longer match its twin).
 */
export function decodeInstance(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; problem: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  try {
    // The BOM is taken away by the decoder (ignoreBOM false).
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Where: the longest valid UTF-8 prefix ends at the first bad byte.
    const text = new TextDecoder('utf-8').decode(bytes);
    const bad = text.indexOf('\ufffd');
    const before = text.slice(0, Math.max(0, bad)).replace(/^\ufeff/, '');
    const lines = before.split('\n');
    const line = lines.length;
    const column = lines[lines.length - 1]!.length + 1;
    return {
      ok: false,
      problem:
        `line ${line}, column ${column}: a byte that is not UTF-8 (the file is in another encoding, ` +
        'such as Windows-1252); save it as UTF-8 and try again',
    };
  }
}

/** Runs the command; returns the exit status (0 fine, 2 unreadable, malformed or refused instance). */
export async function runSchedule(
  file: string,
  opts: { seed?: number; timeLimit?: number },
  io: ScheduleIo = defaultIo,
): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readBytes(file);
  } catch (e) {
    io.err(
      `besok schedule: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
    );
    return 2;
  }
  const decoded = decodeInstance(bytes);
  if (!decoded.ok) {
    io.err(`besok schedule: ${file} is not UTF-8 text: ${decoded.problem}\n`);
    return 2;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(decoded.text);
  } catch (e) {
    io.err(`besok schedule: ${file} is not valid JSON: ${(e as Error).message}\n`);
    return 2;
  }
  const v = validateInstance(raw);
  if (!v.ok) {
    io.err(
      `besok schedule: ${file} is not a valid instance (${v.problems.length} problem${v.problems.length === 1 ? '' : 's'}):\n`,
    );
    for (const p of v.problems) io.err(`  ${p}\n`);
    return 2;
  }
  const inst = v.instance;
  const seconds = opts.timeLimit ?? defaultTimeLimitSeconds(inst.registrations.length);
  try {
    const res = solve(inst, { seed: opts.seed ?? 1, timeLimitMs: seconds * 1000, now: io.now });
    const { visits, unscheduled, bound, coverageBound, score, elapsedMs, stoppedBy } = res;
    io.out(
      `${JSON.stringify(
        { visits, unscheduled, bound, coverageBound, score, elapsedMs, stoppedBy, seed: opts.seed ?? 1 },
        null,
        2,
      )}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof FixedVisitsInfeasibleError) {
      io.err(`besok schedule: the fixed visits in ${file} cannot all be staffed:\n`);
      for (const x of e.violations)
        io.err(`  rule ${x.ruleNumber} (${x.rule}), visit ${x.registration}: ${x.message}\n`);
      return 2;
    }
    throw e;
  }
}

export function registerScheduleCommand(program: Command): void {
  program
    .command('schedule')
    .description(
      'Planera en besökssprint: flest besök, sedan bäst ämnestäckning, sedan jämn belastning och lite resor / Plan a visit sprint: the most visits, then the best topic coverage, then an even load and little travel',
    )
    .argument('<instance>', 'instansen som JSON (formatet: src/scheduler/README.md) / instance JSON')
    .option(
      '--seed <n>',
      'slumpfrö; samma instans och frö ger samma schema / random seed; the same instance and seed give the same schedule',
      parseSeed,
      1,
    )
    .option(
      '--time-limit <seconds>',
      'tak för söktiden (annars 2 s under 250 anmälningar, upp till 4,5 s vid 1000) / safety cap on the search time',
      parseSeconds,
    )
    .action(async (file: string, opts: { seed: number; timeLimit?: number }) => {
      process.exitCode = await runSchedule(file, opts);
    });
}
