import { z } from 'zod';
import { Email, isoDate, LIMITS } from './common';

/**
 * Visits, visit reports, follow-ups, feedback, company history and programme reports: the one
 * set of schemas the routes validate with and the web forms check against before sending.
 */

export const VISIT_MODES = ['digital', 'physical'] as const;
export const VISIT_STATUSES = ['planned', 'done', 'cancelled'] as const;
export const PROGRAMME_TYPES = ['sprint', 'relay'] as const;
export const REPORT_STATUSES = ['draft', 'submitted'] as const;
export const FOLLOWUP_STATUSES = ['open', 'in_progress', 'done', 'not_possible'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];

/** Limits shared by the server and the report form. */
export const VISIT_LIMITS = {
  participants: 20,
  companyParticipants: 20,
  topics: 40,
  topicNote: 1000,
  serviceText: LIMITS.note,
  notes: LIMITS.longText,
  need: 2000,
  logText: 2000,
  reason: 2000,
  feedbackSubject: LIMITS.shortText,
  feedbackText: LIMITS.longText,
  gradeMin: 1,
  gradeMax: 6,
} as const;

const isoInstant = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(64);
const version = z.number().int().min(0);
/** A key a form makes for one send of something it creates; the same key again gets the first's. */
const requestKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'ska vara 8–64 tecken a–z, 0–9, - eller _');

