import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ProgrammeReportDto } from '@contracts/visits';
import { api, toQuery } from '../../../lib/api';

export type ProgrammeReport = z.infer<typeof ProgrammeReportDto>;

export interface ReportParams {
  programmeType: 'sprint' | 'relay';
  programmeId: string;
  date?: string;
}

export function reportQuery(p: ReportParams): string {
  return toQuery({ programmeType: p.programmeType, programmeId: p.programmeId, date: p.date });
}

export function useProgrammeReport(p: ReportParams) {
  return useQuery({
    queryKey: ['reports', 'programme', p],
    queryFn: ({ signal }) => api.get<ProgrammeReport>(`/api/reports/programme${reportQuery(p)}`, signal),
  });
}

/**
 * A download of the report: the page as PDF, the rows as .xlsx (with a summary sheet), as the CSV
 * Swedish Excel opens by double-click (`excel`: semicolons, a byte-order mark, CRLF) or as plain
 * CSV (comma, UTF-8) for other programs.
 */
export function exportUrl(p: ReportParams, format: 'pdf' | 'xlsx' | 'excel' | 'csv'): string {
  return `/api/reports/programme/export${reportQuery(p)}&format=${format}`;
}
