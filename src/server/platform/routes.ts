import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorMessage } from '../../shared/messages.js';
import { ROLE_PERMISSIONS } from '../../shared/roles.js';
import { AuditEntryView, AuditQuery, ChangePassword, JobView, LoginRequest, Me } from '../../shared/contracts/auth.js';
import { Ok } from '../../shared/contracts/common.js';
import { requirePermission, type Actor } from './access.js';
import { audit, listAudit } from './audit.js';
import { login, logout, passwordProblem, setPassword, verifyPassword, endSessionsOf } from './auth/index.js';
import type { AppContext } from './context.js';
import { AppError, validationError } from './errors.js';
import { actorOf, requestLocale, SESSION_COOKIE } from './http.js';
import { getJob, readFile } from './jobs.js';

/** Platform endpoints: sign-in and out, who am I, the audit log, job progress and stored files. */
export function platformRoutes(
  ctx: AppContext,
  deps: { regionNames(codes: string[]): Promise<Map<string, string>> },
): FastifyPluginAsyncZod {
  const db = ctx.handle.db;

  async function me(actor: Actor): Promise<z.infer<typeof Me>> {
    const codes = actor.scopes.map((s) => s.path.split('/').pop()!);
    const names = await deps.regionNames(codes);
    return {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      role: actor.role,
      permissions: [...ROLE_PERMISSIONS[actor.role]],
      scopes: actor.scopes.map((s, i) => ({ code: codes[i], name: names.get(codes[i]) ?? codes[i], capture: s.capture })),
    };
  }

  return async (app) => {
    app.post('/api/v1/auth/login', {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', body: LoginRequest, response: { 200: Me } },
    }, async (req, reply) => {
      const result = await login(db, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] ?? null,
        sessionHours: ctx.config.sessionHours });
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/', httpOnly: true, sameSite: 'strict', signed: true, secure: req.protocol === 'https',
        expires: new Date(result.expiresAt),
      });
      return me(result.actor);
    });

    app.post('/api/v1/auth/logout', { config: { public: true }, schema: { tags: ['auth'], response: { 200: Ok } } }, async (req, reply) => {
      const raw = req.cookies[SESSION_COOKIE];
      const unsigned = raw ? req.unsignCookie(raw) : null;
      if (unsigned?.valid && unsigned.value) await logout(db, unsigned.value);
      if (req.actor) await audit(db, req.actor, { action: 'auth.logout' });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });

    app.get('/api/v1/auth/me', { schema: { tags: ['auth'], response: { 200: Me } } }, async (req) => me(actorOf(req)));

    app.post('/api/v1/auth/password', {
      schema: { tags: ['auth'], summary: 'Change my own password', body: ChangePassword, response: { 200: Ok } },
    }, async (req) => {
      const actor = actorOf(req);
      const user = await db.selectFrom('users').select('password_hash').where('id', '=', actor.userId).executeTakeFirstOrThrow();
      if (!(await verifyPassword(user.password_hash, req.body.currentPassword))) throw new AppError('BAD_CREDENTIALS');
      const problem = passwordProblem(req.body.newPassword);
      if (problem) throw validationError([{ field: 'newPassword', code: 'PASSWORD_WEAK', params: { rule: problem } }]);
      await setPassword(db, actor.userId, req.body.newPassword);
      await endSessionsOf(db, actor.userId);
      await audit(db, actor, { action: 'auth.password_change', subjectType: 'user', subjectId: actor.userId });
      return { ok: true as const };
    });

    app.get('/api/v1/audit', {
      schema: { tags: ['audit'], summary: 'The audit log, newest first', querystring: AuditQuery,
        response: { 200: z.array(AuditEntryView) } },
    }, async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'audit.view');
      const rows = await listAudit(db, req.query);
      return rows.map((r) => ({ id: r.id, at: r.at, username: r.username, role: r.role, action: r.action, result: r.result,
        subjectType: r.subject_type, subjectId: r.subject_id, reason: r.reason,
        detail: r.detail ? JSON.parse(r.detail) : null, ip: r.ip }));
    });

    app.get('/api/v1/jobs/:id', {
      schema: { tags: ['jobs'], summary: 'Progress of a long job I started', params: z.object({ id: z.string().max(40) }),
        response: { 200: JobView } },
    }, async (req) => {
      const actor = actorOf(req);
      const job = await getJob(db, req.params.id);
      if (!job || job.created_by !== actor.userId) throw new AppError('NOT_FOUND');
      const result = job.result ? JSON.parse(job.result) : null;
      // The sweep that finds an interrupted job knows no reader's language: say it in theirs.
      const message = result?.code === 'JOB_INTERRUPTED' ? errorMessage('JOB_INTERRUPTED', requestLocale(req)) : job.message;
      return { id: job.id, kind: job.kind, status: job.status, done: job.done, total: job.total, message, result };
    });

    app.get('/api/v1/files/:id', {
      schema: { tags: ['jobs'], summary: 'Download a report or export I produced', params: z.object({ id: z.string().max(40) }) },
    }, async (req, reply) => {
      const actor = actorOf(req);
      const file = await readFile(db, req.params.id);
      // Reports carry personal data: only the person who produced one may fetch it.
      if (!file || file.created_by !== actor.userId) throw new AppError('NOT_FOUND');
      return reply
        .header('content-type', file.content_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(Buffer.from(file.bytes));
    });
  };
}
