import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { DatabaseBackend } from './db/create-db.ts';
import type { Db } from './db/database.ts';

/** What the app is built from. Passed explicitly to each feature's routes: no container. */
export type AppDependencies = {
  db: Db;
  backend: DatabaseBackend;
  clock: Clock;
  config: Config;
};
