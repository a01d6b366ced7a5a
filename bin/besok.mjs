#!/usr/bin/env node
// The `besok` command. The server and CLI run their TypeScript through tsx (see
// docs/decisions/0001-run-typescript-with-tsx.md), so there is no separate build step for them.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { register } from 'tsx/esm/api';
// Settings from ./.env (see .env.example); a variable already set in the environment wins.
if (existsSync('.env')) {
  try {
    process.loadEnvFile('.env');
  } catch (err) {
    const where = path.resolve('.env');
    process.stderr.write(
      `besok: kan inte läsa inställningarna i ${where} (${err.code ?? err.message}); ` +
        'det ska vara en textfil som .env.example. / ' +
        `cannot read the settings in ${where}; it should be a text file like .env.example.\n`,
    );
    process.exit(2);
  }
}
register();
await import('../src/cli/index.ts');
