/** Response and request types of the API, inferred from the shared zod contracts (types only: no zod at runtime here). */
import type { z } from 'zod';
import type { AuditEntryView, JobView, Me } from '../../shared/contracts/auth.js';
import type { ImportSummary, NewPerson, PeoplePage, PersonView, UnmaskResult } from '../../shared/contracts/people.js';
import type { RegionDetail, RegionView } from '../../shared/contracts/regions.js';
import type { NewUser, UpdateUser, UserView } from '../../shared/contracts/users.js';
import type { NewTask, TaskView } from '../../shared/tasks.js';
import type { ResponseView } from '../../shared/response.js';

export type { Me, JobView, PeoplePage, PersonView, RegionDetail, RegionView, UserView, TaskView, ResponseView };
export type AuditEntry = z.infer<typeof AuditEntryView>;
export type NewPersonInput = z.input<typeof NewPerson>;
export type Unmasked = z.infer<typeof UnmaskResult>;
export type NewUserInput = z.input<typeof NewUser>;
export type UpdateUserInput = z.input<typeof UpdateUser>;
export type NewTaskInput = z.input<typeof NewTask>;
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type ImportResult = NonNullable<ImportSummary['result']>;
export type ExportResult = { fileId: string; rows: number };
export type JobAccepted = { jobId: string };
