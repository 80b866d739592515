import type { Command } from '@commander-js/extra-typings';

export function addMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations and exit (safe to run while servers run)')
    .option('--data-dir <dir>', 'folder of the embedded PostgreSQL (EXECOPS_DATA_DIR, default ./.execops)')
    .option('--database-url <url>', 'migrate this PostgreSQL instead of the embedded one (DATABASE_URL)')
    .action(async (options) => {
      const [{ createPool, migrate, startEmbeddedDatabase }, { loadConfig }] = await Promise.all([import('@execops/engine'), import('@execops/server')]);
      const config = loadConfig(process.env, {
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
        ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      });
      const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase({ dataDir: config.dataDir });
      const pool = createPool({ connectionString: config.databaseUrl ?? (embedded?.connectionString as string), max: 1 });
      try {
        const result = await migrate(pool);
        const applied = result.applied.length ? `applied ${result.applied.join(', ')}` : 'nothing to apply';
        process.stdout.write(`migrations: ${applied}; schema version ${result.current}\n`);
      } finally {
        await pool.end();
        await embedded?.stop();
      }
    });
}
