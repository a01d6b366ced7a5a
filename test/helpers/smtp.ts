import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  to: string[];
  from: string;
  raw: string;
  parsed: ParsedMail;
}

/** How the server answers a recipient: `null` takes it, a code refuses it (4xx for now, 5xx for good). */
export type Refusal = { code: number; message: string } | null;

/**
 * A real SMTP server on a free local port, for tests of anything that sends mail. Messages are
 * received over the wire and parsed with mailparser; nothing is mocked. `refuse` (default: take
 * everyone) refuses the recipients it names, for tests of mail the server will not take; it can be
 * changed while the server runs (full for a while, then taking mail again).
 */
export async function startSmtp(refuse: (address: string) => Refusal = () => null): Promise<{
  url: string;
  messages: ReceivedMail[];
  /** Recipients offered (taken or not), in order. */
  offered: string[];
  setRefuse(fn: (address: string) => Refusal): void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  clear(): void;
  close(): Promise<void>;
}> {
  const state = { refuse };
  const messages: ReceivedMail[] = [];
  const offered: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      offered.push(address.address);
      const r = state.refuse(address.address);
      if (!r) return callback();
      const err = new Error(r.message) as Error & { responseCode: number };
      err.responseCode = r.code;
      return callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              raw,
              parsed,
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    messages,
    offered,
    setRefuse(fn) {
      state.refuse = fn;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const start = Date.now();
      while (messages.length < count) {
        if (Date.now() - start > timeoutMs) {
          throw new Error(`expected ${count} e-mails, got ${messages.length} within ${timeoutMs} ms`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      return messages;
    },
    clear() {
      messages.length = 0;
      offered.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
