import { z } from 'zod';
import { Email, LIMITS, isoDate } from './common';
import { parseOrgNr } from '../core/orgnr';

/** Limits shared by the server and the web forms. */
export const RELAY_LIMITS = {
  reason: 1000,
  answerNote: 1000,
  proposedTimes: 1000,
  maxBatons: 20,
  maxGoal: 100_000,
  maxPace: 100,
  answerDays: { min: 2, max: 60 },
} as const;

export const STAFF_GROUPS = ['politician', 'leadership', 'business', 'department', 'other'] as const;

/** Minimum team members per staff group on a relay visit; groups left out have no minimum. */
export const TeamRule = z.partialRecord(z.enum(STAFF_GROUPS), z.number().int().min(0).max(10));

export const GoalFilter = z.object({
  sniSections: z
    .array(z.string().regex(/^[A-U]$/))
    .max(21)
    .default([]),
  sizeClasses: z.array(z.number().int().min(0).max(16)).max(17).default([]),
  postalTowns: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
});
export type GoalFilter = z.infer<typeof GoalFilter>;

export const Goal = z.discriminatedUnion('type', [
  z.object({ type: z.literal('count'), count: z.number().int().min(1).max(RELAY_LIMITS.maxGoal) }),
  z.object({ type: z.literal('filter'), filter: GoalFilter }),
]);

const programmeFields = {
  name: z.string().trim().min(1).max(LIMITS.name),
  description: z.string().trim().max(LIMITS.note).default(''),
  goal: Goal,
  targetPace: z.number().positive().max(RELAY_LIMITS.maxPace),
  goalDate: isoDate.nullable().default(null),
  teamRule: TeamRule.default({ leadership: 1, business: 1 }),
  maxBatons: z.number().int().min(1).max(RELAY_LIMITS.maxBatons).default(1),
  answerDays: z.number().int().min(RELAY_LIMITS.answerDays.min).max(RELAY_LIMITS.answerDays.max).default(14),
  publicPage: z.boolean().default(false),
};

export const CreateProgrammeBody = z.object(programmeFields);
export type CreateProgrammeInput = z.output<typeof CreateProgrammeBody>;
export const UpdateProgrammeBody = z
  .object({
    name: programmeFields.name,
    description: programmeFields.description,
    goal: Goal,
    targetPace: programmeFields.targetPace,
    goalDate: isoDate.nullable(),
    teamRule: TeamRule,
    maxBatons: programmeFields.maxBatons,
    answerDays: programmeFields.answerDays,
    publicPage: z.boolean(),
    status: z.enum(['active', 'closed']),
  })
  .partial();
export type UpdateProgrammeInput = z.output<typeof UpdateProgrammeBody>;

export const Programme = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  goal: z.discriminatedUnion('type', [
    z.object({ type: z.literal('count'), count: z.number() }),
    z.object({ type: z.literal('filter'), filter: GoalFilter }),
  ]),
  /** The goal as a number of visits (for a filter goal: the register companies matching it). */
  goalVisits: z.number(),
  targetPace: z.number(),
  goalDate: z.string().nullable(),
  teamRule: z.record(z.string(), z.number()),
  maxBatons: z.number(),
  answerDays: z.number(),
  publicPage: z.boolean(),
  status: z.enum(['active', 'closed']),
  visitsDone: z.number(),
  batonsInPlay: z.number(),
  createdAt: z.string(),
});
export type Programme = z.infer<typeof Programme>;

/** A company to nominate or start with: one from the register, or one entered as new (unverified). */
export const CompanyChoice = z.union([
  z.object({ id: z.string().min(1).max(64) }),
  z.object({
    new: z.object({
      name: z.string().trim().min(1).max(LIMITS.name),
      // Empty: "måste fyllas i" (the forms say so in their language); else what is wrong with it
      // (too few digits, a wrong check digit), not "minst 10 tecken" of a length it need not have.
      orgNr: z
        .string()
        .trim()
        .min(1, 'ange organisationsnummer')
        .max(13)
        .superRefine((v, ctx) => {
          if (!v) return;
          const parsed = parseOrgNr(v);
          if (!parsed.ok)
            ctx.addIssue({ code: 'custom', message: parsed.message, params: { en: parsed.messageEn } });
        }),
      postalTown: z.string().trim().max(100).default(''),
    }),
  }),
]);
export type CompanyChoice = z.infer<typeof CompanyChoice>;

