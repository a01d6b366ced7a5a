import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SaveTopicsBody } from '@contracts/municipality';
import { api } from '../../../lib/api';
import type { Topic } from './get-topics';

export type SaveTopicsInput = z.input<typeof SaveTopicsBody>;

/** Replaces the municipality's topic list; the order of the array is the order shown everywhere. */
export function saveTopics(input: SaveTopicsInput): Promise<{ items: Topic[]; version: string }> {
  return api.put('/api/topics', input);
}

export function useSaveTopics() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: saveTopics,
    // Every list of topics in the app (staff expertise and others) is under ['topics'].
    onSuccess: () => qc.invalidateQueries({ queryKey: ['topics'] }),
  });
}
