/** The typed HTTP client: JSON in and out, errors as ApiError with the server's stable code and localized message. */

export interface FieldProblem {
  field: string;
  message: string;
  code?: string;
  params?: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-level problems (`details.fields`), empty when the error is not about fields. */
  get fields(): FieldProblem[] {
    const d = this.details as { fields?: unknown } | undefined;
    return Array.isArray(d?.fields) ? (d.fields as FieldProblem[]) : [];
  }
}

/** Code of the error raised when the server could not be reached at all. */
export const NETWORK_ERROR = 'NETWORK';

type QueryValue = string | number | undefined | null;
export type Query = Record<string, QueryValue>;

let onSignedOut: (() => void) | undefined;

/** Called when the server says the session is missing or expired (the app then shows the login page). */
export function setSignedOutHandler(handler: () => void): void {
  onSignedOut = handler;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Where a stored file (report, export) is downloaded from; the session cookie authorises it. */
export const fileUrl = (fileId: string) => `/api/v1/files/${encodeURIComponent(fileId)}`;

async function request<T>(method: string, path: string, init: { json?: unknown; form?: FormData } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: init.json !== undefined ? { 'content-type': 'application/json' } : undefined,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.form,
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, '');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: keep the status, report it as an error without a body.
  }
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const error = new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? res.statusText, e?.details);
    if (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED') onSignedOut?.();
    throw error;
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, json?: unknown) => request<T>('POST', path, { json }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, field: string, file: File) => {
    const form = new FormData();
    form.append(field, file);
    return request<T>('POST', path, { form });
  },
};
