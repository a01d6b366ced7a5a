import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { read } from 'read';
import { CliError, DB_OPTION_HELP, openDb } from '../db-option';
import {
  CreateStaffBody,
  ROLE_VALUES,
  STAFF_GROUP_VALUES,
  PARTY_VALUES,
  UpdateStaffBody,
} from '../../contracts/staff';
import { findMunicipality, insertMunicipality } from '../../modules/municipality/municipality.repository';
import { UpdateMunicipalityBody } from '../../contracts/municipality';
import { createStaff, updateStaffMember } from '../../modules/staff/staff.service';
import { findStaffByEmail, listStaff } from '../../modules/staff/staff.repository';

function parseOrFail<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } };
  },
  value: unknown,
  /** Put before each field's name: '--' where the fields are the command's options. */
  prefix = '',
): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new CliError(
      r.error.issues
        .map((i) => `${prefix}${i.path.map(String).join('.') || 'value'}: ${i.message}`)
        .join('\n'),
    );
  }
  return r.data;
}

const PASSWORD_STDIN_HELP =
  'läs lösenordet från standard in (frågar dolt två gånger på en terminal), så att det inte syns i ' +
  'kommandoraden / read the password from standard input (asked twice, hidden, on a terminal)';

/**
 * The password `--password-stdin` gives: on a terminal asked for twice without echo; else the first
 * line of standard input (a pipe, a file, a secret manager), its line end taken away.
 */
export async function passwordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    // The line end typed is not echoed either: it is written after each answer.
    const ask = async (prompt: string) => {
      const answer = await read({ prompt, silent: true, replace: '', output: process.stderr });
      process.stderr.write('\n');
      return answer;
    };
    let first: string;
    try {
      first = await ask('Lösenord / Password: ');
      const again = await ask('Samma igen / Again: ');
      if (first !== again) throw new CliError('Lösenorden var olika. / The passwords did not match.');
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new CliError('Avbrutet; inget ändrades. / Cancelled; nothing changed.', 130);
    }
    return first;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (line === '')
    throw new CliError(
      'Standard in gav inget lösenord (--password-stdin läser första raden). / No password on standard input.',
    );
  return line;
}

/** The password a command sets: --password, --password-stdin, or else a generated one (`generated`). */
async function chosenPassword(opts: {
  password?: string;
  passwordStdin?: boolean;
}): Promise<{ password: string; generated: boolean }> {
  if (opts.password !== undefined && opts.passwordStdin)
    throw new CliError(
      'Ange --password eller --password-stdin, inte båda. / Give --password or --password-stdin, not both.',
    );
  if (opts.passwordStdin) return { password: await passwordFromStdin(), generated: false };
  if (opts.password !== undefined) return { password: opts.password, generated: false };
  return { password: randomBytes(12).toString('base64url'), generated: true };
}

