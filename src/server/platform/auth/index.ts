export { hashPassword, verifyPassword, passwordProblem } from './passwords.js';
export { login, logout, actorForSession, actorFor, endSessionsOf, LOCKOUT_THRESHOLD, LOCKOUT_MINUTES } from './sessions.js';
export {
  createAccount, replaceScopes, setPassword, updateAccount, getAccount, listAccounts, accountsCovering,
  type Account, type AccountScope, type NewAccount,
} from './accounts.js';
