import { parseArgs } from 'node:util';
import { loadConfig } from './platform/config.js';

/** The `anning` command line. Each command opens what it needs and exits non-zero on failure. */
const USAGE = `usage: anning <command>
  start                                   migrate, seed the demo district if empty, serve API and UI
  migrate                                 bring the database schema up to date
  seed --size small|full [--seed N]       (re)create the demo district in an empty database
  import people FILE                      import residents from .xlsx or .csv (all or nothing)
  export people [--region CODE] FILE      export residents to .xlsx (audited)
  user add --username U --password P --role R --scope CODE[,CODE…] [--name NAME] [--view-only]`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'start': {
      const { startServer } = await import('./server.js');
      await startServer(config);
      return -1; // keep running
    }
    case 'migrate': {
      const { withDatabase } = await import('./cli.js');
      return withDatabase(config, async ({ applied }) => {
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
        return 0;
      });
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { size: { type: 'string', default: 'small' }, seed: { type: 'string', default: '1' } } });
      const { seedCommand } = await import('./cli.js');
      return seedCommand(config, values.size ?? 'small', Number(values.seed));
    }
    case 'import':
    case 'export': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { region: { type: 'string' } } });
      if (positionals[0] !== 'people' || !positionals[1]) break;
      const cli = await import('./cli.js');
      return command === 'import' ? cli.importPeopleCommand(config, positionals[1]) : cli.exportPeopleCommand(config, positionals[1], values.region);
    }
    case 'user': {
      if (rest[0] !== 'add') break;
      const { values } = parseArgs({
        args: rest.slice(1),
        options: { username: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' },
          scope: { type: 'string' }, name: { type: 'string' }, 'view-only': { type: 'boolean', default: false } },
      });
      const { userAddCommand } = await import('./cli.js');
      return userAddCommand(config, values);
    }
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
