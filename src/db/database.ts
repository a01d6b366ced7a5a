import type { Transaction as KyselyTransaction, Kysely } from 'kysely';
import type { MunicipalityTables } from '../modules/municipality/municipality.table';
import type { StaffTables } from '../modules/staff/user.table';
import type { AuthTables } from '../modules/auth/session.table';
import type { JobTables } from '../modules/jobs/job.table';
import type { MailTables } from '../modules/mail/email.table';
import type { AuditTables } from '../modules/audit/audit.table';
import type { CompanyTables } from '../modules/companies/company.table';
import type { VisitTables } from '../modules/visits/visit.table';
import type { RelayTables } from '../modules/relay/relay.table';
import type { ReportTables } from '../modules/visits/report.table';
import type { FollowupTables } from '../modules/followups/followup.table';
import type { FeedbackTables } from '../modules/feedback/feedback.table';
import type { SprintTables } from '../modules/sprints/sprint.table';

/** Every table, composed from the modules' own `*.table.ts` files. Add a module's tables here. */
export interface Database
  extends
    MunicipalityTables,
    StaffTables,
    AuthTables,
    JobTables,
    MailTables,
    AuditTables,
    CompanyTables,
    VisitTables,
    ReportTables,
    FollowupTables,
    FeedbackTables,
    SprintTables,
    RelayTables {}

export type DB = Kysely<Database>;
export type Transaction = KyselyTransaction<Database>;
/** Either the database or an open transaction: for repository functions that may run in both. */
export type Executor = Kysely<Database> | KyselyTransaction<Database>;
