import { z } from 'zod';
import { Email, LIMITS } from './common';

export const TopicDto = z.object({
  id: z.string(),
  slug: z.string(),
  labelSv: z.string(),
  labelEn: z.string(),
  sortOrder: z.number(),
  active: z.boolean(),
});

/**
 * The topic list, all of it, and its version: a save carries the version it was edited from, so
 * two admins editing at once do not overwrite each other's changes unseen.
 */
export const TopicList = z.object({ items: z.array(TopicDto), version: z.string() });

export const SaveTopicsBody = z.object({
  version: z.string().min(1).max(128),
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
    .max(100)
    .superRefine((topics, ctx) => {
      // A topic is known by its code, so two rows with one code would be saved as one (the later
      // overwriting the earlier); two with one Swedish name could not be told apart.
      const bySlug = new Map<string, number>();
      const byName = new Map<string, number>();
      topics.forEach((tp, i) => {
        const first = bySlug.get(tp.slug);
        if (first !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [i, 'slug'],
            message: `finns redan för ämnet ”${topics[first]!.labelSv}” (rad ${first + 1}); välj en annan kod`,
          });
        else bySlug.set(tp.slug, i);
        const name = tp.labelSv.toLocaleLowerCase('sv');
        const same = byName.get(name);
        if (same !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [i, 'labelSv'],
            message: `är samma som ämnet på rad ${same + 1}; varje ämne behöver ett eget namn`,
          });
        else byName.set(name, i);
      });
    }),
});

export const MunicipalitySettingsDto = z.object({
  feedbackDays: z.number().int().min(1).max(365),
  replyTo: z.string().max(LIMITS.email),
  unitName: z.string().max(LIMITS.shortText),
  retentionMonths: z.number().int().min(1).max(240),
});

/**
 * Whose service this is, for the public pages (the accessibility statement must name the
 * municipality and how to reach it, signed in or not): the name and the business unit's name and
 * shared mailbox, which every e-mail from Besök already gives as its reply address. Nothing else.
 */
export const PublicMunicipality = z.object({ name: z.string(), unitName: z.string(), replyTo: z.string() });

export const MunicipalityDto = z.object({
  id: z.string(),
  name: z.string(),
  kommunkod: z.string(),
  settings: MunicipalitySettingsDto,
  /** What the record was when read: a save from an older page is refused (STALE), not merged unseen. */
  version: z.string(),
});

/** Settings as an admin saves them: the reply address an e-mail address or empty, the unit named. */
const MunicipalitySettingsInput = MunicipalitySettingsDto.extend({
  replyTo: z
    .string()
    .trim()
    .toLowerCase()
    .max(LIMITS.email)
    .refine(
      (v) => v === '' || Email.safeParse(v).success,
      'ska vara en e-postadress, till exempel naringsliv@kommun.se',
    ),
  unitName: z.string().trim().min(1).max(LIMITS.shortText),
});

export const UpdateMunicipalityBody = z
  .object({
    name: z.string().trim().min(1).max(LIMITS.name),
    kommunkod: z.string().regex(/^\d{4}$/, 'ska vara fyra siffror, till exempel 1488'),
    settings: MunicipalitySettingsInput,
    /** The `version` read; when given, a save over a newer record is refused. */
    version: z.string().max(128),
    /**
     * A shorter retention period clears, at once and for good, what is older than it: the save
     * says so, and goes through only with this set.
     */
    confirmRetention: z.boolean(),
  })
  .partial();
