import ical, { ICalCalendarMethod, ICalEventStatus, ICalAttendeeRole } from 'ical-generator';
import { DateTime } from 'luxon';

/**
 * iCalendar invitations (RFC 5545, sent as iMIP per RFC 6047) for Outlook, Google and the rest.
 *
 * Times are passed as zoned luxon DateTimes: ical-generator given a plain Date and a time zone
 * writes the process's wall clock (UTC on the servers), two hours off in a Swedish summer
 * (../shared/STACK.md). The VTIMEZONE is written out here so a client that does not know the
 * zone still reads the right wall time; its rules are the EU's (last Sunday of March and October).
 */
export const STOCKHOLM_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Stockholm',
  'X-LIC-LOCATION:Europe/Stockholm',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export const ICAL_ZONE = 'Europe/Stockholm';

export interface Person {
  name: string;
  email: string;
}

export interface Invitation {
  method: 'REQUEST' | 'CANCEL';
  /** Stable per meeting: the same UID for every update and the cancellation. */
  uid: string;
  /** Rises with each change the recipients are told about. */
  sequence: number;
  /** Local wall-clock date-times in Europe/Stockholm, e.g. "2026-03-29T08:30". */
  start: string;
  end: string;
  summary: string;
  description: string;
  location?: string;
  url?: string;
  organizer: Person;
  attendees: Person[];
  /** When the message was made (DTSTAMP), from the app's clock. */
  stamp: Date;
}

export function buildInvitation(inv: Invitation): string {
  const cal = ical({
    prodId: { company: 'Besok', product: 'Besok', language: 'SV' },
    method: inv.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
    timezone: {
      name: ICAL_ZONE,
      generator: (tz) => {
        if (tz !== ICAL_ZONE) throw new Error(`no VTIMEZONE for ${tz}`);
        return STOCKHOLM_VTIMEZONE;
      },
    },
  });
  const zoned = (s: string) => {
    const dt = DateTime.fromISO(s, { zone: ICAL_ZONE });
    if (!dt.isValid) throw new Error(`invalid local date-time ${s}`);
    return dt;
  };
  cal.createEvent({
    id: inv.uid,
    sequence: inv.sequence,
    stamp: DateTime.fromJSDate(inv.stamp, { zone: 'utc' }),
    start: zoned(inv.start),
    end: zoned(inv.end),
    timezone: ICAL_ZONE,
    summary: inv.summary,
    description: inv.description,
    ...(inv.location ? { location: inv.location } : {}),
    ...(inv.url ? { url: uriValue(inv.url) } : {}),
    status: inv.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: paramText(inv.organizer.name), email: inv.organizer.email },
    attendees: inv.attendees.map((a) => ({
      name: paramText(a.name),
      email: a.email,
      rsvp: true,
      role: ICalAttendeeRole.REQ,
    })),
  });
  // ical-generator writes DTSTAMP in the calendar's zone without a TZID (a floating time);
  // RFC 5545 wants it in UTC, so it is rewritten here.
  const stamp = DateTime.fromJSDate(inv.stamp, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
  return cal.toString().replace(/^DTSTAMP:.*$/m, `DTSTAMP:${stamp}`);
}

/**
 * A name as a parameter value (CN="…"): RFC 5545 allows no DQUOTE inside one and has no escape for
 * it (ical-generator writes `\"`, which parsers read as the value's end), nor line breaks. A name
 * typed on the public form ('Karl "Kalle" Öberg') keeps its quotes as single ones.
 */
export function paramText(name: string): string {
  return name.replace(/"/g, "'").replace(/[\r\n]+/g, ' ');
}

/**
 * A link as a URI value: ical-generator escapes `,` and `;` as TEXT is escaped, which puts
 * backslashes into the link; percent-encoded, they mean the same and need no escape.
 */
export function uriValue(url: string): string {
  return url.replace(/,/g, '%2C').replace(/;/g, '%3B');
}

/** "Besök <besok@x.se>" → { name: 'Besök', email: 'besok@x.se' } */
export function parseMailbox(from: string): Person {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (m) return { name: m[1]!.trim(), email: m[2]!.trim() };
  return { name: from.trim(), email: from.trim() };
}
