import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorMessage, fieldMessage, type Locale } from '../../shared/messages.js';
import type { Actor } from './access.js';
import type { Admission } from './admission.js';
import { actorForSession } from './auth/index.js';
import { audit } from './audit.js';
import type { AppContext } from './context.js';
import { AppError, type FieldIssue } from './errors.js';

export const SESSION_COOKIE = 'anning_session';
export const LOCALE_COOKIE = 'anning_locale';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;

  }
  interface FastifyContextConfig {
    /** Reachable without a session (sign-in, sign-out, public resident pages). */
    public?: boolean;
    /** Asked first, before the session: a request it does not admit is refused at once (503, Retry-After). */
    admission?: Admission;
  }
}

export function requestLocale(req: FastifyRequest): Locale {
  const chosen = req.cookies?.[LOCALE_COOKIE] ?? req.headers['accept-language'] ?? '';
  return /^en/i.test(chosen) ? 'en' : 'zh-CN';
}

/** The signed-in actor; routes behind authentication call this, so a missing session is a 401. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}

// Checking a cookie's signature is an HMAC with a fresh key schedule, as dear as the session query:
// a cookie seen lately is not checked again (the answer for the same text never changes).
const recentlyUnsigned = new Map<string, { valid: boolean; value: string | null }>();

function unsignSession(req: FastifyRequest, raw: string): { valid: boolean; value: string | null } {
  let unsigned = recentlyUnsigned.get(raw);
  if (!unsigned) {
    unsigned = req.unsignCookie(raw);
    if (recentlyUnsigned.size >= 10_000) recentlyUnsigned.clear();
    recentlyUnsigned.set(raw, unsigned);
  }
  return unsigned;
}

/**
 * A request shed by admission control, answered before anything else is done for it (no error object,
 * no error handler): under a burst refusals are most of the traffic, and each must cost little.
 */
const OVERLOADED_BODIES = Object.fromEntries((['zh-CN', 'en'] as const).map((locale) => [locale,
  JSON.stringify({ error: { code: 'OVERLOADED', message: errorMessage('OVERLOADED', locale) } })])) as Record<Locale, string>;

function refuseOverloaded(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(503).header('retry-after', '1').type('application/json; charset=utf-8').send(OVERLOADED_BODIES[requestLocale(req)]);
}

/**
 * Resolves the session cookie into `req.actor` for every /api/v1 request, before the body is even
 * validated: without a valid session only routes marked public answer.
 */
export function registerSessionResolution(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const admission = req.routeOptions.config?.admission;
    if (admission) {
      if (!admission.admit()) return refuseOverloaded(req, reply);
      // 'close' comes when the answer is out or the connection went: either way the request is done.
      reply.raw.once('close', () => admission.release());
    }
    const isPublic = req.routeOptions.config?.public === true;
    const raw = req.cookies[SESSION_COOKIE];
    if (raw) {
      const unsigned = unsignSession(req, raw);
      if (unsigned.valid && unsigned.value) {
        try {
          req.actor = await actorForSession(ctx.handle.db, unsigned.value, req.ip);
        } catch (err) {
          if (!isPublic) throw err;
        }
      } else if (!isPublic) {
        throw new AppError('UNAUTHENTICATED');
      }
    }
    if (!req.actor && !isPublic) throw new AppError('UNAUTHENTICATED');
  });
}

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** The one place where errors become HTTP responses: stable code, localized message, audit of refusals. */
export function registerErrorHandler(app: FastifyInstance, ctx: AppContext): void {
  app.setErrorHandler(async (err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) => {
    const locale = requestLocale(req);
    if (err instanceof AppError) {
      if (err.code === 'FORBIDDEN' || err.code === 'OUT_OF_SCOPE') {
        const actor = req.actor;
        await audit(ctx.handle.db, actor ?? { ip: req.ip }, {
          action: 'access.denied',
          result: 'denied',
          reason: err.code,
          detail: { method: req.method, url: req.url, ...(err.details as object) },
        });
      }
      // A shed request says when to come back; the sampler's page retries it from its queue then.
      if (err.code === 'OVERLOADED') reply.header('retry-after', '1');
      return send(reply, err.status, { error: { code: err.code, message: errorMessage(err.code, locale, err.params),
        details: localizeDetails(err.details, locale) } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(v.params?.issue ?? ''),
        message: v.message ?? '',
      }));
      return send(reply, 400, { error: { code: 'VALIDATION_FAILED', message: errorMessage('VALIDATION_FAILED', locale),
        details: { fields } } });
    }
    const fe = err as FastifyError;
    if (fe.statusCode === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limitMb = Math.round(ctx.config.maxUploadBytes / 1024 / 1024);
      return send(reply, 413, { error: { code: 'FILE_TOO_LARGE', message: errorMessage('FILE_TOO_LARGE', locale, { limitMb }) } });
    }
    if (fe.statusCode === 429) {
      return send(reply, 429, { error: { code: 'RATE_LIMITED', message: errorMessage('RATE_LIMITED', locale) } });
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, fe.statusCode, { error: { code: 'VALIDATION_FAILED', message: errorMessage('VALIDATION_FAILED', locale),
        details: { reason: fe.message } } });
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, 500, { error: { code: 'INTERNAL', message: errorMessage('INTERNAL', locale) } });
  });
}

function send(reply: FastifyReply, status: number, body: ErrorBody) {
  return reply.status(status).send(body);
}

/** Field issues carry message codes; the client gets them translated, with the code kept. */
function localizeDetails(details: unknown, locale: Locale): unknown {
  if (!details || typeof details !== 'object' || !('fields' in details)) return details;
  const fields = (details as { fields: FieldIssue[] }).fields;
  return {
    ...details,
    fields: fields.map((f) => ({ ...f, message: fieldMessage(f.code, locale, { field: f.field, ...f.params }) })),
  };
}
