import type { Generated } from 'kysely';

export interface OutboundEmailTable {
  id: string;
  to_address: string;
  /** Reply-To header (0007); null: replies go to the sender. */
  reply_to: string | null;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON text: [{ filename, contentType, content (base64) , method? }] */
  attachments: string;
  related_type: string | null;
  related_id: string | null;
  /**
   * The sprint registration the message is about (0015), whose contact details it may hold: the
   * retention sweep clears it with the registration. Null for other messages.
   */
  registration_id: Generated<string | null>;
  /**
   * queued, sending (claimed by a send in progress), sent, retry (refused for now: tried again at
   * next_attempt_at), failed (refused for good, or MAX_SEND_ATTEMPTS tries; never tried again).
   */
  status: string;
  /** When a send claimed it (0010); a 'sending' claim older than CLAIM_TIMEOUT_MS is taken over. */
  claimed_at: string | null;
  /** How many sends have claimed it (0013). */
  attempts: Generated<number>;
  /** When a 'retry' message is due again (0013); null for the others. */
  next_attempt_at: Generated<string | null>;
  message_id: string | null;
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface MailTables {
  outbound_email: OutboundEmailTable;
}
