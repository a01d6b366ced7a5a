import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { z } from 'zod';
import type { PostalAreasResponse } from '@contracts/companies';

export function getPostalAreas(signal?: AbortSignal): Promise<z.infer<typeof PostalAreasResponse>> {
  return api.get(`/api/postal-areas`, signal);
}

export function usePostalAreas() {
  return useQuery({
    queryKey: ['companies', 'postal-areas'],
    queryFn: ({ signal }) => getPostalAreas(signal),
    staleTime: 5 * 60_000,
  });
}
