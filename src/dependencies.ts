import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { DatabaseBackend } from './db/create-db.ts';
import type { Db } from './db/database.ts';
import type { Mailer } from './mail/mailer.ts';

/** What the app is built from. Passed explicitly to each feature's routes: no container. */
export type AppDependencies = {
  db: Db;
  backend: DatabaseBackend;
  clock: Clock;
  config: Config;
  /** Sends email over SMTP; absent when SMTP_HOST is not set, and email then waits in the outbox. */
  mailer?: Mailer | undefined;
};
