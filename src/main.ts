import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from './clock.ts';
import { type Config, loadConfig } from './config.ts';
import { formatSignIns, loadDemo } from './demo/demo.ts';
import { startServer } from './server.ts';

const config = configOrExit();
const { app, database, stop } = await startServer(config, {
  // The embedded database is for trying Liaison out: it starts with the demo organisation, unless
  // it is a production server's database, which has no accounts but those made for real people.
  beforeListen: async (db) => {
    if (config.databaseUrl || config.environment === 'production') return;
    const signInFile = path.join(config.dataDir, 'demo-sign-in.txt');
    const demo = await loadDemo(db, { clock: systemClock, config });
    if (demo.created) {
      fs.writeFileSync(signInFile, `${formatSignIns(demo.signIns)}\n`, { mode: 0o600 });
    }
    if (fs.existsSync(signInFile)) {
      console.log(
        `\nDemo sign-in details (demo data only; kept in ${signInFile}):\n${fs.readFileSync(signInFile, 'utf8')}`,
      );
    }
  },
});
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

/** The settings, or the reasons they are refused, said plainly to whoever is starting the server. */
function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
