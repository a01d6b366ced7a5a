import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ImportStarted } from '@contracts/companies';
import { upload } from '../../../lib/api';

export interface StartImportInput {
  file: File;
  /** Extra header mappings, "Header=field,…" (the CLI's --map). */
  map?: string;
  onProgress?: (fraction: number) => void;
}

/** Uploads a register file; the server answers at once with the run's id and imports in the background. */
export function startImport({
  file,
  map,
  onProgress,
}: StartImportInput): Promise<z.infer<typeof ImportStarted>> {
  const form = new FormData();
  // Fields before the file: the server reads them with the file part.
  if (map) form.append('map', map);
  form.append('file', file, file.name);
  return upload('/api/companies/imports', form, onProgress);
}

export function useStartImport() {
  return useMutation({ mutationFn: startImport });
}
