import { benchArgs, benchContext, report } from './lib.js';
import { prepareScanDistrict, runLoad, signIn, startServerProcess } from './scan-lib.js';

/**
 * No loss: scans pour in from samplers retrying whatever got no answer; three seconds in, the server
 * is killed (-9) mid-load, and started again. When the clients have sent everything, every scan that
 * was ever acknowledged must be stored, and the retries of scans that had been stored but not
 * answered must not have made a second sample.
 */
export async function run(args: string[]): Promise<void> {
  const { dialect, size } = benchArgs(args);
  const district = await prepareScanDistrict(dialect, size, 2);
  let server = await startServerProcess(district.databaseUrl);
  const cookies = await Promise.all(district.samplers.map((u) => signIn(server.url, u)));
  const port = new URL(server.url).port;
  const load = runLoad({ url: server.url, siteId: district.siteId, cookies, idNumbers: district.idNumbers, rate: 1500, seconds: 10,
    socketsPerClient: 64, retry: true, runTag: 'CRASH' });
  await new Promise((r) => setTimeout(r, 3000));
  await server.kill();
  // The same port, so the clients' retries find it again, as a sampler's page would after a restart.
  server = await startServerProcess(district.databaseUrl, Number(port));
  const result = await load;
  await server.stop();

  const ctx = await benchContext(district.databaseUrl);
  const db = ctx.handle.db;
  const stored = new Set<string>();
  for (let i = 0; i < result.acknowledged.length; i += 500) {
    const rows = await db.selectFrom('testing_samples').select('id').where('id', 'in', result.acknowledged.slice(i, i + 500)).execute();
    for (const r of rows) stored.add(r.id);
  }
  const total = Number((await db.selectFrom('testing_samples').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const people = Number((await db.selectFrom('testing_round_people').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const tubeOverflow = Number((await db.selectFrom('testing_tubes').select((eb) => eb.fn.countAll<number>().as('n'))
    .whereRef('member_count', '>', 'capacity').executeTakeFirstOrThrow()).n);
  await ctx.handle.close();
  district.dispose();
  const acknowledged = new Set(result.acknowledged).size;
  report('scan-crash', dialect, size, {
    offered: result.offered, acknowledged, stored: stored.size, lost: acknowledged - stored.size,
    samples_in_db: total, people_tested: people,
    // Every sample is a distinct person in this run: more samples than people would be a doubled scan.
    duplicates: total - people, tubes_over_capacity: tubeOverflow, statuses: JSON.stringify(result.statuses),
  });
}
