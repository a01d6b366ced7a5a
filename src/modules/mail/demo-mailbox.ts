import { mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { z } from 'zod';
import { newId } from '../../lib/ids';
import type { DemoMessageDto } from '../../contracts/demo';

/** What the page shows, and where the message as received lies (an .eml any mail program opens). */
export type DemoMessage = z.infer<typeof DemoMessageDto> & { file: string };

/** How many messages the page lists; the files stay on disk. */
const KEEP = 500;

/**
 * The demo's post office: a real SMTP server on a free local port that receives everything the
 * demo sends, keeps each message as an .eml file and lists the latest for the demo mailbox page.
 * `besok serve --demo` starts it when no SMTP_URL is set, so a registration's confirmation, its
 * private link and the calendar invitations of a published day can be followed without a mail
 * server. Never used outside the demo: it accepts mail for anyone and delivers none.
 */
export class DemoMailbox {
  private readonly messages: DemoMessage[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly dir: string,
    readonly url: string,
  ) {}

  static async start(dir: string): Promise<DemoMailbox> {
    mkdirSync(dir, { recursive: true });
    let box: DemoMailbox | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 25 * 1024 * 1024,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const to = session.envelope.rcptTo.map((r) => r.address);
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          box!
            .receive(raw, from, to)
            .then(() => callback())
            .catch((err: Error) => callback(err));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const port = (server.server.address() as AddressInfo).port;
    box = new DemoMailbox(server, dir, `smtp://127.0.0.1:${port}?ignoreTLS=true`);
    return box;
  }

  private async receive(raw: Buffer, from: string, to: string[]): Promise<void> {
    const parsed = await simpleParser(raw);
    const id = newId();
    const receivedAt = new Date().toISOString();
    const file = path.join(this.dir, `${receivedAt.replace(/[:.]/g, '-')}-${id.slice(0, 8)}.eml`);
    await writeFile(file, raw);
    this.messages.unshift({
      id,
      receivedAt,
      from,
      to,
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      attachments: parsed.attachments.map((a) => ({
        filename: a.filename ?? (a.contentType === 'text/calendar' ? 'invite.ics' : 'bilaga'),
        contentType: a.contentType,
      })),
      file,
    });
    this.messages.length = Math.min(this.messages.length, KEEP);
  }

  /** Newest first. */
  list(): DemoMessage[] {
    return [...this.messages];
  }

  async raw(id: string): Promise<Buffer | null> {
    const m = this.messages.find((x) => x.id === id);
    return m ? readFile(m.file) : null;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
