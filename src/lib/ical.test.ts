import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildInvitation } from './ical';

const base = {
  method: 'REQUEST' as const,
  uid: 'besok-sprint-r1@besok',
  sequence: 0,
  summary: 'Företagsbesök',
  description: 'Rad ett\nRad två',
  organizer: { name: 'Besök', email: 'besok@example.se' },
  attendees: [{ name: 'Anna', email: 'anna@example.se' }],
  stamp: new Date('2026-03-01T10:00:00Z'),
};

void test('the wall clock of Europe/Stockholm is written on the spring-forward day', () => {
  const ics = buildInvitation({ ...base, start: '2026-03-29T08:30', end: '2026-03-29T09:15' });
  assert.match(ics, /DTSTART;TZID=Europe\/Stockholm:20260329T083000/);
  assert.match(ics, /DTEND;TZID=Europe\/Stockholm:20260329T091500/);
  assert.match(ics, /METHOD:REQUEST/);
  assert.match(ics, /BEGIN:VTIMEZONE\r?\nTZID:Europe\/Stockholm/);
  assert.match(ics, /UID:besok-sprint-r1@besok/);
  assert.match(ics, /DTSTAMP:20260301T100000Z/);
});

void test('the wall clock is right on the fall-back day, and a cancellation keeps the UID', () => {
  const ics = buildInvitation({
    ...base,
    method: 'CANCEL',
    sequence: 3,
    start: '2026-10-25T08:30',
    end: '2026-10-25T09:15',
  });
  assert.match(ics, /DTSTART;TZID=Europe\/Stockholm:20261025T083000/);
  assert.match(ics, /METHOD:CANCEL/);
  assert.match(ics, /STATUS:CANCELLED/);
  assert.match(ics, /SEQUENCE:3/);
});

void test("a name with quotes stays one parameter value; a link's , and ; are not escaped as text", () => {
  const ics = buildInvitation({
    ...base,
    attendees: [{ name: 'Karl "Kalle" Öberg\nVD', email: 'karl@example.se' }],
    url: 'https://meet.example.se/j/1?pwd=a,b;c',
    location: 'Storgatan 1, Trollhättan',
    start: '2026-05-12T09:00',
    end: '2026-05-12T10:00',
  });
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  const attendee = unfolded.split('\r\n').find((l) => l.startsWith('ATTENDEE'))!;
  assert.match(attendee, /CN="Karl 'Kalle' Öberg VD"/);
  assert.equal(attendee.split('"').length, 3, 'one quoted value: no quote inside it');
  const url = unfolded.split('\r\n').find((l) => l.startsWith('URL'))!;
  assert.equal(url.replace(/^URL(;VALUE=URI)?:/, ''), 'https://meet.example.se/j/1?pwd=a%2Cb%3Bc');
  assert.match(unfolded, /LOCATION:Storgatan 1\\, Trollhättan/, 'text is still escaped as text');
});
