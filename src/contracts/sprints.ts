import { z } from 'zod';
import { LIMITS, hhmm, isoDate } from './common';
// The scheduler's own check (pure, no I/O), so that the form refuses what the scheduler would.
import { DEFAULT_REQUIRE_GROUPS, fewestToCover } from '../scheduler/validate';

/** Limits of the sprint forms, shared by the server and the web forms. */
export const SPRINT_LIMITS = {
  slots: 24,
  topics: 50,
  publicText: 8000,
  orgNr: 20,
  address: 300,
  topicsText: 1000,
  role: 120,
  link: 500,
  name: LIMITS.name,
  email: LIMITS.email,
  phone: LIMITS.phone,
} as const;

export const SPRINT_STATUS = ['draft', 'open', 'planned', 'published'] as const;
export const STAFF_GROUPS_SCHEDULER = ['politician', 'leadership', 'business', 'department'] as const;

export const SlotSchema = z
  .object({ id: z.string().trim().min(1).max(20), start: hhmm, end: hhmm })
  .refine((s) => s.start < s.end, { message: 'slutet måste komma efter början', path: ['end'] });
export type Slot = z.infer<typeof SlotSchema>;

export const RulesSchema = z
  .object({
    minTeam: z.number().int().min(1).max(10),
    maxTeam: z.number().int().min(1).max(10),
    requireGroups: z.array(z.array(z.enum(STAFF_GROUPS_SCHEDULER)).min(1).max(4)).max(4),
    travelKmh: z.number().positive().max(200),
    travelBufferMin: z.number().int().min(0).max(240),
  })
  .refine((r) => r.minTeam <= r.maxTeam, {
    message: 'minsta lag får inte vara större än största',
    path: ['maxTeam'],
  })
  .superRefine((r, ctx) => {
    const fewest = fewestToCover(r.requireGroups);
    if (fewest > r.maxTeam)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['requireGroups'],
        message: `ett lag behöver någon ur var och en av de ${r.requireGroups.length} kraven, alltså minst ${fewest} personer, men största lag är ${r.maxTeam}`,
      });
  });
export type SprintRules = z.infer<typeof RulesSchema>;

export const DEFAULT_RULES: SprintRules = {
  minTeam: 2,
  maxTeam: 3,
  requireGroups: DEFAULT_REQUIRE_GROUPS.map((list) => [...list]),
  travelKmh: 40,
  travelBufferMin: 5,
};

/** The default day: 45-minute visits on the hour from 08:30 (08:30–09:15, 09:30–10:15, …). */
export function defaultSlots(count = 8): Slot[] {
  return Array.from({ length: count }, (_, i) => {
    const h = 8 + i;
    const p = (n: number) => String(n).padStart(2, '0');
    return { id: `s${i + 1}`, start: `${p(h)}:30`, end: `${p(h + 1)}:15` };
  });
}

const instant = z.iso.datetime({ offset: true });

/**
 * A meeting link as it goes into calendars and onto the day page's link: empty, or a web address
 * (http or https). A template may hold `{id}`, replaced per visit.
 */
export const meetingLinkText = z
  .string()
  .trim()
  .max(SPRINT_LIMITS.link)
  .refine((v) => {
    if (v === '') return true;
    if (!/^https?:\/\/\S+$/i.test(v)) return false;
    try {
      new URL(v.replaceAll('{id}', 'x'));
      return true;
    } catch {
      return false;
    }
  }, 'ska vara en webbadress som börjar med https://, till exempel https://meet.kommun.se/besok');

const sprintFields = {
  name: z.string().trim().min(1).max(LIMITS.name),
  day: isoDate,
  slots: z.array(SlotSchema).min(1).max(SPRINT_LIMITS.slots),
  rules: RulesSchema,
  topics: z.array(z.string().max(64)).max(SPRINT_LIMITS.topics),
  publicText: z.string().max(SPRINT_LIMITS.publicText),
  meetingLinkTemplate: meetingLinkText,
  registrationOpensAt: instant,
  registrationClosesAt: instant,
};