export const PersonRef = z.object({ id: z.string(), name: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

export const Programme = z.object({ type: z.enum(PROGRAMME_TYPES), id: z.string() });

// ---------------------------------------------------------------- visits

export const VisitDto = z.object({
  id: z.string(),
  company: z.object({ id: z.string(), name: z.string(), orgNr: z.string() }),
  programme: Programme.nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  mode: z.enum(VISIT_MODES),
  location: z.string(),
  meetingLink: z.string(),
  status: z.enum(VISIT_STATUSES),
  notes: z.string(),
  participants: z.array(PersonRef),
  version: z.number(),
  reportStatus: z.enum(['none', ...REPORT_STATUSES]),
  followups: z.object({ total: z.number(), open: z.number() }),
});
export type VisitDto = z.infer<typeof VisitDto>;

export const VISIT_PAGE_SIZE = 25;
export const VISIT_PAGE_SIZE_MAX = 200;

export const VisitListQuery = z.object({
  scope: z.enum(['mine', 'all']).default('mine'),
  companyId: id.optional(),
  programmeType: z.enum(PROGRAMME_TYPES).optional(),
  programmeId: id.optional(),
  /** Only visits outside any programme (call-ins, fairs). */
  unplanned: z.enum(['0', '1']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.enum(VISIT_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(VISIT_PAGE_SIZE_MAX).default(VISIT_PAGE_SIZE),
});

/** One page of visits, newest first (`scope=mine`: upcoming ones first, soonest first). */
export const VisitPage = z.object({
  items: z.array(VisitDto),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type VisitPage = z.infer<typeof VisitPage>;

const visitFields = {
  startsAt: isoInstant,
  endsAt: isoInstant,
  mode: z.enum(VISIT_MODES),
  location: z.string().trim().max(LIMITS.shortText).default(''),
  meetingLink: z.string().trim().max(1000).default(''),
  participantIds: z.array(id).min(1, 'minst en deltagare').max(VISIT_LIMITS.participants),
  notes: z.string().max(LIMITS.note).default(''),
};

/** A visit outside any programme: a call-in, a fair, a visit planned elsewhere. */
export const CreateVisitBody = z.object({
  companyId: id,
  ...visitFields,
  status: z.enum(['planned', 'done']).optional(),
  /**
   * Made by the form when it opens and sent with each send: the same key again returns the visit
   * the first send made (a double tap, a retry over a bad connection) instead of making another.
   */
  requestKey: requestKey.optional(),
});
export type CreateVisitBody = z.input<typeof CreateVisitBody>;

export const UpdateVisitBody = z.object({
  version,
  startsAt: isoInstant.optional(),
  endsAt: isoInstant.optional(),
  mode: z.enum(VISIT_MODES).optional(),
  location: z.string().trim().max(LIMITS.shortText).optional(),
  meetingLink: z.string().trim().max(1000).optional(),
  participantIds: visitFields.participantIds.optional(),
  notes: z.string().max(LIMITS.note).optional(),
  status: z.enum(['planned', 'done']).optional(),
});

export const VersionBody = z.object({ version });

// ---------------------------------------------------------------- the visit report

const grade = z
  .number()
  .int()
  .min(VISIT_LIMITS.gradeMin, 'ett betyg 1–6')
  .max(VISIT_LIMITS.gradeMax, 'ett betyg 1–6')
  .nullable();

export const CompanyParticipant = z.object({
  name: z.string().trim().min(1, 'ange ett namn').max(LIMITS.name),
  role: z.string().trim().max(LIMITS.shortText).default(''),
  email: z.union([z.literal(''), Email]).default(''),
});

export const ReportTopic = z.object({
  topicId: id,
  note: z.string().max(VISIT_LIMITS.topicNote).default(''),
});

export const ReportFields = z.object({
  companyParticipants: z.array(CompanyParticipant).max(VISIT_LIMITS.companyParticipants).default([]),
  topics: z
    .array(ReportTopic)
    .max(VISIT_LIMITS.topics)
    .default([])
    .refine((ts) => new Set(ts.map((t) => t.topicId)).size === ts.length, 'ett ämne finns med två gånger'),
  climateGrade: grade.default(null),
  serviceGrade: grade.default(null),
  serviceText: z.string().max(VISIT_LIMITS.serviceText).default(''),
  notes: z.string().max(VISIT_LIMITS.notes).default(''),
});
export type ReportFields = z.input<typeof ReportFields>;

/** A draft save: `version` is the one the writer last read (0 when there is no report yet). */
export const SaveReportBody = ReportFields.extend({ version });
export type SaveReportBody = z.input<typeof SaveReportBody>;

export const ReportDto = z.object({
  id: z.string().nullable(),
  visitId: z.string(),
  status: z.enum(REPORT_STATUSES),
  version: z.number(),
  companyParticipants: z.array(z.object({ name: z.string(), role: z.string(), email: z.string() })),
  topics: z.array(z.object({ topicId: z.string(), label: z.string(), note: z.string() })),
  climateGrade: z.number().nullable(),
  serviceGrade: z.number().nullable(),
  serviceText: z.string(),
  notes: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: PersonRef.nullable(),
  submittedAt: z.string().nullable(),
  /** Whether the signed-in user may write it (a participant of the visit, or an admin). */
  canEdit: z.boolean(),
});
export type ReportDto = z.infer<typeof ReportDto>;

/** 409 on a stale save: the server's copy, so the form can show what changed and merge. */
export const StaleReportResponse = z.object({
  error: z.object({ code: z.literal('STALE'), message: z.string() }),
  current: ReportDto,
});

// ---------------------------------------------------------------- follow-ups

const ownerFields = {
  ownerUserId: id.nullable().default(null),
  ownerDepartment: z.string().trim().max(LIMITS.shortText).nullable().default(null),
};

export const CreateFollowupBody = z
  .object({
    need: z.string().trim().min(1, 'skriv vad företaget behöver').max(VISIT_LIMITS.need),
    topicId: id.nullable().default(null),
    ...ownerFields,
    dueDate: isoDate,
    /** The form's key for this send: the same send again gets the follow-up (and e-mail) the first made. */
    requestKey: requestKey.optional(),
  })
  .refine((b) => Boolean(b.ownerUserId) !== Boolean(b.ownerDepartment), {
    path: ['ownerUserId'],
    message: 'välj en ansvarig person eller skriv en förvaltning',
  });
export type CreateFollowupBody = z.input<typeof CreateFollowupBody>;

export const UpdateFollowupBody = z.object({
  version,
  need: z.string().trim().min(1).max(VISIT_LIMITS.need).optional(),
  ownerUserId: id.nullable().optional(),
  ownerDepartment: z.string().trim().max(LIMITS.shortText).nullable().optional(),
  dueDate: isoDate.optional(),
  status: z.enum(FOLLOWUP_STATUSES).optional(),
  /** Why it is not possible: required when the status becomes not_possible. */
  reason: z.string().trim().max(VISIT_LIMITS.reason).optional(),
  /** What was done, written to the log together with the change. */
  note: z.string().trim().max(VISIT_LIMITS.logText).optional(),
});
export type UpdateFollowupBody = z.input<typeof UpdateFollowupBody>;

export const AddFollowupLogBody = z.object({
  text: z.string().trim().min(1, 'skriv vad som gjorts').max(VISIT_LIMITS.logText),
});

/**
 * What a log entry says, kept beside its Swedish text so that the page shows it in the reader's
 * language: who came to own it and by when (created), a new owner, a new due date, a new status
 * (with why, when not possible), who was reminded that it is overdue.
 */
export const FollowupLogData = z.discriminatedUnion('type', [
  z.object({ type: z.literal('created'), owner: z.string(), due: z.string() }),
  z.object({ type: z.literal('owner'), owner: z.string() }),
  z.object({ type: z.literal('due'), due: z.string(), was: z.string() }),
  z.object({ type: z.literal('status'), status: z.enum(FOLLOWUP_STATUSES), reason: z.string() }),
  z.object({ type: z.literal('notified'), to: z.array(z.string()) }),
]);
export type FollowupLogData = z.infer<typeof FollowupLogData>;

export const FollowupLogEntry = z.object({
  id: z.string(),
  at: z.string(),
  by: PersonRef.nullable(),
  kind: z.string(),
  /** Swedish, as written; for a note, the note. */
  text: z.string(),
  /** What it says, to be shown in the reader's language; null for notes and entries from before it was kept. */
  data: FollowupLogData.nullable(),
});
export type FollowupLogEntry = z.infer<typeof FollowupLogEntry>;

export const FollowupDto = z.object({
  id: z.string(),
  visitId: z.string(),
  visitStartsAt: z.string(),
  company: z.object({ id: z.string(), name: z.string() }),
  need: z.string(),
  topic: z.object({ id: z.string(), label: z.string() }).nullable(),
  owner: z.object({
    user: PersonRef.nullable(),
    department: z.string().nullable(),
    label: z.string(),
    /** The owner person has been deactivated, or is no longer staff: someone should take it over. */
    inactive: z.boolean(),
  }),
  dueDate: z.string(),
  status: z.enum(FOLLOWUP_STATUSES),
  reason: z.string(),
  version: z.number(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  overdue: z.boolean(),
  /** Days since it was created. */
  ageDays: z.number(),
  log: z.array(FollowupLogEntry).optional(),
  /**
   * Whether the signed-in user may change it (its owner, who created it, the visit's participants,
   * admins). Given with the one follow-up (and its log), not in the lists.
   */
  canEdit: z.boolean().optional(),
});
export type FollowupDto = z.infer<typeof FollowupDto>;

export const FollowupListQuery = z.object({
  scope: z.enum(['mine', 'open', 'overdue', 'all']).default('mine'),
  visitId: id.optional(),
  companyId: id.optional(),
  ownerUserId: id.optional(),
});

// ---------------------------------------------------------------- feedback

export const FeedbackDraftDto = z.object({
  to: z.string(),
  recipients: z.array(z.object({ address: z.string(), label: z.string() })),
  subject: z.string(),
  text: z.string(),
  /** While the visit is ahead (or under way), when it ends: feedback is sent after the visit. Null when it can be sent. */
  sendableFrom: z.string().nullable(),
});
export type FeedbackDraftDto = z.infer<typeof FeedbackDraftDto>;

export const SendFeedbackBody = z.object({
  to: Email,
  subject: z.string().trim().min(1, 'skriv en ämnesrad').max(VISIT_LIMITS.feedbackSubject),
  text: z.string().trim().min(1, 'skriv ett meddelande').max(VISIT_LIMITS.feedbackText),
  /** The composer's key for this send: the same send again (a retry) gets the first, not a second e-mail. */
  requestKey: requestKey.optional(),
  /**
   * The sender has seen the feedback already sent for the visit and sends another: without it, a
   * visit that has had feedback (not failed) is refused, so two people do not both write to the company.
   */
  again: z.boolean().default(false),
});
export type SendFeedbackBody = z.input<typeof SendFeedbackBody>;

export const FeedbackDto = z.object({
  id: z.string(),
  visitId: z.string().nullable(),
  companyId: z.string(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  sentAt: z.string(),
  sentBy: PersonRef.nullable(),
  emailStatus: z.string(),
});
export type FeedbackDto = z.infer<typeof FeedbackDto>;

export const FeedbackMissingItem = z.object({
  visitId: z.string(),
  company: z.object({ id: z.string(), name: z.string() }),
  startsAt: z.string(),
  daysSince: z.number(),
  lastFeedbackAt: z.string().nullable(),
  participants: z.array(PersonRef),
  followups: z.object({ total: z.number(), open: z.number() }),
});
export type FeedbackMissingItem = z.infer<typeof FeedbackMissingItem>;

// ---------------------------------------------------------------- company history

export const HISTORY_KINDS = ['visit', 'report', 'followup', 'feedback', 'registration', 'email'] as const;

export const HistoryEntry = z.object({
  id: z.string(),
  kind: z.enum(HISTORY_KINDS),
  at: z.string(),
  title: z.string(),
  detail: z.string(),
  visitId: z.string().nullable(),
  topics: z.array(z.string()),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const CompanyHistoryDto = z.object({
  company: z.object({ id: z.string(), name: z.string(), orgNr: z.string() }),
  items: z.array(HistoryEntry),
});
export type CompanyHistoryDto = z.infer<typeof CompanyHistoryDto>;

// ---------------------------------------------------------------- programme (sprint day) report

export const ProgrammeReportQuery = z.object({
  programmeType: z.enum(PROGRAMME_TYPES),
  programmeId: id,
  /** One day (Europe/Stockholm); all days of the programme when left out. */
  date: isoDate.optional(),
});

/** A topic and how many companies raised it; `label` is Swedish (the exports), `labelEn` for the English page. */
const counted = z.object({ topicId: z.string(), label: z.string(), labelEn: z.string(), count: z.number() });
const gradeSummary = z.object({
  count: z.number(),
  average: z.number().nullable(),
  /** How many gave 1, 2, … 6. */
  distribution: z.array(z.number()),
});

export const ReportRow = z.object({
  visitId: z.string(),
  startsAt: z.string(),
  companyName: z.string(),
  orgNr: z.string(),
  sniSection: z.string(),
  /** In Swedish, as the exports write them; the codes below are for the page to say in its language. */
  mode: z.string(),
  status: z.string(),
  participants: z.string(),
  reportStatus: z.string(),
  climateGrade: z.number().nullable(),
  serviceGrade: z.number().nullable(),
  topics: z.string(),
  statusCode: z.enum(['planned', 'done', 'cancelled']),
  reportStatusCode: z.enum(['none', 'draft', 'submitted']),
  topicsEn: z.string(),
  followupsCreated: z.number(),
  followupsDone: z.number(),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const ProgrammeReportDto = z.object({
  programme: z.object({ type: z.enum(PROGRAMME_TYPES), id: z.string(), name: z.string().nullable() }),
  date: z.string().nullable(),
  companiesMet: z.number(),
  visits: z.object({ total: z.number(), done: z.number(), cancelled: z.number(), withReport: z.number() }),
  byWhom: z.array(z.object({ id: z.string(), name: z.string(), visits: z.number() })),
  topics: z.array(counted),
  topicsBySection: z.array(
    z.object({
      section: z.string(),
      /** The SNI section's letter; null when the company's industry is not known. */
      sectionCode: z.string().nullable(),
      companies: z.number(),
      topics: z.array(counted),
    }),
  ),
  grades: z.object({ climate: gradeSummary, service: gradeSummary }),
  followups: z.object({ created: z.number(), done: z.number(), notPossible: z.number(), open: z.number() }),
  rows: z.array(ReportRow),
});
export type ProgrammeReportDto = z.infer<typeof ProgrammeReportDto>;
