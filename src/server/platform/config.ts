import path from 'node:path';

/** Every setting Anning reads from its environment, with the default a newcomer gets. */
export interface Config {
  port: number;
  host: string;
  /** `sqlite:<file>` (default, under ./data/) or `postgres://…` */
  databaseUrl: string;
  dialect: 'sqlite' | 'postgres';
  /** Root secret: session cookies, PII encryption and blind-index keys are derived from it. */
  secret: string;
  secretIsDevelopmentDefault: boolean;
  seed: 'full' | 'small' | 'none';
  /** Where the SQLite file, uploads being processed and reports live. */
  dataDir: string;
  logLevel: string;
  sessionHours: number;
  /** Uploads larger than this are refused before they are read. */
  maxUploadBytes: number;
  /** Serve (and build when stale) the web UI; API-only nodes behind a static host turn it off. */
  webUi: boolean;
  /**
   * Whom to believe about the client's address (X-Forwarded-For): nobody by default, since a client
   * could then forge its way past per-address limits; behind a load balancer, its address(es).
   */
  trustProxy: boolean | string;
  /**
   * SQLite only: where groups of scans are written. `thread` (default) keeps the synchronous writes off
   * the event loop that answers and refuses requests; `main` writes them there (for comparison).
   */
  scanWriter: 'thread' | 'main';
}

export const DEVELOPMENT_SECRET = 'anning-development-secret-do-not-use-in-production';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.ANNING_DATA_DIR ?? 'data');
  const databaseUrl = env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'anning.sqlite')}`;
  const dialect = /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgres' : 'sqlite';
  const seed = env.ANNING_SEED ?? 'full';
  if (seed !== 'full' && seed !== 'small' && seed !== 'none') {
    throw new Error(`ANNING_SEED must be full, small or none (got "${seed}")`);
  }
  const scanWriter = env.ANNING_SCAN_WRITER ?? 'thread';
  if (scanWriter !== 'thread' && scanWriter !== 'main') {
    throw new Error(`ANNING_SCAN_WRITER must be thread or main (got "${scanWriter}")`);
  }
  const secret = env.ANNING_SECRET ?? DEVELOPMENT_SECRET;
  if (secret.length < 16) throw new Error('ANNING_SECRET must be at least 16 characters');
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    dialect,
    secret,
    secretIsDevelopmentDefault: secret === DEVELOPMENT_SECRET,
    seed,
    dataDir,
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionHours: intFrom(env.ANNING_SESSION_HOURS, 12, 'ANNING_SESSION_HOURS'),
    maxUploadBytes: intFrom(env.ANNING_MAX_UPLOAD_MB, 20, 'ANNING_MAX_UPLOAD_MB') * 1024 * 1024,
    webUi: env.ANNING_WEB_UI !== 'off',
    trustProxy: env.ANNING_TRUST_PROXY ? (env.ANNING_TRUST_PROXY === 'true' ? true : env.ANNING_TRUST_PROXY) : false,
    scanWriter,
  };
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number (got "${value}")`);
  return n;
}