export const CreateSprintBody = z.object({
  ...sprintFields,
  slots: sprintFields.slots.optional(),
  rules: sprintFields.rules.optional(),
  topics: sprintFields.topics.default([]),
  publicText: sprintFields.publicText.default(''),
  meetingLinkTemplate: sprintFields.meetingLinkTemplate.default(''),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{3,40}$/, 'bara a–z, 0–9 och bindestreck, 3–40 tecken')
    .optional(),
  /**
   * An earlier sprint whose participants join the new one (a programme repeated each spring and
   * autumn): those still active staff, available in all its times, with their most visits.
   */
  rosterFrom: z.string().max(64).optional(),
});
export const UpdateSprintBody = z.object({
  name: sprintFields.name.optional(),
  day: sprintFields.day.optional(),
  slots: sprintFields.slots.optional(),
  rules: sprintFields.rules.optional(),
  topics: sprintFields.topics.optional(),
  publicText: sprintFields.publicText.optional(),
  meetingLinkTemplate: sprintFields.meetingLinkTemplate.optional(),
  registrationOpensAt: instant.optional(),
  registrationClosesAt: instant.optional(),
  status: z.enum(['draft', 'open']).optional(),
  version: z.number().int(),
});

export const Sprint = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  day: z.string(),
  slots: z.array(z.object({ id: z.string(), start: z.string(), end: z.string() })),
  rules: z.object({
    minTeam: z.number(),
    maxTeam: z.number(),
    requireGroups: z.array(z.array(z.string())),
    travelKmh: z.number(),
    travelBufferMin: z.number(),
  }),
  topics: z.array(z.string()),
  publicText: z.string(),
  meetingLinkTemplate: z.string(),
  registrationOpensAt: z.string(),
  registrationClosesAt: z.string(),
  status: z.enum(SPRINT_STATUS),
  publishedAt: z.string().nullable(),
  version: z.number(),
  registrations: z.number(),
  participants: z.number(),
});
export type Sprint = z.infer<typeof Sprint>;

/** The sprint list: an admin sees every sprint, others the ones they are on; `mine`, one's own for anyone. */
export const SprintListQuery = z.object({ scope: z.enum(['mine', 'all']).default('all') });

export const Participant = z.object({
  userId: z.string(),
  name: z.string(),
  title: z.string(),
  group: z.string(),
  available: z.array(z.string()),
  maxVisits: z.number().nullable(),
});
export type Participant = z.infer<typeof Participant>;

export const RosterBody = z.object({
  version: z.number().int(),
  participants: z
    .array(
      z.object({
        userId: z.string().max(64),
        available: z.array(z.string().max(20)).max(SPRINT_LIMITS.slots),
        maxVisits: z.number().int().min(0).max(SPRINT_LIMITS.slots).nullable(),
      }),
    )
    .max(200),
});
export const MyAvailabilityBody = z.object({
  /** The sprint's version the participant's page was read at: a roster saved since is not overwritten. */
  version: z.number().int(),
  available: z.array(z.string().max(20)).max(SPRINT_LIMITS.slots),
  maxVisits: z.number().int().min(0).max(SPRINT_LIMITS.slots).nullable().optional(),
});

// ---- Public registration -------------------------------------------------------------------

const text = (max: number) => z.string().trim().max(max, `högst ${max} tecken`);
const required = (max: number) => text(max).min(1, 'fyll i fältet');

export const RegistrationInput = z
  .object({
    orgNr: required(SPRINT_LIMITS.orgNr),
    companyName: required(SPRINT_LIMITS.name),
    contactName: required(SPRINT_LIMITS.name),
    contactRole: text(SPRINT_LIMITS.role).default(''),
    contactEmail: z
      .string()
      .trim()
      .toLowerCase()
      .max(SPRINT_LIMITS.email)
      .pipe(z.email('ange en giltig e-postadress')),
    contactPhone: text(SPRINT_LIMITS.phone)
      .refine((v) => v === '' || /^[+0-9 ()-]{5,}$/.test(v), 'ange ett telefonnummer med siffror')
      .default(''),
    mode: z.enum(['digital', 'physical'], 'välj digitalt eller på plats'),
    visitAddress: text(SPRINT_LIMITS.address).default(''),
    slots: z.array(z.string().max(20)).max(SPRINT_LIMITS.slots).min(1, 'välj minst en tid'),
    topics: z.array(z.string().max(64)).max(SPRINT_LIMITS.topics).default([]),
    topicsText: text(SPRINT_LIMITS.topicsText).default(''),
    consent: z.literal(true, 'du behöver godkänna hanteringen av personuppgifter'),
    lang: z.enum(['sv', 'en']).default('sv'),
    /** A honeypot: hidden from people; a bot that fills it is answered as if it succeeded. */
    website: z.string().max(500).optional(),
  })
  .superRefine(
    (v, ctx) => {
      if (v.mode === 'physical' && !v.visitAddress) {
        ctx.addIssue({
          code: 'custom',
          path: ['visitAddress'],
          message: 'ange besöksadressen för ett besök på plats',
        });
      }
    },
    // Run even when other fields are wrong, so every error shows at once.
    { when: (payload) => payload.value !== null && typeof payload.value === 'object' },
  );
