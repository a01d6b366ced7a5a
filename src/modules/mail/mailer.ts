import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/connect';
import type { Executor } from '../../db/database';
import type { Env } from '../../config/env';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import { findMunicipality } from '../municipality/municipality.repository';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** UTF-8 text content. */
  content: string;
}

export interface OutgoingMail {
  to: string;
  /**
   * Where replies go. Left out on a message to a company (`related.type` is `company` or
   * `sprint_registration`), it is the municipality's `replyTo` setting when that is set, so a
   * company answering lands in the unit's shared mailbox rather than the app's address; `null`
   * turns that off. Other messages (to staff) have none unless given.
   */
  replyTo?: string | null;
  subject: string;
  text: string;
  html?: string;
  /** An iCalendar invitation sent as an iMIP part (text/calendar; method=…), as Outlook expects. */
  icalEvent?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string; filename?: string };
  attachments?: MailAttachment[];
  /** What the message is about (e.g. `company`, id), so it shows in that record's history. */
  related?: { type: string; id: string };
}

/** Kinds of `related` whose message goes to a company (its contact person), who may reply. */
const COMPANY_FACING = new Set(['company', 'sprint_registration']);

/** The business unit's shared mailbox (municipality setting `replyTo`), or null when not set. */
export async function unitReplyTo(db: Executor): Promise<string | null> {
  const m = await findMunicipality(db);
  return m?.settings.replyTo.trim() || null;
}

interface StoredAttachments {
  icalEvent?: OutgoingMail['icalEvent'];
  attachments?: MailAttachment[];
}

/**
 * A claim older than this was left by a send that stopped (the process ended mid-send) and is
 * taken over; a send that is still alive takes far less (SMTP's own timeouts are 2–10 minutes).
 */
export const CLAIM_TIMEOUT_MS = 15 * 60 * 1000;

/**
 * E-mail goes through an outbox: `enqueue` writes the message in the caller's transaction, so a
 * message exists exactly when the change it reports was committed; `flush` sends what is queued
 * over SMTP. The server flushes on a timer and right after requests that queue mail (`kick`).
 */
export class Mailer {
  private transport: Transporter | null;
  /** The send in progress, and whether a call came during it (it then goes round once more). */
  private running: Promise<number> | null = null;
  private again = false;

  constructor(
    private readonly db: Db,
    private readonly env: Env,
    private readonly clock: Clock,
  ) {
    this.transport = env.SMTP_URL ? nodemailer.createTransport(env.SMTP_URL) : null;
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  async enqueue(db: Executor, mail: OutgoingMail): Promise<string> {
    const id = newId();
    const replyTo =
      mail.replyTo !== undefined
        ? mail.replyTo?.trim() || null
        : COMPANY_FACING.has(mail.related?.type ?? '')
          ? await unitReplyTo(db)
          : null;
    const stored: StoredAttachments = {};
    if (mail.icalEvent) stored.icalEvent = mail.icalEvent;
    if (mail.attachments?.length) stored.attachments = mail.attachments;
    await db
      .insertInto('outbound_email')
      .values({
        id,
        to_address: mail.to,
        reply_to: replyTo,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html ?? null,
        attachments: JSON.stringify(stored),
        related_type: mail.related?.type ?? null,
        related_id: mail.related?.id ?? null,
        status: 'queued',
        claimed_at: null,
        message_id: null,
        error: null,
        created_at: this.clock.now().toISOString(),
        sent_at: null,
      })
      .execute();
    return id;
  }

  /** Starts a flush in the background; errors are kept on the message rows, never thrown. */
  kick(): void {
    void this.flush().catch(() => undefined);
  }

  /**
   * Sends every message queued before the call; resolves when that is done, with how many messages
   * the send it joined sent. One send runs at a time: a call during one makes it go round once
   * more when it is done (for the messages queued since), rather than start a second beside it.
   */
  flush(): Promise<number> {
    this.again = true;
    if (!this.running) {
      this.running = (async () => {
        let sent = 0;
        try {
          while (this.again) {
            this.again = false;
            sent += await this.sendQueued();
          }
          return sent;
        } finally {
          this.running = null;
        }
      })();
    }
    return this.running;
  }

  private async sendQueued(): Promise<number> {
    if (!this.transport) return 0;
    const kysely = this.db.kysely;
    const stale = new Date(this.clock.now().getTime() - CLAIM_TIMEOUT_MS).toISOString();
    const queued = await kysely
      .selectFrom('outbound_email')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('status', 'in', ['queued', 'retry']),
          eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', stale)]),
        ]),
      )
      .orderBy('created_at')
      .orderBy('id')
      .limit(500)
      .execute();
    let sent = 0;
    for (const m of queued) {
      // Claimed first, in one statement that only succeeds if nobody else has it (another
      // process's send, or one of this process from before a restart that is still going).
      const claim = await kysely
        .updateTable('outbound_email')
        .set({ status: 'sending', claimed_at: this.clock.now().toISOString() })
        .where('id', '=', m.id)
        .where('status', '=', m.status)
        .where('claimed_at', m.claimed_at === null ? 'is' : '=', m.claimed_at)
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) continue;
      const stored = JSON.parse(m.attachments) as StoredAttachments;
      let info: { messageId?: string };
      try {
        info = (await this.transport.sendMail({
          from: this.env.MAIL_FROM,
          to: m.to_address,
          ...(m.reply_to ? { replyTo: m.reply_to } : {}),
          subject: m.subject,
          text: m.text_body,
          ...(m.html_body ? { html: m.html_body } : {}),
          ...(stored.icalEvent
            ? {
                icalEvent: {
                  method: stored.icalEvent.method,
                  content: stored.icalEvent.content,
                  filename: stored.icalEvent.filename ?? 'invite.ics',
                },
              }
            : {}),
          ...(stored.attachments ? { attachments: stored.attachments.map((a) => ({ ...a })) } : {}),
        })) as { messageId?: string };
      } catch (err) {
        // Not sent: tried again on the next send.
        await kysely
          .updateTable('outbound_email')
          .set({ status: 'retry', error: err instanceof Error ? err.message : String(err) })
          .where('id', '=', m.id)
          .execute();
        continue;
      }
      // Sent. Should this update fail, the message stays claimed ('sending') rather than going
      // back to 'retry': a message sent is never sent again, though one stopped mid-send is
      // taken over after CLAIM_TIMEOUT_MS.
      await kysely
        .updateTable('outbound_email')
        .set({
          status: 'sent',
          message_id: info.messageId ?? null,
          sent_at: this.clock.now().toISOString(),
          error: null,
        })
        .where('id', '=', m.id)
        .execute();
      sent++;
    }
    return sent;
  }

  /**
   * Waits for the send in progress, if any, up to `timeoutMs` (a server that stops lets the
   * message it is sending be marked sent, rather than left claimed until the claim times out).
   */
  async idle(timeoutMs = 10_000): Promise<void> {
    const running = this.running;
    if (!running) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      running.catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }

  close(): void {
    this.transport?.close();
  }
}
