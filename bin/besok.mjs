#!/usr/bin/env node
// The `besok` command. The server and CLI run their TypeScript through tsx (see
// docs/decisions/0001-run-typescript-with-tsx.md), so there is no separate build step for them.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';
// Settings from ./.env (see .env.example); a variable already set in the environment wins.
if (existsSync('.env')) process.loadEnvFile('.env');
register();
await import('../src/cli/index.ts');
