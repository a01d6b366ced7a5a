import { z } from 'zod';
import { Email, LIMITS } from './common';

export const ROLE_VALUES = ['viewer', 'staff', 'admin'] as const;
export const STAFF_GROUP_VALUES = ['politician', 'leadership', 'business', 'department', 'other'] as const;
export const PARTY_VALUES = ['majority', 'opposition'] as const;

export const StaffMember = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  title: z.string(),
  phone: z.string(),
  role: z.enum(ROLE_VALUES),
  group: z.enum(STAFF_GROUP_VALUES),
  party: z.enum(PARTY_VALUES).nullable(),
  expertise: z.array(z.string()),
  active: z.boolean(),
});
export type StaffMember = z.infer<typeof StaffMember>;

/** The fields of a person as they are edited, without defaults: a partial update leaves out what it does not change. */
const editableFields = {
  name: z.string().trim().min(1).max(LIMITS.name),
  title: z.string().trim().max(LIMITS.shortText),
  phone: z.string().trim().max(LIMITS.phone),
  role: z.enum(ROLE_VALUES),
  group: z.enum(STAFF_GROUP_VALUES),
  party: z.enum(PARTY_VALUES).nullable(),
  expertise: z.array(z.string().max(64)).max(50),
};

const staffFields = {
  ...editableFields,
  title: editableFields.title.default(''),
  phone: editableFields.phone.default(''),
  party: editableFields.party.default(null),
  expertise: editableFields.expertise.default([]),
};

export const CreateStaffBody = z.object({
  email: Email,
  ...staffFields,
  password: z.string().min(10).max(LIMITS.password).optional(),
});
// No defaults here (zod 4 applies a default even inside .partial()): `{ active: false }` must not
// clear the title, phone, party and expertise.
export const UpdateStaffBody = z
  .object({
    ...editableFields,
    /** A corrected or new address to sign in with (a typo, a new surname). */
    email: Email,
    active: z.boolean(),
    password: z.string().min(10).max(LIMITS.password),
  })
  .partial();

/** What a signed-in person may change about themselves (PATCH /api/auth/me); role, group, party and active are an admin's. */
export const UpdateMeBody = z
  .object({
    name: editableFields.name,
    title: editableFields.title,
    phone: editableFields.phone,
    expertise: editableFields.expertise,
  })
  .partial()
  .strict();

/** POST /api/auth/password. */
export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(LIMITS.password),
  newPassword: z.string().min(10).max(LIMITS.password),
});

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLE_VALUES),
  group: z.enum(STAFF_GROUP_VALUES),
  party: z.enum(PARTY_VALUES).nullable(),
  title: z.string(),
  phone: z.string(),
  expertise: z.array(z.string()),
  municipality: z.object({ id: z.string(), name: z.string(), kommunkod: z.string() }),
});

/**
 * GET /api/auth/session: who is signed in, `null` when nobody is. Public, so that the app's first
 * question on load is an ordinary answer rather than a 401 (which browsers log as an error).
 */
export const SessionInfo = z.object({ user: Me.nullable() });

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().min(1).max(LIMITS.email),
  password: z.string().min(1).max(LIMITS.password),
});
