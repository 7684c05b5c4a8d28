import { z } from 'zod';
import { ROLES } from '../roles.js';
import { RegionCode } from './common.js';

export const ScopeInput = z.object({ code: RegionCode, capture: z.boolean().default(true) });

export const NewUser = z.object({
  username: z.string().trim().regex(/^[a-zA-Z0-9_.-]{3,32}$/, 'username: 3–32 letters, digits, _ . -'),
  password: z.string().min(8).max(200),
  displayName: z.string().trim().min(1).max(40),
  role: z.enum(ROLES),
  organizationId: z.string().max(40).nullable().optional(),
  scopes: z.array(ScopeInput).max(50),
});

export const UpdateUser = z.object({
  displayName: z.string().trim().min(1).max(40).optional(),
  role: z.enum(ROLES).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  organizationId: z.string().max(40).nullable().optional(),
  scopes: z.array(ScopeInput).max(50).optional(),
});

export const ResetPassword = z.object({ password: z.string().min(8).max(200) });

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  organizationId: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  locked: z.boolean(),
  scopes: z.array(z.object({ code: z.string(), name: z.string(), capture: z.boolean() })),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;