export const StartBatonBody = z.object({
  company: CompanyChoice,
  contactName: z.string().trim().max(LIMITS.name).default(''),
  contactEmail: Email.nullable().default(null),
  showPublicly: z.boolean().default(false),
  /** A branch: the baton splits from this leg (its company names one more). */
  fromLegId: z.string().max(64).nullable().default(null),
});

export const NominateBody = z.object({
  company: CompanyChoice,
  reason: z.string().trim().min(1).max(RELAY_LIMITS.reason),
  contactName: z.string().trim().max(LIMITS.name).default(''),
  inviteEmail: Email,
  /** The business unit picks the company itself (after a hand-back), rather than the company. */
  pickedByStaff: z.boolean().default(false),
  /** The nominating company agrees to be named on the public page (asked at the visit). */
  showPublicly: z.boolean().optional(),
});
export type NominateInput = z.output<typeof NominateBody>;

export const NominateByLinkBody = NominateBody.omit({ pickedByStaff: true });

export const BookLegBody = z.object({
  startsAt: z.string().datetime({ offset: true }),
  endsAt: z.string().datetime({ offset: true }),
  mode: z.enum(['digital', 'physical']),
  location: z.string().trim().max(LIMITS.shortText).default(''),
  meetingLink: z.string().trim().max(LIMITS.shortText).default(''),
  participantIds: z.array(z.string().min(1).max(64)).min(1).max(20),
});

export const EndBatonBody = z.object({ reason: z.string().trim().min(1).max(RELAY_LIMITS.reason) });
/** Cancels a leg's booked visit (to book it anew, at another time or with another team). */
export const CancelLegVisitBody = z.object({ reason: z.string().trim().min(1).max(RELAY_LIMITS.reason) });

export const AcceptBody = z.object({
  contactName: z.string().trim().min(1).max(LIMITS.name),
  contactEmail: Email,
  proposedTimes: z.string().trim().min(1).max(RELAY_LIMITS.proposedTimes),
  showPublicly: z.boolean().default(false),
});
export const DeclineBody = z.object({ note: z.string().trim().max(RELAY_LIMITS.answerNote).default('') });

export const BATON_PHASES = ['to_book', 'booked', 'to_nominate', 'invited', 'handed_back', 'ended'] as const;
export const LEG_STATUSES = ['to_book', 'booked', 'visited', 'passed'] as const;
/**
 * `not_visited`: accepted, but its baton was ended before the visit was made (the company left the
 * relay and may be invited again).
 */
export const NOMINATION_STATUSES = [
  'invited',
  'accepted',
  'declined',
  'expired',
  'withdrawn',
  'not_visited',
] as const;

export const CompanyBrief = z.object({
  id: z.string(),
  name: z.string(),
  postalTown: z.string().nullable(),
  sniSection: z.string().nullable(),
  sizeClass: z.number().nullable(),
  verified: z.boolean(),
});

export const Leg = z.object({
  id: z.string(),
  batonId: z.string(),
  seq: z.number(),
  company: CompanyBrief,
  previousLegId: z.string().nullable(),
  status: z.enum(LEG_STATUSES),
  visitId: z.string().nullable(),
  visitStartsAt: z.string().nullable(),
  visitedAt: z.string().nullable(),
  proposedTimes: z.string(),
  /** Null for viewers, who are not shown contact persons. */
  contactName: z.string().nullable(),
  hasContactEmail: z.boolean(),
  showPublicly: z.boolean(),
  /**
   * Whether the reader may mark this leg's visit as held and name the next company at it: the
   * visit's team or an admin, as on the visit's own page.
   */
  mayRecord: z.boolean(),
});

