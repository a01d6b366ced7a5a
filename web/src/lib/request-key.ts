/**
 * A key for one send of a form that creates something: the server returns what the first send
 * made when the same key comes again (a double tap on a phone, a retry over a bad connection).
 * From getRandomValues, which browsers offer also where randomUUID is not (plain http).
 */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
