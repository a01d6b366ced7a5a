import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ReportDto, SaveReportBody } from '@contracts/visits';
import { api } from '../../../lib/api';

export type Report = z.infer<typeof ReportDto>;
export type SaveReportInput = z.input<typeof SaveReportBody>;

export const reportKey = (visitId: string) => ['visits', 'report', visitId] as const;

export function getReport(visitId: string, signal?: AbortSignal): Promise<Report> {
  return api.get(`/api/visits/${encodeURIComponent(visitId)}/report`, signal);
}

export function useReport(visitId: string) {
  // Fresh from the server each time the form opens; while it is open the form owns the copy
  // (no refetch on focus overwriting what is typed — a concurrent save is merged on STALE).
  return useQuery({
    queryKey: reportKey(visitId),
    queryFn: ({ signal }) => getReport(visitId, signal),
    refetchOnMount: 'always',
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
}

/** A draft save; a stale one is refused with 409 STALE and the server's copy (ApiError + body). */
export function saveReport(visitId: string, body: SaveReportInput): Promise<Report> {
  return api.put(`/api/visits/${encodeURIComponent(visitId)}/report`, body);
}

export function submitReport(visitId: string, version: number): Promise<Report> {
  return api.post(`/api/visits/${encodeURIComponent(visitId)}/report/submit`, { version });
}
