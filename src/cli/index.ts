import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerServeCommand } from './commands/serve';
import { registerMigrateCommand } from './commands/migrate';
import { registerUsersCommand } from './commands/users';
import { registerBackupCommands } from './commands/backup';
import { registerDemoCommand } from './commands/demo';
import { CliError } from './db-option';
import { speakSwedish } from './commander-sv';
import { AppError } from '../server/errors';
import { useSwedishValidationMessages } from '../lib/zod-sv';

/** Besök's version, from its package.json. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

// The account commands validate with the app's schemas: their messages in the app's Swedish.
useSwedishValidationMessages();

// Output piped into a command that stops reading (`besok users list | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const program = speakSwedish(new Command('besok'))
  .description('Besök — företagsbesök för kommunens näringslivsenhet / company visits for a municipality')
  .version(packageVersion(), '-V, --version', 'visa versionen / show the version')
  .helpOption('-h, --help', 'visa hjälpen / show help')
  .helpCommand('help [command]', 'visa hjälpen för ett kommando / show help for a command')
  .showHelpAfterError()
  .exitOverride();

registerServeCommand(program);
registerMigrateCommand(program);
registerUsersCommand(program);
registerBackupCommands(program);
registerDemoCommand(program);
// Feature commands (import, schedule) register themselves from their own modules:
for (const load of [
  () => import('./commands/import-companies').then((m) => m.registerImportCommand(program)),
  () => import('./commands/schedule').then((m) => m.registerScheduleCommand(program)),
]) {
  try {
    await load();
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw err;
  }
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof CliError || err instanceof AppError) {
    // An AppError's details say which field and why ("password: är ett av de vanligaste lösenorden").
    // (Unless the message already is them: validation() without a message joins its details.)
    const details =
      err instanceof AppError
        ? err.details
            .filter((d) => !err.message.includes(d.message))
            .map((d) => `\n  ${d.path}: ${d.message}`)
            .join('')
        : '';
    process.stderr.write(`besok: ${err.message}${details}\n`);
    process.exitCode = err instanceof CliError ? err.exitCode : 2;
  } else {
    process.stderr.write(`besok: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
