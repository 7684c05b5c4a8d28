import fs from 'node:fs';
import type { Config } from './platform/config.js';
import type { AppContext } from './platform/context.js';
import { openContext } from './platform/bootstrap.js';
import { terminalProgress } from './platform/progress.js';
import { seedDemo, type DemoSize } from './seed/index.js';
import { addUser } from './modules/users/index.js';
import { ROLES, type Role } from '../shared/roles.js';

export async function withDatabase(
  config: Config,
  run: (opened: { ctx: AppContext; applied: string[] }) => Promise<number>,
): Promise<number> {
  const opened = await openContext(config);
  try {
    return await run(opened);
  } finally {
    await opened.ctx.handle.close();
  }
}

export async function seedCommand(config: Config, size: string, seed: number): Promise<number> {
  if (size !== 'small' && size !== 'full') {
    console.error('--size must be small or full');
    return 2;
  }
  if (!Number.isInteger(seed)) {
    console.error('--seed must be a whole number');
    return 2;
  }
  return withDatabase(config, async ({ ctx }) => {
    const progress = terminalProgress();
    const summary = await seedDemo(ctx, { size: size as DemoSize, seed, onProgress: progress.update });
    progress.stop();
    console.log(`seeded ${summary.residents} residents in ${summary.households} households, ${summary.regions} regions`);
    printAccounts(summary.accounts);
    return 0;
  });
}

export function printAccounts(accounts: { username: string; password: string; role: Role; scope: string }[]): void {
  console.log('\nDemo accounts (change these passwords before real use):');
  console.table(accounts.map((a) => ({ username: a.username, password: a.password, role: a.role, scope: a.scope })));
}

export async function userAddCommand(
  config: Config,
  v: { username?: string; password?: string; role?: string; scope?: string; name?: string; 'view-only'?: boolean },
): Promise<number> {
  if (!v.username || !v.password || !v.role || !v.scope) {
    console.error('user add needs --username, --password, --role and --scope');
    return 2;
  }
  if (!(ROLES as readonly string[]).includes(v.role)) {
    console.error(`--role must be one of: ${ROLES.join(', ')}`);
    return 2;
  }
  const role = v.role as Role;
  return withDatabase(config, async ({ ctx }) => {
    const user = await addUser(ctx.handle.db, null, {
      username: v.username!,
      password: v.password!,
      displayName: v.name ?? v.username!,
      role,
      scopes: v.scope!.split(',').map((code) => ({ code: code.trim(), capture: !v['view-only'] })),
    });
    console.log(`created ${user.username} (${user.role}) scoped to ${user.scopes.map((s) => `${s.code} ${s.name}`).join(', ')}`);
    return 0;
  });
}

export async function importPeopleCommand(config: Config, file: string): Promise<number> {
  if (!fs.existsSync(file)) {
    console.error(`no such file: ${file}`);
    return 2;
  }
  const { importPeopleFromCli } = await import('./modules/people/index.js');
  return withDatabase(config, async ({ ctx }) => importPeopleFromCli(ctx, file));
}

export async function exportPeopleCommand(config: Config, file: string, region?: string): Promise<number> {
  const { exportPeopleFromCli } = await import('./modules/people/index.js');
  return withDatabase(config, async ({ ctx }) => exportPeopleFromCli(ctx, file, region));
}
