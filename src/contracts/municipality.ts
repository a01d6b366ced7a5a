import { z } from 'zod';
import { LIMITS } from './common';

export const TopicDto = z.object({
  id: z.string(),
  slug: z.string(),
  labelSv: z.string(),
  labelEn: z.string(),
  sortOrder: z.number(),
  active: z.boolean(),
});

export const SaveTopicsBody = z.object({
  topics: z
    .array(
      z.object({
        slug: z
          .string()
          .trim()
          .min(1)
          .max(64)
          .regex(/^[a-z0-9-]+$/, 'bara a–z, 0–9 och bindestreck'),
        labelSv: z.string().trim().min(1).max(LIMITS.shortText),
        labelEn: z.string().trim().min(1).max(LIMITS.shortText),
        active: z.boolean().default(true),
      }),
    )
    .min(1)
    .max(100),
});

export const MunicipalitySettingsDto = z.object({
  feedbackDays: z.number().int().min(1).max(365),
  replyTo: z.string().max(LIMITS.email),
  unitName: z.string().max(LIMITS.shortText),
  retentionMonths: z.number().int().min(1).max(240),
});

export const MunicipalityDto = z.object({
  id: z.string(),
  name: z.string(),
  kommunkod: z.string(),
  settings: MunicipalitySettingsDto,
});

export const UpdateMunicipalityBody = z
  .object({
    name: z.string().trim().min(1).max(LIMITS.name),
    kommunkod: z.string().regex(/^\d{4}$/, 'fyra siffror'),
    settings: MunicipalitySettingsDto,
  })
  .partial();
