/**
 * The relay's rules, pure: who may be on a relay visit's team, which company may be nominated,
 * whether another baton may be put in play, and what happens to a baton when an invitation fails.
 * The service gathers the facts from the database and asks these functions; the messages are the
 * ones shown to the person (Swedish).
 */

export const STAFF_GROUPS = ['politician', 'leadership', 'business', 'department', 'other'] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];

/** Minimum number of team members from each staff group; groups left out have no minimum. */
export type TeamRule = Partial<Record<StaffGroup, number>>;

/** The default: at least one from the leadership and one from the business unit. */
export const DEFAULT_TEAM_RULE: TeamRule = { leadership: 1, business: 1 };

export const GROUP_LABEL_SV: Record<StaffGroup, string> = {
  politician: 'de förtroendevalda',
  leadership: 'kommunledningen',
  business: 'näringslivsenheten',
  department: 'förvaltningarna',
  other: 'övriga',
};

export interface TeamShortfall {
  group: StaffGroup;
  required: number;
  have: number;
}

export function teamShortfalls(rule: TeamRule, memberGroups: StaffGroup[]): TeamShortfall[] {
  const out: TeamShortfall[] = [];
  for (const group of STAFF_GROUPS) {
    const required = rule[group] ?? 0;
    if (required <= 0) continue;
    const have = memberGroups.filter((g) => g === group).length;
    if (have < required) out.push({ group, required, have });
  }
  return out;
}

export function describeShortfall(s: TeamShortfall): string {
  const who = GROUP_LABEL_SV[s.group];
  return s.required === 1
    ? `laget behöver minst en från ${who}`
    : `laget behöver minst ${s.required} från ${who} (har ${s.have})`;
}

// ---------------------------------------------------------------------------------------------
// Nomination eligibility

export interface NominationFacts {
  companyId: string;
  /** Companies that have a leg in this relay (visited, booked or waiting to be booked). */
  companiesInRelay: ReadonlySet<string>;
  /** Companies with an invitation awaiting an answer, in any relay of the municipality. */
  companiesInvitedNow: ReadonlySet<string>;
  /** Companies that already declined or let an invitation lapse in this relay. */
  companiesDeclinedHere: ReadonlySet<string>;
  /** The company that nominates (a company cannot name itself). */
  nominatorCompanyId: string | null;
}

export type Refusal = { ok: false; reason: RefusalReason; message: string };
export type RefusalReason =
  | 'self'
  | 'already_in_relay'
  | 'invited_now'
  | 'declined_before'
  | 'baton_busy'
  | 'baton_not_held'
  | 'too_many_batons'
  | 'programme_closed';

export type Verdict = { ok: true } | Refusal;

const refuse = (reason: RefusalReason, message: string): Refusal => ({ ok: false, reason, message });

export function canNominate(f: NominationFacts): Verdict {
  if (f.nominatorCompanyId && f.companyId === f.nominatorCompanyId) {
    return refuse('self', 'Ett företag kan inte nominera sig självt.');
  }
  if (f.companiesInRelay.has(f.companyId)) {
    return refuse(
      'already_in_relay',
      'Företaget har redan besökts eller är på väg att besökas i den här stafetten.',
    );
  }
  if (f.companiesInvitedNow.has(f.companyId)) {
    return refuse('invited_now', 'Företaget har redan en inbjudan som väntar på svar.');
  }
  if (f.companiesDeclinedHere.has(f.companyId)) {
    return refuse('declined_before', 'Företaget har redan tackat nej i den här stafetten.');
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// The baton

/**
 * Where a baton is, from the leg that holds it and its open invitation:
 * - `to_book`: the company said yes (or is the first leg); staff book the visit;
 * - `booked`: a visit is booked;
 * - `to_nominate`: visited; the company names the next one (at the visit or by its link);
 * - `invited`: an invitation awaits the nominee's answer;
 * - `handed_back`: the last invitation was declined or lapsed; the nominator may name another, or
 *   staff pick;
 * - `ended`: the baton stops here (no one more to name, or staff ended it).
 */
export type BatonPhase = 'to_book' | 'booked' | 'to_nominate' | 'invited' | 'handed_back' | 'ended';

export function batonPhase(f: {
  batonStatus: 'active' | 'ended';
  legStatus: 'to_book' | 'booked' | 'visited' | 'passed';
  openInvitation: boolean;
  lastNominationOutcome: 'declined' | 'expired' | 'withdrawn' | 'accepted' | null;
}): BatonPhase {
  if (f.batonStatus === 'ended') return 'ended';
  if (f.legStatus === 'to_book') return 'to_book';
  if (f.legStatus === 'booked') return 'booked';
  if (f.openInvitation) return 'invited';
  if (f.lastNominationOutcome === 'declined' || f.lastNominationOutcome === 'expired') return 'handed_back';
  return 'to_nominate';
}

/** A baton may receive a nomination only while its company has been visited and nobody is invited. */
export function canNominateOnBaton(phase: BatonPhase): Verdict {
  switch (phase) {
    case 'to_nominate':
    case 'handed_back':
      return { ok: true };
    case 'invited':
      return refuse('baton_busy', 'En inbjudan väntar redan på svar för den här stafettpinnen.');
    case 'to_book':
    case 'booked':
      return refuse('baton_not_held', 'Företaget kan nominera nästa när besöket är gjort.');
    case 'ended':
      return refuse('baton_not_held', 'Den här stafettpinnen är avslutad.');
  }
}

export function canPutBatonInPlay(activeBatons: number, maxBatons: number): Verdict {
  if (activeBatons >= maxBatons) {
    return refuse(
      'too_many_batons',
      maxBatons === 1
        ? 'Stafetten har redan en stafettpinne i spel.'
        : `Stafetten har redan ${activeBatons} stafettpinnar i spel (högst ${maxBatons}).`,
    );
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Invitations: the answer window and its one reminder

export interface InvitationTimes {
  dueAt: Date;
  /** The single reminder: halfway through the window, but at least a day before it closes. */
  remindAt: Date;
}

export function invitationTimes(invitedAt: Date, answerDays: number): InvitationTimes {
  const window = answerDays * 86_400_000;
  const dueAt = new Date(invitedAt.getTime() + window);
  const half = invitedAt.getTime() + Math.floor(window / 2);
  const remindAt = new Date(Math.min(half, dueAt.getTime() - 86_400_000));
  return { dueAt, remindAt: remindAt.getTime() > invitedAt.getTime() ? remindAt : new Date(half) };
}
