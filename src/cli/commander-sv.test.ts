import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { speakSwedish, swedishUsageError } from './commander-sv';
import { runBesok } from '../../test/helpers/cli';

/** A program like besok's, its usage errors caught: what Commander itself writes, translated. */
function errorOf(argv: string[]): string {
  let written = '';
  const program = speakSwedish(new Command('besok'))
    .exitOverride()
    .configureOutput({ writeErr: (s) => (written += s), writeOut: () => {} });
  program.command('serve').option('--port <port>', 'port');
  program
    .command('backup')
    .argument('<file>', 'file')
    .option('--seed <n>', 'seed', (v) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError('the seed must be a whole number');
      return Number(v);
    })
    .action(() => {});
  program
    .command('users')
    .requiredOption('--role <role>', 'role')
    .action(() => {});
  assert.throws(() => program.parse(argv, { from: 'user' }), CommanderError);
  return written;
}

describe("besok's usage errors and help headings, Swedish first", () => {
  // Each message comes from Commander itself, so a new Commander that words one differently
  // fails here instead of quietly falling back to English only.
  test('every usage error Commander writes gets its Swedish sentence before the English', () => {
    const cases: Array<[string[], string]> = [
      [['backup'], "besok: argumentet file saknas. / missing required argument 'file'\n"],
      [
        ['serve', '--port'],
        "besok: flaggan --port <port> saknar sitt värde. / option '--port <port>' argument missing\n",
      ],
      [
        ['users'],
        "besok: flaggan --role <role> måste anges. / required option '--role <role>' not specified\n",
      ],
      [['serve', '--bogus'], "besok: okänd flagga --bogus. / unknown option '--bogus'\n"],
      [
        ['serve', '--prot', '1'],
        "besok: okänd flagga --prot (menade du --port?). / unknown option '--prot' (Did you mean --port?)\n",
      ],
      [
        ['srve'],
        "besok: okänt kommando srve (menade du serve?). / unknown command 'srve' (Did you mean serve?)\n",
      ],
      [
        ['backup', 'a', 'b'],
        "besok: för många argument till backup: 1 väntades, 2 gavs. / too many arguments for 'backup'. Expected 1 argument but got 2.\n",
      ],
      [
        ['backup', 'a', '--seed', 'x'],
        "besok: flaggan --seed <n> har ett ogiltigt värde: 'x'. / option '--seed <n>' argument 'x' is invalid. the seed must be a whole number\n",
      ],
    ];
    for (const [argv, expected] of cases) assert.equal(errorOf(argv), expected, argv.join(' '));
  });

  test('a message it does not know keeps its English, under the same prefix', () => {
    assert.equal(swedishUsageError('error: something new\n'), 'besok: something new\n');
  });

  test('besok --help and a subcommand’s help name their headings in both languages', () => {
    const top = runBesok(tmpdir(), ['--help']);
    assert.equal(top.status, 0, top.stderr);
    assert.match(top.stdout, /^Användning \/ Usage: besok \[options\] \[command\]$/m);
    assert.match(top.stdout, /^Flaggor \/ Options:$/m);
    assert.match(top.stdout, /^Kommandon \/ Commands:$/m);
    const sub = runBesok(tmpdir(), ['import', 'companies', '--help']);
    assert.equal(sub.status, 0, sub.stderr);
    assert.match(sub.stdout, /^Argument \/ Arguments:$/m);
    assert.match(sub.stdout, /^Flaggor \/ Options:$/m);
    assert.doesNotMatch(sub.stdout, /^(Usage|Options|Arguments):/m);
    const wrong = runBesok(tmpdir(), ['import', 'companies']);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /^besok: argumentet file saknas\. \/ missing required argument 'file'\n/);
  });
});
