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
 * E-mail goes through an outbox: `enqueue` writes the message in the caller's transaction, so a
 * message exists exactly when the change it reports was committed; `flush` sends what is queued
 * over SMTP. The server flushes on a timer and right after requests that queue mail (`kick`).
 */
export class Mailer {
  private transport: Transporter | null;
  private flushing: Promise<number> | null = null;

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

  /** Sends every queued message; returns how many were sent. Concurrent calls share one run. */
  async flush(): Promise<number> {
    if (this.flushing) {
      await this.flushing;
    }
    this.flushing = this.sendQueued();
    try {
      return await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  private async sendQueued(): Promise<number> {
    if (!this.transport) return 0;
    const kysely = this.db.kysely;
    const queued = await kysely
      .selectFrom('outbound_email')
      .selectAll()
      .where('status', 'in', ['queued', 'retry'])
      .orderBy('created_at')
      .limit(500)
      .execute();
    let sent = 0;
    for (const m of queued) {
      const stored = JSON.parse(m.attachments) as StoredAttachments;
      try {
        const info = (await this.transport.sendMail({
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
      } catch (err) {
        await kysely
          .updateTable('outbound_email')
          .set({ status: 'retry', error: err instanceof Error ? err.message : String(err) })
          .where('id', '=', m.id)
          .execute();
      }
    }
    return sent;
  }

  close(): void {
    this.transport?.close();
  }
}
