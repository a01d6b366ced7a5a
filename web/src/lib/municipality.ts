import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MunicipalityDto } from '@contracts/municipality';
import { api, isApiError } from './api';

/**
 * The municipality's settings, read by several features (start page, settings form), so the query
 * lives in lib/. Signed out, the API refuses it: then `null` (the accessibility statement, public,
 * reads GET /api/municipality/public instead).
 */
export type Municipality = z.infer<typeof MunicipalityDto>;

export const municipalityQueryKey = ['municipality'] as const;

export async function getMunicipality(): Promise<Municipality | null> {
  try {
    return await api.get<Municipality>('/api/municipality');
  } catch (err) {
    if (isApiError(err, 401) || isApiError(err, 403)) return null;
    throw err;
  }
}

export function useMunicipality(enabled = true) {
  return useQuery({ queryKey: municipalityQueryKey, queryFn: getMunicipality, enabled, staleTime: 60_000 });
}
