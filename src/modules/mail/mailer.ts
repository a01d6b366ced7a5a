import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/connect';
import type { Executor } from '../../db/database';
import type { Env } from '../../config/env';
import type { Clock } from '../../lib/clock';
import { newId } from '../../lib/ids';
import type { Selectable } from 'kysely';
import { findMunicipality } from '../municipality/municipality.repository';
import type { OutboundEmailTable } from './email.table';

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
  /**
   * The sprint registration the message is about, when it holds its contact person's details or
   * what the company wrote: cleared with the registration when its retention period ends.
   */
  registrationId?: string;
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

/** Sends that may claim a message before it is given up as failed. */
export const MAX_SEND_ATTEMPTS = 8;
/** The wait before the first retry, doubled after each further refusal, up to RETRY_MAX_MS. */
export const RETRY_BASE_MS = 5 * 60 * 1000;
const RETRY_MAX_MS = 6 * 3600 * 1000;
/** How many messages one round of a send takes on. */
const BATCH = 500;

/**
 * When a message refused for now is tried again, after its `attempts`-th try: 5, 10, 20, 40, 80,
 * 160, 320 minutes (about ten and a half hours in all before the eighth try gives up).
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
}

/**
 * Whether this message is refused for good: a 5xx reply to its recipient or its content (RCPT TO,
 * DATA), or nodemailer's own refusal before sending (a message too large, no valid recipient). A 5xx to the log-in or the sender (MAIL FROM) is
 * about the installation, not the message, and a 4xx or a connection that failed are for now: those
 * are tried again.
 */
export function isPermanentRefusal(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { responseCode?: unknown; command?: unknown; code?: unknown };
  // Refused before anything was sent: too large, or no valid recipient (an address cleared).
  if ((e.code === 'EMESSAGE' || e.code === 'EENVELOPE') && e.responseCode === undefined) return true;
  return (
    typeof e.responseCode === 'number' &&
    e.responseCode >= 500 &&
    e.responseCode < 600 &&
    (e.command === 'RCPT TO' || e.command === 'DATA')
  );
}

/**
 * The host part of the Message-IDs the outbox sets: PUBLIC_URL's host name when it is a real
 * name, else the domain of MAIL_FROM's address.
 */
