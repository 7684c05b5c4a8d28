import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../roles.js';

export const LoginRequest = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  permissions: z.array(z.enum(PERMISSIONS)),
  scopes: z.array(z.object({ code: z.string(), name: z.string(), capture: z.boolean() })),
});
export type Me = z.infer<typeof Me>;

export const ChangePassword = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(8).max(200),
});

export const AuditEntryView = z.object({
  id: z.string(),
  at: z.string(),
  username: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  result: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.unknown().nullable(),
  ip: z.string().nullable(),
});

export const AuditQuery = z.object({
  subjectType: z.string().max(40).optional(),
  subjectId: z.string().max(40).optional(),
  action: z.string().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().max(40).optional(),
});

export const JobView = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  done: z.number(),
  total: z.number(),
  message: z.string().nullable(),
  result: z.unknown().nullable(),
});
export type JobView = z.infer<typeof JobView>;
