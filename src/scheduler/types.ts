// The problem of ../../../shared/SPRINT-SCHEDULING.md as TypeScript types: an instance, a schedule,
// the violations of the hard rules and the solver's result.

export const GROUPS = ['politician', 'leadership', 'business', 'department'] as const;
export type Group = (typeof GROUPS)[number];

export interface Slot {
  id: string;
  /** HH:MM */
  start: string;
  /** HH:MM */
  end: string;
}

export interface SprintRules {
  minTeam: number;
  maxTeam: number;
  /** Each list: the team has at least one member from one of its groups. */
  requireGroups: Group[][];
  travelKmh: number;
  travelBufferMin: number;
}

export interface StaffMember {
  id: string;
  name?: string;
  group: Group;
  party?: string;
  expertise: string[];
  available: string[];
  /** Absent: no limit beyond the slots. */
  maxVisits?: number;
}

export interface Registration {
  id: string;
  company: string;
  mode: 'digital' | 'physical';
  location?: { lat: number; lon: number };
  available: string[];
  topics: string[];
}

export interface FixedVisit {
  registration: string;
  slot: string;
  team?: string[];
}

export interface Conflict {
  staff: string;
  registration: string;
}

export interface Instance {
  day?: string;
  slots: Slot[];
  rules: SprintRules;
  staff: StaffMember[];
  registrations: Registration[];
  fixed?: FixedVisit[];
  conflicts?: Conflict[];
}

export interface Visit {
  registration: string;
  slot: string;
  team: string[];
}

/** The hard rules of the spec, by number and by name (the names of the exported rule functions). */
export type RuleNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type RuleName =
  | 'visitOnceInAvailableSlot'
  | 'teamSizeAndAvailability'
  | 'requiredGroups'
  | 'noDoubleBookingOrOverload'
  | 'travelTime'
  | 'noConflicts'
  | 'fixedVisitsKept';

export interface Violation {
  rule: RuleName;
  ruleNumber: RuleNumber;
  /** The visit (its registration) the violation is about. */
  registration: string;
  slot?: string;
  staff?: string;
  message: string;
  messageSv: string;
}

export type UnscheduledCode =
  | 'NO_SLOTS' // the registration marked no slot of the day
  | 'NOBODY_AVAILABLE' // in its slots nobody of a required group is available at all
  | 'GROUP_BUSY' // people of a required group are available but all in other visits then
  | 'GROUP_AT_MAX' // people of a required group are free then but have reached maxVisits
  | 'TRAVEL' // on site: those free cannot get there (or on to their next visit) in time
  | 'CONFLICT' // those free have a conflict of interest with the company
  | 'TEAM_TOO_SMALL'; // the required groups are there, but not minTeam people in all

export interface Unscheduled {
  registration: string;
  code: UnscheduledCode;
  reason: string;
  reasonSv: string;
  /** The slots it could meet in. */
  slots: string[];
}

export interface Score {
  visits: number;
  topicCoverage: number;
  travelMinutes: number;
  maxLoad: number;
  minLoad: number;
}

export interface Schedule {
  visits: Visit[];
  unscheduled: Unscheduled[];
}

export interface SolveOptions {
  seed: number;
  /** A safety cap: the search is bounded by iterations; the clock only stops a run that overruns. */
  timeLimitMs: number;
  /** A clock in milliseconds (e.g. performance.now); the module never reads one itself. */
  now: () => number;
  /** Multiplies the iteration budget (default 1). */
  effort?: number;
}

export interface SolveResult extends Schedule {
  /** An upper bound on the number of visits of any valid schedule; bound == visits proves the most. */
  bound: number;
  /**
   * An upper bound on the topic coverage of any valid schedule (per registration the most topics a team
   * could cover there, summed over the best `bound` registrations); equal to the coverage, it proves
   * the coverage the best possible.
   */
  coverageBound: number;
  score: Score;
  elapsedMs: number;
  /** How the search ended: its iteration budget spent, the time cap hit, or nothing left to gain. */
  stoppedBy: 'iterations' | 'timeLimit' | 'optimal';
  iterations: number;
  /** The large-neighbourhood search after phase 2, when it ran: repairs tried, nodes, repairs kept. */
  lns?: { tries: number; nodes: number; improved: number; timedOut: boolean };
}
