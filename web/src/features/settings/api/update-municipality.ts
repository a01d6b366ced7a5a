import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { UpdateMunicipalityBody } from '@contracts/municipality';
import { api } from '../../../lib/api';
import { municipalityQueryKey, type Municipality } from '../../../lib/municipality';
import { meQueryKey } from '../../../lib/session';

export type UpdateMunicipalityInput = z.input<typeof UpdateMunicipalityBody>;

export function updateMunicipality(input: UpdateMunicipalityInput): Promise<Municipality> {
  return api.patch('/api/municipality', input);
}

export function useUpdateMunicipality() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: updateMunicipality,
    onSuccess: (m) => {
      qc.setQueryData(municipalityQueryKey, m);
      // The header shows the municipality's name from the session.
      void qc.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
