import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/** How the test server answers a recipient: `null` takes it, a code refuses it (4xx for now, 5xx for good). */
export type Refusal = { code: number; message: string } | null;

export interface ReceivedMail {
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on a free local port that refuses the recipients `refuse` names, for tests of
 * what the outbox does with mail the server will not take (test/helpers/smtp.ts takes everything).
 * `refuse` can be changed while it runs (a server that is full for a while, then takes mail again).
 */
export async function startRefusingSmtp(refuse: (address: string) => Refusal): Promise<{
  url: string;
  messages: ReceivedMail[];
  /** Recipients offered (accepted or not), in order. */
  offered: string[];
  refuse: (address: string) => Refusal;
  setRefuse(fn: (address: string) => Refusal): void;
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
            messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, parsed });
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
    get refuse() {
      return state.refuse;
    },
    setRefuse(fn) {
      state.refuse = fn;
    },
    clear() {
      messages.length = 0;
      offered.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