export type RegistrationInput = z.output<typeof RegistrationInput>;

export const PublicSprint = z.object({
  name: z.string(),
  slug: z.string(),
  day: z.string(),
  slots: z.array(z.object({ id: z.string(), start: z.string(), end: z.string() })),
  topics: z.array(z.object({ slug: z.string(), labelSv: z.string(), labelEn: z.string() })),
  publicText: z.string(),
  registrationOpensAt: z.string(),
  registrationClosesAt: z.string(),
  state: z.enum(['before', 'open', 'closed']),
  /** The day is planned and the invitations sent: registration is closed from then on. */
  planned: z.boolean(),
  privacy: z.object({
    controller: z.string(),
    unit: z.string(),
    retentionMonths: z.number(),
    contact: z.string(),
  }),
});
export type PublicSprint = z.infer<typeof PublicSprint>;

export const CompanyLookup = z.object({
  orgNr: z.string(),
  name: z.string(),
  visitAddress: z.string(),
});

export const RegistrationReceipt = z.object({
  /** Registered already: nothing changed; the registration's own contact was sent a new link. */
  alreadyRegistered: z.boolean(),
  companyName: z.string(),
  contactEmail: z.string(),
  message: z.string(),
});

export const PrivateRegistration = z.object({
  sprint: PublicSprint,
  registration: z.object({
    orgNr: z.string(),
    companyName: z.string(),
    contactName: z.string(),
    contactRole: z.string(),
    contactEmail: z.string(),
    contactPhone: z.string(),
    mode: z.enum(['digital', 'physical']),
    visitAddress: z.string(),
    slots: z.array(z.string()),
    topics: z.array(z.string()),
    topicsText: z.string(),
    withdrawn: z.boolean(),
    editable: z.boolean(),
    /**
     * What it chose that the sprint no longer offers (an admin took the time or topic away since):
     * left out of `slots` and `topics` above, and let go when the registration is saved.
     */
    noLongerOffered: z.object({
      slots: z.number(),
      topics: z.array(z.object({ slug: z.string(), labelSv: z.string(), labelEn: z.string() })),
    }),
  }),
});

// ---- Admin view of registrations ---------------------------------------------------------

export const AdminRegistration = z.object({
  id: z.string(),
  companyId: z.string(),
  orgNr: z.string(),
  companyName: z.string(),
  verified: z.boolean(),
  contactName: z.string(),
  contactRole: z.string(),
  contactEmail: z.string(),
  contactPhone: z.string(),
  mode: z.enum(['digital', 'physical']),
  visitAddress: z.string(),
  position: z.object({ lat: z.number(), lon: z.number(), source: z.string() }).nullable(),
  slots: z.array(z.string()),
  topics: z.array(z.string()),
  topicsText: z.string(),
  meetingLink: z.string(),
  withdrawn: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AdminRegistration = z.infer<typeof AdminRegistration>;

/**
 * Edits of one registration carry the `updatedAt` the admin saw: the company may have changed its
 * registration, or another admin the same field, in between; such an edit is refused as stale.
 */
export const PositionBody = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  updatedAt: z.string().max(40),
});
export const MeetingLinkBody = z.object({
  meetingLink: meetingLinkText,
  updatedAt: z.string().max(40),
});

// ---- Planning -------------------------------------------------------------------------------

