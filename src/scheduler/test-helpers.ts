// A small hand-made instance for the rule tests (not a test file itself).
import type { Instance, SprintRules } from './types';

/**
 * The rules of most test days: teams of 2–3 with a politician and someone from business or
 * leadership, 40 km/h and 5 minutes between on-site visits; `over` changes what a test is about.
 */
export function sprintRules(over: Partial<SprintRules> = {}): SprintRules {
  return {
    minTeam: 2,
    maxTeam: 3,
    requireGroups: [['politician'], ['business', 'leadership']],
    travelKmh: 40,
    travelBufferMin: 5,
    ...over,
  };
}

/**
 * Slots s1 09:00–09:45, s2 10:00–10:45, s3 10:30–11:15 (overlaps s2), s4 12:00–12:45.
 * m1, m3 politicians; m2 business; m4 department with maxVisits 1; m3 has a conflict with r1.
 * r1 digital; r2 on site in town; r3 on site 60 km away; r1 is fixed in s1 with m1.
 */
export function tinyInstance(): Instance {
  const all = ['s1', 's2', 's3', 's4'];
  return {
    day: '2021-05-18',
    slots: [
      { id: 's1', start: '09:00', end: '09:45' },
      { id: 's2', start: '10:00', end: '10:45' },
      { id: 's3', start: '10:30', end: '11:15' },
      { id: 's4', start: '12:00', end: '12:45' },
    ],
    rules: sprintRules(),
    staff: [
      { id: 'm1', group: 'politician', expertise: ['etablering'], available: all, maxVisits: 3 },
      { id: 'm2', group: 'business', expertise: ['tillstand'], available: all, maxVisits: 4 },
      { id: 'm3', group: 'politician', expertise: ['natverk'], available: ['s1', 's2', 's4'], maxVisits: 3 },
      { id: 'm4', group: 'department', expertise: ['lokaler-mark'], available: all, maxVisits: 1 },
    ],
    registrations: [
      { id: 'r1', company: 'Alfa AB', mode: 'digital', available: ['s1', 's2'], topics: ['etablering'] },
      {
        id: 'r2',
        company: 'Beta AB',
        mode: 'physical',
        location: { lat: 58.2837, lon: 12.2886 },
        available: ['s2', 's3', 's4'],
        topics: ['tillstand', 'natverk'],
      },
      {
        id: 'r3',
        company: 'Gamma AB',
        mode: 'physical',
        location: { lat: 58.8237, lon: 12.2886 },
        available: ['s1', 's4'],
        topics: ['lokaler-mark'],
      },
    ],
    fixed: [{ registration: 'r1', slot: 's1', team: ['m1'] }],
    conflicts: [{ staff: 'm3', registration: 'r1' }],
  };
}
