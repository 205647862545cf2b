import { loadConfig } from './config.ts';
import { startServer } from './server.ts';

const config = loadConfig();
const { app, database, stop } = await startServer(config);
app.log.info(
  database.backend === 'pglite'
    ? `Liaison is running at ${config.publicUrl} on the embedded database in ${config.dataDir}`
    : `Liaison is running at ${config.publicUrl} on PostgreSQL`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info(`${signal} received: finishing requests in progress, then stopping`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  });
}
