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

const staffFields = {
  name: z.string().trim().min(1).max(LIMITS.name),
  title: z.string().trim().max(LIMITS.shortText).default(''),
  phone: z.string().trim().max(LIMITS.phone).default(''),
  role: z.enum(ROLE_VALUES),
  group: z.enum(STAFF_GROUP_VALUES),
  party: z.enum(PARTY_VALUES).nullable().default(null),
  expertise: z.array(z.string().max(64)).max(50).default([]),
};

export const CreateStaffBody = z.object({
  email: Email,
  ...staffFields,
  password: z.string().min(10).max(LIMITS.password).optional(),
});
export const UpdateStaffBody = z
  .object({ ...staffFields, active: z.boolean(), password: z.string().min(10).max(LIMITS.password) })
  .partial();

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLE_VALUES),
  group: z.enum(STAFF_GROUP_VALUES),
  party: z.enum(PARTY_VALUES).nullable(),
  municipality: z.object({ id: z.string(), name: z.string(), kommunkod: z.string() }),
});

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().min(1).max(LIMITS.email),
  password: z.string().min(1).max(LIMITS.password),
});
