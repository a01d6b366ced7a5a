// Entry of the import's parsing thread. A worker thread does not inherit the tsx loader that
// bin/besok.mjs registers, so it registers its own before loading the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./company-import.worker.ts');
