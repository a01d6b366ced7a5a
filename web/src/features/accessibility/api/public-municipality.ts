import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { PublicMunicipality as PublicMunicipalityDto } from '@contracts/municipality';
import { api } from '../../../lib/api';

/**
 * Whose service this is, as anyone may read it (GET /api/municipality/public): the statement names
 * the municipality and its unit's contact signed out too. Under the municipality's key, so a save
 * of its settings refreshes it.
 */
export type PublicMunicipality = z.infer<typeof PublicMunicipalityDto>;

export function usePublicMunicipality() {
  return useQuery({
    queryKey: ['municipality', 'public'],
    queryFn: ({ signal }) => api.get<PublicMunicipality>('/api/municipality/public', signal),
    staleTime: 60_000,
  });
}
