import { randomBytes, randomUUID, createHash } from 'node:crypto';

/** App-generated ids: UUID text on both dialects. */
export const newId = (): string => randomUUID();

/** An unguessable token for links sent by e-mail and session cookies (256 bits, URL-safe). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored only as their SHA-256, so a database leak does not hand out live links. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
