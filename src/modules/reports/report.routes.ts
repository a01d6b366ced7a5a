import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { zod, errorResponses, type RouteApp } from '../../server/route-types';
import { ProgrammeReportDto, ProgrammeReportQuery } from '../../contracts/visits';
import { currentUser } from '../../server/plugins/auth';
import { findMunicipality } from '../municipality/municipality.repository';
import { programmeReport } from './programme-report.service';
import { reportRowsToCsv } from './report-export';
import { reportToPdf } from './report-pdf';
import { reportToXlsx } from './report-xlsx';

const tags = ['reports'];

export const EXPORT_FORMATS = ['csv', 'excel', 'xlsx', 'pdf'] as const;
type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  excel: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** besoksrapport-sprint-2026-03-10.pdf (ASCII only, so every browser keeps it). */
export function exportFilename(
  q: { programmeType: string; date?: string | undefined },
  format: ExportFormat,
) {
  const base = `besoksrapport-${q.programmeType}${q.date ? `-${q.date}` : ''}`;
  return format === 'excel' ? `${base}-excel.csv` : `${base}.${format}`;
}

export async function reportRoutes(app: RouteApp): Promise<void> {
  const r = zod(app);
  const db = () => app.db.kysely;

  // Management (viewers) read the day's report: it holds counts, grades and company names,
  // no contact persons.
  r.get(
    '/api/reports/programme',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        querystring: ProgrammeReportQuery,
        response: { 200: ProgrammeReportDto, ...errorResponses },
      },
    },
    async (req) => programmeReport(db(), currentUser(req), req.query),
  );

  const send = async (
    reply: FastifyReply,
    user: ReturnType<typeof currentUser>,
    format: ExportFormat,
    q: z.output<typeof ProgrammeReportQuery>,
  ) => {
    const report = await programmeReport(db(), user, q);
    const now = app.clock.now();
    let body: string | Buffer;
    switch (format) {
      case 'csv':
      case 'excel':
        body = reportRowsToCsv(report.rows, format);
        break;
      case 'xlsx':
        body = await reportToXlsx(report, now);
        break;
      case 'pdf': {
        const m = await findMunicipality(db());
        const unit = m ? `${m.settings.unitName || 'Näringslivsenheten'}, ${m.name}` : undefined;
        body = await reportToPdf(report, { now, ...(unit ? { unit } : {}) });
        break;
      }
    }
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="${exportFilename(q, format)}"`)
      .header('cache-control', 'no-store')
      .send(body);
  };

  // The downloads of the report page: the page as a PDF, the rows as .xlsx (with a summary
  // sheet), as CSV, and as the CSV that Swedish Excel opens by double-click.
  r.get(
    '/api/reports/programme/export',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        querystring: ProgrammeReportQuery.extend({ format: z.enum(EXPORT_FORMATS) }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return send(reply, currentUser(req), format, q);
    },
  );

  // The first address of the CSV downloads, kept for links already shared.
  r.get(
    '/api/reports/programme.csv',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        querystring: ProgrammeReportQuery.extend({ format: z.enum(EXPORT_FORMATS).default('csv') }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return send(reply, currentUser(req), format, q);
    },
  );
}
