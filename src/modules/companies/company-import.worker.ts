import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { LayoutError } from '../../core/register/columns';
import { parseRegister } from './company-import.parse';

/**
 * The parsing thread of a file import (see company-import.parse.ts): reads the file, posts its
 * batches to the importing thread and stays at most `inFlight` batches ahead of it, so memory
 * stays bounded however fast the parsing goes.
 */
export interface WorkerInput {
  path: string;
  map?: string;
  batchSize: number;
  inFlight: number;
}

export type WorkerMessage =
  | { type: 'batch'; batch: import('./company-import.parse').ParsedBatch }
  | { type: 'done' }
  | { type: 'error'; layout: boolean; unknownColumns: boolean; message: string; code?: string };

const port = parentPort!;
const input = workerData as WorkerInput;
let credits = input.inFlight;
let wake: (() => void) | null = null;
port.on('message', (m: unknown) => {
  if (m === 'ack') {
    credits++;
    wake?.();
    wake = null;
  }
});

try {
  const source = createReadStream(input.path, { highWaterMark: 256 * 1024 });
  for await (const batch of parseRegister(source, {
    ...(input.map ? { map: input.map } : {}),
    batchSize: input.batchSize,
    prepare: true,
  })) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    port.postMessage({ type: 'batch', batch } satisfies WorkerMessage);
  }
  port.postMessage({ type: 'done' } satisfies WorkerMessage);
} catch (err) {
  const e = err as Error & { code?: string };
  port.postMessage({
    type: 'error',
    layout: err instanceof LayoutError,
    unknownColumns: err instanceof LayoutError && err.unknownColumns,
    message: e.message,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
  } satisfies WorkerMessage);
}
port.close();
