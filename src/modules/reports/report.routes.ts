import { z } from 'zod';
import { zod, errorResponses, type RouteApp } from '../../server/route-types';
import { ProgrammeReportDto, ProgrammeReportQuery } from '../../contracts/visits';
import { currentUser } from '../../server/plugins/auth';
import { programmeReport } from './programme-report.service';
import { reportRowsToCsv } from './report-export';

const tags = ['reports'];

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

  r.get(
    '/api/reports/programme.csv',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        querystring: ProgrammeReportQuery.extend({ format: z.enum(['csv', 'excel']).default('csv') }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const report = await programmeReport(db(), currentUser(req), q);
      const name = `besoksrapport-${q.programmeType}${q.date ? `-${q.date}` : ''}${format === 'excel' ? '-excel' : ''}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(reportRowsToCsv(report.rows, format));
    },
  );
}
