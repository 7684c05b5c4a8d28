import type { UiKey } from '../../../shared/i18n/index.js';

/** Audited actions the server records, with their labels. Unknown actions are shown by their code. */
export const AUDIT_ACTIONS: Record<string, UiKey> = {
  'people.unmask': 'audit.action.people.unmask',
  'people.lookup': 'audit.action.people.lookup',
  'people.create': 'audit.action.people.create',
  'people.import': 'audit.action.people.import',
  'people.export': 'audit.action.people.export',
  'auth.login': 'audit.action.auth.login',
  'auth.logout': 'audit.action.auth.logout',
  'auth.password_change': 'audit.action.auth.password_change',
  'access.denied': 'audit.action.access.denied',
  'users.create': 'audit.action.users.create',
  'users.update': 'audit.action.users.update',
  'users.reset_password': 'audit.action.users.reset_password',
  'tasks.assign': 'audit.action.tasks.assign',
  'tasks.move': 'audit.action.tasks.move',
  'response.start': 'audit.action.response.start',
  'response.mode': 'audit.action.response.mode',
  'organizations.create': 'audit.action.organizations.create',
};

export const SUBJECT_TYPES: Record<string, UiKey> = {
  person: 'audit.subject.person',
  user: 'audit.subject.user',
  task: 'audit.subject.task',
  response: 'audit.subject.response',
  organization: 'audit.subject.organization',
};