export const PlanVisit = z.object({
  registration: z.string(),
  slot: z.string(),
  team: z.array(z.string()),
  pinned: z.boolean(),
});
export type PlanVisit = z.infer<typeof PlanVisit>;

export const BoardVisit = z.object({
  registration: z.string(),
  companyName: z.string(),
  mode: z.enum(['digital', 'physical']),
  slot: z.string(),
  team: z.array(z.object({ id: z.string(), name: z.string(), title: z.string(), group: z.string() })),
  topics: z.array(z.string()),
  topicsCovered: z.array(z.string()),
  pinned: z.boolean(),
});
export const Board = z.object({
  sprint: Sprint,
  slots: z.array(z.object({ id: z.string(), start: z.string(), end: z.string() })),
  visits: z.array(BoardVisit),
  unscheduled: z.array(
    z.object({
      registration: z.string(),
      companyName: z.string(),
      /** Why it has no visit, in Swedish. */
      reason: z.string(),
      /** The same in English (null where there is only the Swedish). */
      reasonEn: z.string().nullable(),
    }),
  ),
  missingPositions: z.array(
    z.object({ registration: z.string(), companyName: z.string(), visitAddress: z.string() }),
  ),
  bound: z.number().nullable(),
  /** An upper bound on topic coverage from the last scheduling (null before it, or for older plans). */
  coverageBound: z.number().nullable(),
  solvedAt: z.string().nullable(),
  /**
   * What the scheduler plans from that changed since the last run: the registrations (one came,
   * was withdrawn, had its position set, its times or topics changed), the participants (the
   * roster, their times, groups or expertise) or the day (its times or rules). The bounds and the
   * reasons are that run's: where this is not empty they are no longer current. Empty before the
   * first run.
   */
  changedSinceRun: z.array(z.enum(['registrations', 'participants', 'day'])),
  pendingChanges: z.number(),
  /**
   * Rules the stored plan breaks since it was made (a company or a participant changed their
   * times): `message` in Swedish, `messageEn` in English (null where there is only the Swedish).
   */
  problems: z.array(z.object({ path: z.string(), message: z.string(), messageEn: z.string().nullable() })),
});
export type Board = z.infer<typeof Board>;

export const SolveBody = z.object({ version: z.number().int(), seed: z.number().int().optional() });
export const VersionBody = z.object({ version: z.number().int() });
export const EditVisitBody = z.object({
  version: z.number().int(),
  slot: z.string().max(20).optional(),
  team: z.array(z.string().max(64)).max(10).optional(),
  pinned: z.boolean().optional(),
});
export const AddVisitBody = z.object({
  version: z.number().int(),
  registration: z.string().max(64),
  slot: z.string().max(20),
  team: z.array(z.string().max(64)).max(10),
});

export const PublishResult = z.object({
  sprint: Sprint,
  sent: z.object({
    companies: z.number(),
    participants: z.number(),
    cancellations: z.number(),
    unscheduled: z.number(),
  }),
});

// ---- Day page ---------------------------------------------------------------------------------

export const DayVisit = z.object({
  /** The visit's own page (/besok/:id, its report): once the day is sent; null on a draft. */
  visitId: z.string().nullable(),
  slot: z.string(),
  start: z.string(),
  end: z.string(),
  /** When the visit starts (an instant): its report can be submitted from then. */
  startsAt: z.string(),
  companyName: z.string(),
  mode: z.enum(['digital', 'physical']),
  place: z.string(),
  meetingLink: z.string(),
  /** The municipality's labels, both languages (labelEn may be empty: the Swedish one is shown). */
  topics: z.array(z.object({ slug: z.string(), labelSv: z.string(), labelEn: z.string() })),
  topicsText: z.string(),
  contact: z.object({ name: z.string(), role: z.string(), email: z.string(), phone: z.string() }),
  team: z.array(z.object({ name: z.string(), title: z.string() })),
  travelToNext: z.object({ minutes: z.number(), km: z.number(), to: z.string() }).nullable(),
});
export const DayPage = z.object({
  sprint: z.object({ id: z.string(), name: z.string(), day: z.string(), published: z.boolean() }),
  person: z.object({ id: z.string(), name: z.string(), title: z.string() }),
  visits: z.array(DayVisit),
});
export type DayPage = z.infer<typeof DayPage>;
