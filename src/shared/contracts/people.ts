import { z } from 'zod';
import { DOC_TYPES, PERSON_TAGS, RECORDED_TAGS } from '../people.js';
import { Paging, RegionCode, pageOf } from './common.js';

export const PeopleQuery = Paging.extend({
  name: z.string().trim().min(1).max(30).optional(),
  idNumber: z.string().trim().min(4).max(30).optional(),
  phone: z.string().trim().min(6).max(20).optional(),
  region: RegionCode.optional(),
  tag: z.enum(PERSON_TAGS).optional(),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;

export const PersonView = z.object({
  id: z.string(),
  name: z.string(),
  docType: z.enum(DOC_TYPES),
  docNumber: z.string(),
  gender: z.enum(['M', 'F']).nullable(),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  phone: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
  tags: z.array(z.enum(PERSON_TAGS)),
  status: z.string(),
  masked: z.boolean(),
});
export type PersonView = z.infer<typeof PersonView>;

export const PeoplePage = pageOf(PersonView);
export type PeoplePage = z.infer<typeof PeoplePage>;

/** Fields are strings as typed; the server validates them and answers field by field. */
export const NewPerson = z.object({
  docType: z.enum(DOC_TYPES).default('resident_id'),
  docNumber: z.string().max(40),
  name: z.string().max(60),
  phone: z.string().max(20).optional().nullable(),
  regionCode: z.string().max(18),
  address: z.string().max(200).optional().nullable(),
  tags: z.array(z.enum(RECORDED_TAGS)).max(10).default([]),
});
export type NewPerson = z.infer<typeof NewPerson>;

export const UNMASK_FIELDS = ['docNumber', 'phone', 'name'] as const;
export const UnmaskRequest = z.object({
  fields: z.array(z.enum(UNMASK_FIELDS)).min(1),
  reason: z.string().trim().min(2, 'reason').max(200),
});
export const UnmaskResult = z.object({
  docNumber: z.string().optional(),
  phone: z.string().nullable().optional(),
  name: z.string().optional(),
});

export const ImportSummary = z.object({
  jobId: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  done: z.number(),
  total: z.number(),
  result: z
    .object({
      created: z.number(),
      merged: z.number(),
      unchanged: z.number(),
      errorRows: z.number(),
      reportFileId: z.string().nullable(),
      errors: z.array(z.object({ row: z.number(), field: z.string(), message: z.string() })),
    })
    .nullable(),
  message: z.string().nullable(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;
