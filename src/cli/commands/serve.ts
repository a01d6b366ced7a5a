import path from 'node:path';
import type { Command } from 'commander';
import { DemoMailbox } from '../../modules/mail/demo-mailbox';
import { CliError, DB_OPTION_HELP, openDb } from '../db-option';
import { ListenError, startServer } from '../../server/server';
import { NotTheDemoError, seedDemo } from '../../demo/seed';
import { finishInterruptedImport } from '../../modules/companies/company-import.repository';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Starta webbappen och API:t / Start the web app and API')
    .option('--db <db>', DB_OPTION_HELP)
    .option(
      '--port <port>',
      'porten att lyssna på (annars PORT eller 3000) / port to listen on (default: PORT or 3000)',
    )
    .option(
      '--demo',
      'läs in demokommunen om databasen är tom / load the demo municipality if the database is empty',
    )
    .action(async (opts: { db?: string; port?: string; demo?: boolean }) => {
      // (Links in e-mail follow the port unless PUBLIC_URL is set: see loadEnv.)
      if (opts.port !== undefined) {
        const port = Number(opts.port);
        if (!/^\d+$/.test(opts.port.trim()) || port > 65535)
          throw new CliError(
            `--port ${opts.port}: porten måste vara ett heltal 0–65535 (0: en ledig port). / the port must be a whole number 0–65535.`,
          );
        process.env.PORT = String(port);
      }
      const { db, env: configured } = await openDb(opts.db);
      let mailbox: DemoMailbox | undefined;
      try {
        let env = configured;
        const demo = opts.demo ? await seedDemo(db, new Date()) : null;
        // The demo sends its mail to a local SMTP server of its own unless one is configured.
        if (opts.demo && !env.SMTP_URL) {
          const base = db.dialect === 'sqlite' ? path.dirname(db.location) : path.resolve('data');
          mailbox = await DemoMailbox.start(path.join(base, 'demo-mail'));
          env = { ...env, SMTP_URL: mailbox.url };
        }
        const box = mailbox;
        await startServer(
          env,
          db,
          (address) => {
            const url = address.replace('127.0.0.1', 'localhost');
            const lines = [
              ``,
              `  Besök körs på / is running at ${url}`,
              `  Databas / Database: ${db.location} (${db.dialect})`,
            ];
            if (demo) {
              lines.push(
                ``,
                `  Demo: ${demo.municipality} — ${demo.companies} företag i registret, ${demo.staff} medarbetare.`,
                `        ${demo.companies} companies in the register, ${demo.staff} staff.`,
                `  Logga in med (lösenord för alla / password for all: ${demo.password}):`,
                ...demo.logins.map((l) => `    ${l.role.padEnd(6)} ${l.email.padEnd(34)} ${l.name}`),
              );
            }
            if (box) {
              lines.push(
                ``,
                `  E-post: demons egen SMTP-server tar emot alla meddelanden (inget lämnar datorn).`,
                `  Läs dem på ${url}/demobrevlada (som administratör) eller som .eml-filer i ${box.dir}`,
                `  E-mail: the demo's own SMTP server receives every message (nothing leaves this machine).`,
                `  Read them at ${url}/demobrevlada (as an admin) or as .eml files in ${box.dir}`,
              );
            }
            process.stdout.write(lines.join('\n') + '\n\n');
          },
          box ? { demoMailbox: box } : {},
        );
      } catch (err) {
        // Whatever stopped the start, nothing opened for it may keep the process alive.
        await mailbox?.close().catch(() => undefined);
        await db.destroy().catch(() => undefined);
        if (err instanceof NotTheDemoError || err instanceof ListenError) throw new CliError(err.message);
        throw err;
      }

      // A first load of the register that stopped half way (its indexes dropped) is finished in the
      // background once the app answers; an import running in another process is left alone.
      finishInterruptedImport(db).then(
        (finished) => {
          if (finished)
            process.stdout.write(
              '  En import av registret som hade stannat halvvägs slutfördes: sökindexen är återuppbyggda.\n' +
                '  A register import that had stopped half way was finished: search indexes rebuilt.\n',
            );
        },
        (err: unknown) =>
          process.stderr.write(
            `  Kunde inte slutföra en import av registret som hade stannat halvvägs / Could not finish a register import that had stopped half way: ${err instanceof Error ? err.message : String(err)}\n` +
              '  Nästa import av registret försöker igen. / The next import of the register tries again.\n',
          ),
      );
    });
}
