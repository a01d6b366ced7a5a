#!/usr/bin/env node
// The `besok` command. The server and CLI run their TypeScript through tsx (see
// docs/decisions/0001-run-typescript-with-tsx.md), so there is no separate build step for them.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/index.ts');
