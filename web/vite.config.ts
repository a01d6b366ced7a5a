import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Run from the repository root (`npm run build:web`, `npm run dev:web`); paths are relative to this file
// so the config works from any working directory.
const here = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: here,
  plugins: [react()],
  // The zod schemas in src/contracts are shared with the server: forms validate with the same rules;
  // so is the pure domain core (the organisation-number check the public form makes as you type).
  resolve: { alias: { '@contracts': `${here}../src/contracts`, '@core': `${here}../src/core` } },
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    // Route chunks are split with React.lazy; this keeps an eye on any one growing past it.
    chunkSizeWarningLimit: 400,
  },
  server: {
    // The API runs on its own (`npm run dev`); the dev server forwards /api to it, so cookies and
    // the CSRF token work as in production (same origin).
    proxy: { '/api': 'http://localhost:3000' },
  },
});