export function registerUsersCommand(program: Command): void {
  program
    .command('init')
    .description(
      'Skapa kommunens uppgifter i en ny installation / Create the municipality record of a new installation',
    )
    .requiredOption('--name <name>', 'kommunen, t.ex. "Leksands kommun" / the municipality')
    .requiredOption(
      '--kommunkod <code>',
      'kommunkoden, fyra siffror, t.ex. 2029 / four-digit municipality code',
    )
    .option('--db <db>', DB_OPTION_HELP)
    .action(async (opts: { name: string; kommunkod: string; db?: string }) => {
      // The web app's own rules for the municipality's name and code.
      const input = parseOrFail(
        UpdateMunicipalityBody.pick({ name: true, kommunkod: true }).required(),
        { name: opts.name, kommunkod: opts.kommunkod },
        '--',
      );
      const { db } = await openDb(opts.db);
      try {
        // The municipality and its topics together: an interrupted run leaves neither.
        const m = await db.kysely.transaction().execute(async (trx) => {
          const existing = await findMunicipality(trx);
          if (existing)
            throw new CliError(
              `Installationen används redan av ${existing.name} (${existing.kommunkod}). / ` +
                `This installation already serves ${existing.name} (${existing.kommunkod}).`,
            );
          return insertMunicipality(trx, { name: input.name, kommunkod: input.kommunkod }, new Date());
        });
        process.stdout.write(
          `Skapade ${m.name} (${m.kommunkod}) med standardlistan över ämnen. / ` +
            `Created ${m.name} (${m.kommunkod}) with the default topic list.\n`,
        );
      } finally {
        await db.destroy();
      }
    });

  const users = program.command('users').description('Konton för medarbetare / Staff accounts');

  users
    .command('add')
    .argument('<email>')
    .description(
      'Lägg till ett konto; skriver ut ett skapat lösenord om inte --password anges / Add a staff account; prints a generated password unless --password is given',
    )
    .requiredOption('--role <role>', ROLE_VALUES.join('|'))
    .option(
      '--name <name>',
      'fullständigt namn (annars från e-postadressen) / full name (default: from the e-mail address)',
    )
    .option('--title <title>', 'titel, t.ex. "Näringslivschef" / title', '')
    .option('--group <group>', STAFF_GROUP_VALUES.join('|'), 'business')
    .option('--party <party>', `${PARTY_VALUES.join('|')} (bara politiker / politicians only)`)
    .option(
      '--password <password>',
      'minst 10 tecken; syns i kommandohistoriken, så hellre --password-stdin / at least 10 characters',
    )
    .option('--password-stdin', PASSWORD_STDIN_HELP)
    .option('--db <db>', DB_OPTION_HELP)
    .action(async (email: string, opts: Record<string, string | undefined> & { passwordStdin?: boolean }) => {
      const { password, generated } = await chosenPassword(opts);
      const input = parseOrFail(CreateStaffBody, {
        email,
        name: opts.name ?? email.split('@')[0],
        title: opts.title,
        role: opts.role,
        group: opts.group,
        party: opts.party ?? null,
        password,
      });
      const { db } = await openDb(opts.db, { mustExist: true });
      try {
        const m = await findMunicipality(db.kysely);
        if (!m)
          throw new CliError(
            'Ingen kommun är upplagd än: kör först `besok init --name "…" --kommunkod NNNN`. / ' +
              'No municipality yet: run `besok init` first.',
          );
        const created = await db.kysely
          .transaction()
          .execute((trx) => createStaff(trx, m.id, input, new Date()));
        process.stdout.write(`Lade till / Added ${created.email} (${created.role}).\n`);
        if (generated) process.stdout.write(`Lösenord / Password: ${password}\n`);
      } finally {
        await db.destroy();
      }
    });

  users
    .command('list')
    .description('Lista kontona / List staff accounts')
    .option('--db <db>', DB_OPTION_HELP)
    .action(async (opts: { db?: string }) => {
      const { db } = await openDb(opts.db, { mustExist: true });
      try {
        const m = await findMunicipality(db.kysely);
        // A database with no municipality (one made by another command, say).
        if (!m)
          throw new CliError(
            `Ingen kommun är upplagd i ${db.location}; fel databas, eller kör besok init. / No municipality in this database.`,
          );
        for (const u of await listStaff(db.kysely, m.id)) {
          process.stdout.write(
            `${u.email.padEnd(36)} ${u.role.padEnd(7)} ${u.group.padEnd(11)} ${u.active ? '' : '(inaktiv / inactive) '}${u.name}\n`,
          );
        }
      } finally {
        await db.destroy();
      }
    });

  users
    .command('passwd')
    .argument('<email>')
    .description(
      'Sätt ett nytt lösenord; skriver ut ett skapat om inte --password anges / Set a new password; prints a generated one unless --password is given',
    )
    .option(
      '--password <password>',
      'minst 10 tecken; syns i kommandohistoriken, så hellre --password-stdin / at least 10 characters',
    )
    .option('--password-stdin', PASSWORD_STDIN_HELP)
    .option('--db <db>', DB_OPTION_HELP)
    .action(async (email: string, opts: { password?: string; passwordStdin?: boolean; db?: string }) => {
      const { password, generated } = await chosenPassword(opts);
      const input = parseOrFail(UpdateStaffBody, { password });
      const { db } = await openDb(opts.db, { mustExist: true });
      try {
        const u = await findStaffByEmail(db.kysely, email);
        if (!u)
          throw new CliError(
            `Det finns inget konto med e-postadressen ${email}. / No account with the e-mail address ${email}.`,
          );
        await db.kysely
          .transaction()
          .execute((trx) => updateStaffMember(trx, u.municipality_id, u.id, input, new Date()));
        process.stdout.write(`Lösenordet är ändrat / Password changed: ${u.email}\n`);
        if (generated) process.stdout.write(`Lösenord / Password: ${password}\n`);
        if (!u.active)
          process.stdout.write(
            `Kontot är inaktivt och kan inte logga in förrän det aktiveras: besok users set ${u.email} --activate\n` +
              `The account is inactive and cannot log in until activated: besok users set ${u.email} --activate\n`,
          );
      } finally {
        await db.destroy();
      }
    });

  users
    .command('set')
    .argument('<email>')
    .description(
      'Ändra ett konto: roll, namn, titel, grupp, parti, aktivt eller inte / Change an account: role, name, title, group, party, active or not',
    )
    .option('--role <role>', ROLE_VALUES.join('|'))
    .option('--name <name>', 'fullständigt namn / full name')
    .option('--title <title>', 'titel / title')
    .option('--group <group>', STAFF_GROUP_VALUES.join('|'))
    .option('--party <party>', `${PARTY_VALUES.join('|')} (bara politiker / politicians only)`)
    .option(
      '--deactivate',
      'inaktivera: kan inte logga in, loggas ut överallt / deactivate: cannot log in, logged out everywhere',
    )
    .option('--activate', 'aktivera igen / activate again')
    .option('--db <db>', DB_OPTION_HELP)
    .action(
      async (
        email: string,
        opts: {
          role?: string;
          name?: string;
          title?: string;
          group?: string;
          party?: string;
          deactivate?: boolean;
          activate?: boolean;
          db?: string;
        },
      ) => {
        if (opts.activate && opts.deactivate)
          throw new CliError(
            'Ange --activate eller --deactivate, inte båda. / Give --activate or --deactivate, not both.',
          );
        const raw: Record<string, unknown> = {
          role: opts.role,
          name: opts.name,
          title: opts.title,
          group: opts.group,
          party: opts.party,
          active: opts.activate ? true : opts.deactivate ? false : undefined,
        };
        for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
        if (!Object.keys(raw).length)
          throw new CliError(
            'Inget att ändra: ange --role, --name, --title, --group, --party, --activate eller --deactivate. / Nothing to change.',
          );
        const input = parseOrFail(UpdateStaffBody, raw, '--');
        const { db } = await openDb(opts.db, { mustExist: true });
        try {
          const u = await findStaffByEmail(db.kysely, email);
          if (!u)
            throw new CliError(
              `Det finns inget konto med e-postadressen ${email}. / No account with the e-mail address ${email}.`,
            );
          const m = await db.kysely
            .transaction()
            .execute((trx) => updateStaffMember(trx, u.municipality_id, u.id, input, new Date()));
          process.stdout.write(
            `Ändrade / Updated ${m.email}: ${m.role}, ${m.group}${m.party ? ` (${m.party})` : ''}, ${m.active ? 'aktiv / active' : 'inaktiv / inactive'} — ${m.name}\n`,
          );
        } finally {
          await db.destroy();
        }
      },
    );
}