export function messageIdHost(env: Pick<Env, 'PUBLIC_URL' | 'MAIL_FROM'>): string {
  let host = '';
  try {
    host = new URL(env.PUBLIC_URL).hostname;
  } catch {
    host = '';
  }
  if (host.includes('.') && !/^[\d.]+$/.test(host) && !host.startsWith('[')) return host;
  const from = /@([^\s>]+)>?\s*$/.exec(env.MAIL_FROM)?.[1];
  return from || host || 'besok.localhost';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn`, and again after a short pause should it throw, up to `delays.length` more times. */
async function retrying<T>(fn: () => Promise<T>, delays = [50, 250, 1000]): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= delays.length) throw err;
      await pause(delays[i]!);
    }
  }
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1000);

/**
 * E-mail goes through an outbox: `enqueue` writes the message in the caller's transaction, so a
 * message exists exactly when the change it reports was committed; `flush` sends what is queued
 * over SMTP. The server flushes on a timer and right after requests that queue mail (`kick`).
 *
 * Delivery is at least once, not exactly once: a message is claimed before it is sent, so two
 * sends never send it at the same time, but should marking it sent fail after the SMTP server took
 * it (tried a few times), or the process stop between the two, it stays claimed and is sent again
 * once the claim times out (CLAIM_TIMEOUT_MS). It carries the same Message-ID
 * (`<outbox id@host>`) each time, so a repeat can be recognised (and is by many mail systems).
 *
 * A message the server refuses for now (a 4xx, no connection) is tried again later, backing off
 * (`retryDelayMs`), up to MAX_SEND_ATTEMPTS tries; one refused for good (a 5xx to its recipient
 * or content) is `failed` at once. A send takes the messages that are due — queued, or waiting to
 * be retried and past their time — so messages backing off never hold up newer mail.
 */
export class Mailer {
  private transport: Transporter | null;
  /** The send in progress, and whether a call came during it (it then goes round once more). */
  private running: Promise<number> | null = null;
  private again = false;
  private readonly idHost: string;

  constructor(
    private readonly db: Db,
    private readonly env: Env,
    private readonly clock: Clock,
  ) {
    this.transport = env.SMTP_URL ? nodemailer.createTransport(env.SMTP_URL) : null;
    this.idHost = messageIdHost(env);
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  /** The Message-ID a message from the outbox is sent with, the same on every try. */
  messageId(outboxId: string): string {
    return `<${outboxId}@${this.idHost}>`;
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
        registration_id: mail.registrationId ?? null,
        status: 'queued',
        claimed_at: null,
        attempts: 0,
        next_attempt_at: null,
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
    const nowIso = this.clock.now().toISOString();
    const stale = new Date(this.clock.now().getTime() - CLAIM_TIMEOUT_MS).toISOString();
    const due = await kysely
      .selectFrom('outbound_email')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('status', '=', 'queued'),
          eb.and([eb('status', '=', 'retry'), eb('next_attempt_at', '<=', nowIso)]),
          eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', stale)]),
        ]),
      )
      .orderBy('created_at')
      .orderBy('id')
      .limit(BATCH)
      .execute();
    let sent = 0;
    for (const m of due) {
      // One message's trouble (the database away for a moment) never stops the others.
      try {
        if (await this.sendOne(m)) sent++;
      } catch (err) {
        process.emitWarning(`Outbox message ${m.id}: ${errorText(err)}`, 'MailWarning');
      }
    }
    return sent;
  }

  /** Claims, sends and records one message; true when this call sent it. */
  private async sendOne(m: Selectable<OutboundEmailTable>): Promise<boolean> {
    const kysely = this.db.kysely;
    const transport = this.transport!;
    const claimedAt = this.clock.now().toISOString();
    const attempts = m.attempts + 1;
    const messageId = this.messageId(m.id);
    // Claimed first, in one statement that only succeeds if nobody else has it (another
    // process's send, or one of this process from before a restart that is still going).
    const claim = await kysely
      .updateTable('outbound_email')
      .set({ status: 'sending', claimed_at: claimedAt, attempts, message_id: messageId })
      .where('id', '=', m.id)
      .where('status', '=', m.status)
      .where('claimed_at', m.claimed_at === null ? 'is' : '=', m.claimed_at)
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) return false;
    // Only what this claim still holds is recorded (a claim taken over meanwhile is the other's).
    const ours = () =>
      kysely
        .updateTable('outbound_email')
        .where('id', '=', m.id)
        .where('status', '=', 'sending')
        .where('claimed_at', '=', claimedAt);
    const stored = JSON.parse(m.attachments) as StoredAttachments;
    try {
      await transport.sendMail({
        from: this.env.MAIL_FROM,
        to: m.to_address,
        messageId,
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
      });
    } catch (err) {
      // Not sent: failed for good, or tried again once its back-off has passed.
      const failed = isPermanentRefusal(err) || attempts >= MAX_SEND_ATTEMPTS;
      const next = new Date(this.clock.now().getTime() + retryDelayMs(attempts)).toISOString();
      await retrying(() =>
        ours()
          .set({
            status: failed ? 'failed' : 'retry',
            error: errorText(err),
            next_attempt_at: failed ? null : next,
          })
          .execute(),
      );
      return false;
    }
    // Sent. Should marking it fail even after a few tries, it stays claimed ('sending') and is
    // sent again, with the same Message-ID, once the claim times out (at least once).
    await retrying(() =>
      ours()
        .set({
          status: 'sent',
          sent_at: this.clock.now().toISOString(),
          error: null,
          next_attempt_at: null,
        })
        .execute(),
    );
    return true;
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