export const Nomination = z.object({
  id: z.string(),
  batonId: z.string(),
  fromLegId: z.string(),
  company: CompanyBrief,
  source: z.enum(['visit', 'link', 'staff']),
  reason: z.string(),
  status: z.enum(NOMINATION_STATUSES),
  invitedAt: z.string(),
  dueAt: z.string(),
  remindedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answerNote: z.string(),
});

export const Baton = z.object({
  id: z.string(),
  number: z.number(),
  status: z.enum(['active', 'ended']),
  phase: z.enum(BATON_PHASES),
  holderLegId: z.string().nullable(),
  originLegId: z.string().nullable(),
  movedAt: z.string(),
  /** Whole days since the baton last moved, by the server's clock. */
  idleDays: z.number(),
  stalled: z.boolean(),
  endedReason: z.string(),
});

export const RelayEvent = z.object({
  id: z.string(),
  kind: z.string(),
  actor: z.string(),
  actorName: z.string().nullable(),
  batonId: z.string().nullable(),
  legId: z.string().nullable(),
  nominationId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
});

export const Chain = z.object({
  programme: Programme,
  batons: z.array(Baton),
  legs: z.array(Leg),
  nominations: z.array(Nomination),
});

export const Projection = z.object({
  done: z.number(),
  goal: z.number(),
  remaining: z.number(),
  pace: z.array(z.object({ months: z.number(), perMonth: z.number() })),
  currentPace: z.number(),
  projectedDate: z.string().nullable(),
  projectedYears: z.number().nullable(),
  targetPace: z.number(),
  targetPaceDate: z.string().nullable(),
  /** null without a goal date; -1 when the date has passed with visits left. */
  neededPace: z.number().nullable(),
  byDate: z.string().nullable(),
});

export const CoverageRow = z.object({
  key: z.string(),
  relay: z.number(),
  register: z.number(),
  relayShare: z.number(),
  registerShare: z.number(),
  gap: z.number(),
});
export const Coverage = z.object({
  visited: z.number(),
  register: z.number(),
  sniSection: z.array(CoverageRow),
  sizeClass: z.array(CoverageRow),
  area: z.array(CoverageRow),
  suggestions: z.array(CompanyBrief.extend({ score: z.number(), reasons: z.array(z.string()) })),
});

export const StalledBaton = z.object({
  programmeId: z.string(),
  programmeName: z.string(),
  batonId: z.string(),
  batonNumber: z.number(),
  phase: z.enum(BATON_PHASES),
  movedAt: z.string(),
  companyName: z.string().nullable(),
  days: z.number(),
});

export const InvitationView = z.object({
  status: z.enum(NOMINATION_STATUSES),
  municipalityName: z.string(),
  programmeName: z.string(),
  programmeDescription: z.string(),
  companyName: z.string(),
  nominatorName: z.string().nullable(),
  pickedByStaff: z.boolean(),
  reason: z.string(),
  dueAt: z.string(),
});

export const NominateLinkView = z.object({
  municipalityName: z.string(),
  programmeName: z.string(),
  companyName: z.string(),
  canNominate: z.boolean(),
  /** The company the last invitation went to and its outcome, when the baton came back. */
  handedBack: z.object({ companyName: z.string(), outcome: z.enum(['declined', 'expired']) }).nullable(),
  pending: z.object({ companyName: z.string() }).nullable(),
  showPublicly: z.boolean(),
});

export const LinkCompanyHit = z.object({
  id: z.string(),
  name: z.string(),
  postalTown: z.string().nullable(),
});

export const PublicRelay = z.object({
  municipalityName: z.string(),
  name: z.string(),
  description: z.string(),
  goal: z.number(),
  visitsDone: z.number(),
  latest: z.object({ companyName: z.string().nullable(), visitedAt: z.string() }).nullable(),
  companies: z.array(
    z.object({ name: z.string(), postalTown: z.string().nullable(), visitedAt: z.string() }),
  ),
});
