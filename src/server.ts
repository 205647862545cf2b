import { buildApp } from './app.ts';
import { sealAllPendingEntries } from './audit/audit.service.ts';
import { systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { createDatabase } from './db/create-db.ts';
import type { Db } from './db/database.ts';
import { migrateAsOwner } from './db/database-roles.ts';
import { allJobs } from './jobs/jobs.ts';
import { startScheduler } from './jobs/scheduler.ts';

/** Opens the database, migrates it, and serves HTTP with the background jobs running. */
export async function startServer(config: Config, hooks: { beforeListen?: (db: Db) => Promise<void> } = {}) {
  const database = await createDatabase(
    config.databaseUrl
      ? {
          backend: 'postgres',
          url: config.databaseUrl,
          poolSize: config.databasePoolSize,
          connectTimeoutMs: config.databaseConnectTimeoutMs,
          queryTimeoutMs: config.databaseQueryTimeoutMs,
          onPoolError: (error) =>
            app.log.warn({ err: error }, 'database connection lost; it will be replaced'),
        }
      : { backend: 'pglite', dataDir: config.dataDir },
  );
  await migrateAsOwner(database.db, config.databaseUrl ? config.migrationDatabaseUrl : undefined);
  await hooks.beforeListen?.(database.db);
  // The mail library is loaded only when there is a mail server to send through.
  const mailer = config.smtp.host ? (await import('./mail/mailer.ts')).createMailer(config.smtp) : undefined;
  const dependencies = { db: database.db, backend: database.backend, clock: systemClock, config, mailer };
  const app = await buildApp(dependencies);
  if (!mailer) {
    app.log.warn(
      'Email is off: SMTP_HOST is not set, so emails wait in the outbox and are not sent. Staff must give partners their links another way.',
    );
  }
  // On a server the sequencer has a connection of its own, so sealing never waits for a pool
  // that requests keep busy; the embedded database has one connection for everything.
  const sealing = config.databaseUrl
    ? await createDatabase({
        backend: 'postgres',
        url: config.databaseUrl,
        poolSize: 1,
        connectTimeoutMs: config.databaseConnectTimeoutMs,
        queryTimeoutMs: config.databaseQueryTimeoutMs,
        onPoolError: (error) =>
          app.log.warn(
            { err: error },
            'the audit sequencer lost its database connection; it will be replaced',
          ),
      })
    : undefined;
  const scheduler = startScheduler(allJobs(dependencies, { sealingDb: sealing?.db }), app.log);
  await app.listen({ port: config.port, host: config.host });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await app.close();
      await scheduler.stop();
      await mailer?.close();
      // Seal what the last requests wrote, so a clean stop leaves no entry waiting for the next start.
      await sealAllPendingEntries(sealing?.db ?? database.db, { clock: systemClock });
      await sealing?.close();
      await database.close();
    })();
    return stopping;
  };
  return { app, database, stop };
}
