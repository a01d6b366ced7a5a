import { ORG_NR_SEPARATOR_CLASS } from '../core/orgnr';

/** Digits among what may stand between an org or personal number's digits (`parseOrgNr`'s set). */
const NUMBER_SHAPE = new RegExp(`^[\\d${ORG_NR_SEPARATOR_CLASS}]+$`);

/**
 * A request's URL as the log may keep it. Private links carry their secret in the path
 * (/anmalan/TOKEN, /api/public/registrations/TOKEN, /api/relay/invitations/TOKEN …), a public
 * sprint's company lookup an organisation number (for a sole trader, a personal identity number),
 * and searches their text in the query (an e-mail address, a name). So: a path segment that is
 * a long token or an org/personal number is replaced, and every query value; ids (UUIDs), slugs
 * and the query's keys stay, so that a log line still says which page was asked for.
 */
export function logUrl(url: string): string {
  const q = url.indexOf('?');
  const pathPart = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  const safePath = pathPart
    .split('/')
    .map((seg) => (isSecretSegment(seg) ? '[redacted]' : seg))
    .join('/');
  if (!query) return safePath;
  const keys = query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      // A part with no "=" may be the search itself (?kim@example.se): all of it goes.
      return eq < 0 ? '[redacted]' : `${pair.slice(0, eq)}=[redacted]`;
    });
  return `${safePath}?${keys.join('&')}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isSecretSegment(raw: string): boolean {
  if (UUID.test(raw)) return false;
  let seg: string;
  try {
    seg = decodeURIComponent(raw);
  } catch {
    seg = raw;
  }
  // An org or personal number however it is written (556677-8899, 5566778899, 19850101-0154,
  // "556677 8899", an en dash, a plus sign): ten to twelve digits among spaces and dashes.
  if (NUMBER_SHAPE.test(seg) && /^(?:\d{10}|\d{12})$/.test(seg.replace(/\D/g, ''))) return true;
  // A token: long, of the base64url alphabet, with digits or capitals (slugs are lower-case words).
  return (
    seg.length >= 20 && /^[A-Za-z0-9_-]+$/.test(seg) && /[A-Z0-9_]/.test(seg) && !/^[a-z0-9-]+$/.test(seg)
  );
}
