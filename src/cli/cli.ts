import { createPublicKey, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Command, Option } from 'commander';
import type { z } from 'zod';
import { sealAllPendingEntries } from '../audit/audit.service.ts';
import { checkProof } from '../audit/audit-proof-check.ts';
import {
  CheckpointError,
  generateCheckpointKey,
  proveConsistency,
  proveEntry,
  publicKeyFileOf,
  verifyAuditTrail,
  writeCheckpoints,
} from '../audit/checkpoint.ts';
import { checkPasswordPolicy } from '../auth/passwords.ts';
import { registerCapabilities } from '../capabilities.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { systemContext } from '../context.ts';
import { createDatabase, type DatabaseHandle } from '../db/create-db.ts';
import type { Db } from '../db/database.ts';
import { grantRuntimeRole, migrateAsOwner, runtimeRoleStatements } from '../db/database-roles.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { formatSignIns, loadDemo } from '../demo/demo.ts';
import { AppError } from '../errors.ts';
import { installValidationMessages } from '../http/zod-messages.ts';
import { createOrganisationInput } from '../organisations/organisations.schemas.ts';
import {
  createOrganisation,
  findOrganisationById,
  findOrganisationByName,
  listOrganisations,
} from '../organisations/organisations.service.ts';
import { createUserBody } from '../users/users.schemas.ts';
import { createUserWithPassword } from '../users/users.service.ts';
import { type StaffRole, staffRoles } from '../users/users.table.ts';

/** A failure the administrator can act on: printed without a stack trace, with an exit code. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle: DatabaseHandle = await createDatabase(
    config.databaseUrl
      ? { backend: 'postgres', url: config.databaseUrl, poolSize: 2 }
      : { backend: 'pglite', dataDir: config.dataDir },
  );
  try {
    await migrateAsOwner(handle.db, config.databaseUrl ? config.migrationDatabaseUrl : undefined);
    const result = await work(handle.db);
    // No server may be running to seal what this command wrote (or what is waiting): seal it now.
    await sealAllPendingEntries(handle.db, { clock: systemClock });
    return result;
  } finally {
    await handle.close();
  }
}

async function findOrganisationId(db: Db, reference: string): Promise<string> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(reference);
  const organisation = isUuid
    ? await findOrganisationById(db, reference)
    : await findOrganisationByName(db, reference);
  if (!organisation)
    throw new CliError(`No organisation matches "${reference}" (give its id or exact name).`);
  return organisation.id;
}

/** Organisations by name for reports: an administrator knows "Sunrise Care", not its id. */
async function organisationNames(db: Db): Promise<Map<string, string>> {
  const organisations = await listOrganisations(db);
  return new Map(organisations.map((organisation) => [organisation.id.toLowerCase(), organisation.name]));
}

function nameOf(names: Map<string, string>, orgId: string): string {
  return names.get(orgId.toLowerCase()) ?? `organisation ${orgId} (not in this database)`;
}

/** The API's own rules for the options, with each problem named by its option. */
function parseOptions<Schema extends z.ZodType>(
  schema: Schema,
  input: Record<string, unknown>,
  optionNames: Record<string, string>,
): z.output<Schema> {
  installValidationMessages();
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new CliError(
    parsed.error.issues
      .map((issue) => {
        const field = String(issue.path[0]);
        return `--${optionNames[field] ?? field}: ${issue.message}`;
      })
      .join('\n'),
  );
}

async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** What no checkpoint covers yet: the entries that could still be cut or rewritten unnoticed. */
function uncoveredEntries(checkpoint: {
  entriesSinceCheckpoint: number | null;
  msSinceCheckpoint: number | null;
}): string {
  if (checkpoint.entriesSinceCheckpoint === null) return '';
  const since =
    checkpoint.msSinceCheckpoint === null
      ? ''
      : checkpoint.msSinceCheckpoint < 120_000
        ? `, signed ${Math.round(checkpoint.msSinceCheckpoint / 1000)} s ago`
        : `, signed ${Math.round(checkpoint.msSinceCheckpoint / 60_000)} min ago`;
  return `; ${checkpoint.entriesSinceCheckpoint} entries not yet covered by a checkpoint${since}`;
}

export function buildCli(): Command {
  const program = new Command('liaison')
    .description(
      'Administer Liaison. Uses DATABASE_URL, or the embedded database in DATA_DIR (default ./data).',
    )
    .showHelpAfterError();

  program
    .command('serve')
    .description('Start the web interface, the API and the background jobs')
    .action(async () => {
      await import('../main.ts');
    });

  program
    .command('migrate')
    .description('Bring the database schema up to date')
    .action(async () => {
      const config = loadConfig();
      // The owner of the tables migrates them, when the server itself runs as a lesser role.
      const url = config.migrationDatabaseUrl ?? config.databaseUrl;
      const handle = await createDatabase(
        url ? { backend: 'postgres', url } : { backend: 'pglite', dataDir: config.dataDir },
      );
      try {
        const applied = await migrateToLatest(handle.db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await handle.close();
      }
    });

  const database = program.command('db').description('The PostgreSQL server’s roles');
  database
    .command('grant')
    .description(
      'Give an existing PostgreSQL role what the server needs (read and write rows; add to the audit trail but never change or remove it), as the tables’ owner (MIGRATION_DATABASE_URL). Then run the server with that role in DATABASE_URL.',
    )
    .argument('<role>', 'the role the server connects as (create it first: create role … login password …)')
    .option('--print', 'print the SQL instead of running it')
    .action(async (role: string, options: { print?: boolean }) => {
      let statements: string[];
      try {
        statements = runtimeRoleStatements(role);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      if (options.print) {
        console.log(statements.map((statement) => `${statement};`).join('\n'));
        return;
      }
      const config = loadConfig();
      const url = config.migrationDatabaseUrl ?? config.databaseUrl;
      if (!url) {
        throw new CliError(
          'The embedded database has a single user: there is no role to grant. Set MIGRATION_DATABASE_URL to the tables’ owner on a PostgreSQL server.',
        );
      }
      const handle = await createDatabase({ backend: 'postgres', url, poolSize: 1 });
      try {
        await migrateToLatest(handle.db);
        await grantRuntimeRole(handle.db, role);
      } finally {
        await handle.close();
      }
      console.log(
        `Granted ${role} what the server needs. Run the server with DATABASE_URL connecting as ${role} and MIGRATION_DATABASE_URL as the owner.`,
      );
    });

  const org = program.command('org').description('Organisations (tenants)');
  org
    .command('create')
    .description('Create an organisation and print its id')
    .requiredOption('--name <name>', 'the organisation’s name')
    .option('--registration-number <number>', 'CQC registration number')
    .option('--registered-manager <name>', 'the registered manager’s name')
    .option('--address <address>', 'postal address')
    .action(
      async (options: {
        name: string;
        registrationNumber?: string;
        registeredManager?: string;
        address?: string;
      }) => {
        const organisationInput = parseOptions(
          createOrganisationInput,
          {
            name: options.name,
            registrationNumber: options.registrationNumber,
            registeredManagerName: options.registeredManager,
            address: options.address,
          },
          { registrationNumber: 'registration-number', registeredManagerName: 'registered-manager' },
        );
        await withDatabase(async (db) => {
          if (await findOrganisationByName(db, organisationInput.name)) {
            throw new CliError(`An organisation called "${organisationInput.name}" already exists.`);
          }
          const organisation = await db
            .transaction()
            .execute((trx) => createOrganisation(trx, organisationInput, systemClock, 'cli'));
          console.log(organisation.id);
        });
      },
    );

  const user = program.command('user').description('Staff accounts');
  user
    .command('add')
    .description(
      'Add a staff member, such as an organisation’s first registered manager. The password is read from standard input with --password-stdin, or generated and printed once. (In the web app, new staff choose their own password through a set-up link.)',
    )
    .requiredOption('--org <id-or-name>', 'the organisation')
    .requiredOption('--email <email>', 'their email address (used to sign in)')
    .requiredOption('--name <name>', 'their name as colleagues know it')
    .addOption(new Option('--role <role>', 'their role').choices([...staffRoles]).makeOptionMandatory())
    .option('--password-stdin', 'read the password from standard input')
    .action(
      async (options: {
        org: string;
        email: string;
        name: string;
        role: StaffRole;
        passwordStdin?: boolean;
      }) => {
        const password = options.passwordStdin
          ? await readPasswordFromStdin()
          : `lsn-${randomBytes(12).toString('base64url')}`;
        const input = parseOptions(
          createUserBody,
          { email: options.email, displayName: options.name, role: options.role },
          { email: 'email', displayName: 'name', role: 'role' },
        );
        try {
          checkPasswordPolicy(password);
        } catch (error) {
          throw new CliError(`Password: ${(error as Error).message}`);
        }
        await withDatabase(async (db) => {
          const orgId = await findOrganisationId(db, options.org);
          const created = await createUserWithPassword(
            db,
            systemContext(orgId, 'cli'),
            { ...input, password },
            systemClock,
          );
          console.log(
            `Added ${created.display_name} <${created.email}> as ${created.role} (id ${created.id}).`,
          );
          if (!options.passwordStdin) console.log(`Their password (shown once): ${password}`);
        });
      },
    );

  program
    .command('demo')
    .description('Load the demo organisation with one staff member of each role, and print how to sign in')
    .action(async () => {
      const config = loadConfig();
      if (config.environment === 'production') {
        throw new CliError(
          'The demo organisation is for trying Liaison out: it is not loaded into a production database (NODE_ENV=production).',
        );
      }
      await withDatabase(async (db) => {
        const demo = await loadDemo(db, { clock: systemClock, config });
        if (!demo.created) {
          console.log(
            'The demo organisation is already loaded; its passwords were printed when it was created.',
          );
          return;
        }
        console.log(`Demo organisation loaded. Sign in with:\n${formatSignIns(demo.signIns)}`);
      });
    });

  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description(
      'Recompute every organisation’s audit trail (each entry’s leaf and every block of its Merkle tree) and compare it with its latest signed checkpoint; exit 1 and name the first bad entry if one does not verify',
    )
    .option('--org <id-or-name>', 'only this organisation')
    .option('--json', 'print the report as JSON')
    .action(async (options: { org?: string; json?: boolean }) => {
      const config = loadConfig();
      const { reports, names } = await withDatabase(async (db) => {
        await sealAllPendingEntries(db, { clock: systemClock });
        const orgId = options.org ? await findOrganisationId(db, options.org) : undefined;
        const reports = await verifyAuditTrail(db, {
          clock: systemClock,
          checkpoints: config.auditCheckpoint,
          ...(orgId ? { orgId } : {}),
        });
        return { reports, names: await organisationNames(db) };
      });
      if (options.json) {
        const named = reports.map((report) => ({
          orgName: names.get(report.orgId.toLowerCase()) ?? null,
          ...report,
        }));
        console.log(JSON.stringify(named, null, 2));
      } else {
        for (const report of reports) {
          const unsealed = report.unsealedEntries
            ? `; ${report.unsealedEntries} not yet sealed (oldest ${Math.round((report.oldestUnsealedAgeMs ?? 0) / 1000)} s)`
            : '';
          const exposure = uncoveredEntries(report.checkpoint);
          const checkpoint =
            report.checkpoint.status === 'verified'
              ? `; matches the checkpoint of ${report.checkpoint.signedAt} (${report.checkpoint.size} entries)${exposure}`
              : report.checkpoint.status === 'none'
                ? `; no checkpoint yet (run "liaison audit checkpoint")${exposure}`
                : '';
          console.log(
            report.verified
              ? `ok      ${nameOf(names, report.orgId)}: ${report.sealedEntries} entries verify${checkpoint}${unsealed}`
              : `FAILED  ${nameOf(names, report.orgId)}: ${report.problem}${report.firstBadSeq ? ` (first bad entry: seq ${report.firstBadSeq})` : ''}`,
          );
        }
      }
      if (reports.some((report) => !report.verified)) process.exitCode = 1;
    });

  audit
    .command('checkpoint')
    .description(
      'Sign a checkpoint of each organisation’s audit trail (its size and Merkle tree head) and write it outside the database (AUDIT_CHECKPOINT_DIR); exit 1 if a trail does not verify',
    )
    .option('--org <id-or-name>', 'only this organisation')
    .option(
      '--accept-rollback',
      'after deliberately restoring a backup: sign the chain as it is now, though it no longer extends the latest checkpoint (recorded in the audit trail)',
    )
    .action(async (options: { org?: string; acceptRollback?: boolean }) => {
      const config = loadConfig();
      const { results, names } = await withDatabase(async (db) => {
        await sealAllPendingEntries(db, { clock: systemClock });
        const orgIds = options.org ? [await findOrganisationId(db, options.org)] : undefined;
        const results = await writeCheckpoints(db, {
          settings: config.auditCheckpoint,
          clock: systemClock,
          ...(orgIds ? { orgIds } : {}),
          ...(options.acceptRollback ? { acceptRollback: true } : {}),
        });
        return { results, names: await organisationNames(db) };
      });
      for (const result of results) {
        if (result.outcome === 'written') {
          console.log(
            `signed  ${nameOf(names, result.orgId)}: ${result.checkpoint.size} entries, head ${result.checkpoint.headHash.slice(0, 16)}…${result.checkpoint.rollbackAccepted ? ' (rollback accepted)' : ''} → ${result.file}`,
          );
        } else if (result.outcome === 'refused') {
          console.log(`REFUSED ${nameOf(names, result.orgId)}: ${result.problem}`);
        } else {
          console.log(
            `${result.outcome.padEnd(7)} ${nameOf(names, result.orgId)}: ${result.outcome === 'empty' ? 'nothing sealed yet' : 'no new entries since the latest checkpoint'}`,
          );
        }
      }
      if (results.some((result) => result.outcome === 'refused')) process.exitCode = 1;
    });

  audit
    .command('proof')
    .description(
      'Write the inclusion proof of one audit entry (RFC 9162), by default against the latest signed checkpoint that covers it, and that checkpoint beside it: together with the public key, all anyone needs to check it',
    )
    .requiredOption('--org <id-or-name>', 'the organisation')
    .requiredOption('--entry <id>', 'the audit entry’s id')
    .option('--size <entries>', 'prove it against the tree of this many entries')
    .option('--out <file>', 'write the proof here (and the checkpoint to <file>.checkpoint.json)')
    .action(async (options: { org: string; entry: string; size?: string; out?: string }) => {
      const config = loadConfig();
      const answer = await withDatabase(async (db) =>
        proveEntry(db, {
          orgId: await findOrganisationId(db, options.org),
          entryId: wholeNumber(options.entry, '--entry'),
          ...(options.size !== undefined ? { size: wholeNumber(options.size, '--size') } : {}),
          settings: config.auditCheckpoint,
        }),
      );
      writeProof(options.out, answer.proof, answer.checkpoint ? [answer.checkpoint] : []);
      console.error(
        `Entry ${answer.proof.entryId} is entry ${answer.proof.seq} of ${answer.proof.treeSize}${answer.checkpoint ? ` (signed checkpoint of ${answer.checkpoint.checkpoint.time})` : '; no checkpoint of that size has been signed yet'}.`,
      );
    });

  audit
    .command('consistency')
    .description(
      'Write the consistency proof (RFC 9162) that the audit trail of one size is the start of the trail of a later size, such as two checkpoints’, with those checkpoints',
    )
    .requiredOption('--org <id-or-name>', 'the organisation')
    .requiredOption('--from <entries>', 'the older size')
    .requiredOption('--to <entries>', 'the newer size')
    .option('--out <file>', 'write the proof here (and the checkpoints to <file>.checkpoint-<n>.json)')
    .action(async (options: { org: string; from: string; to: string; out?: string }) => {
      const config = loadConfig();
      const answer = await withDatabase(async (db) =>
        proveConsistency(db, {
          orgId: await findOrganisationId(db, options.org),
          fromSize: wholeNumber(options.from, '--from'),
          toSize: wholeNumber(options.to, '--to'),
          settings: config.auditCheckpoint,
        }),
      );
      const checkpoints = [answer.checkpoints.from, answer.checkpoints.to].flatMap((signed) =>
        signed ? [signed] : [],
      );
      writeProof(options.out, answer.proof, checkpoints);
    });

  audit
    .command('verify-proof')
    .description(
      'Check an inclusion or consistency proof offline, against signed checkpoint files and the public key alone (no database): exit 0 if it holds, 1 if not',
    )
    .requiredOption('--proof <file>', 'the proof, as "liaison audit proof" or the API gave it')
    .requiredOption(
      '--checkpoint <file>',
      'a signed checkpoint of the size the proof is against (twice for a consistency proof: the older and the newer)',
      (file: string, files: string[]) => [...files, file],
      [] as string[],
    )
    .requiredOption('--public-key <file>', 'the installation’s checkpoint public key (PEM)')
    .action((options: { proof: string; checkpoint: string[]; publicKey: string }) => {
      const read = (file: string) => {
        try {
          return fs.readFileSync(file, 'utf8');
        } catch {
          throw new CliError(`Cannot read ${file}.`);
        }
      };
      let publicKey: ReturnType<typeof createPublicKey>;
      try {
        publicKey = createPublicKey(read(options.publicKey));
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError(`${options.publicKey} is not a public key.`);
      }
      const result = checkProof({
        proofText: read(options.proof),
        checkpointTexts: options.checkpoint.map(read),
        publicKey,
      });
      console.log(result.verified ? `ok      ${result.summary}` : `FAILED  ${result.summary}`);
      if (!result.verified) process.exitCode = 1;
    });

  audit
    .command('keygen')
    .description(
      'Create the Ed25519 key that signs audit checkpoints (AUDIT_CHECKPOINT_KEY_FILE, mode 0600) and print its public key',
    )
    .action(() => {
      const { keyFile } = loadConfig().auditCheckpoint;
      try {
        const { keyId, publicKeyPem } = generateCheckpointKey(keyFile);
        console.log(
          `Created ${keyFile} (readable by you only) and ${publicKeyFileOf(keyFile)}.\nKey id ${keyId}. Keep a copy of the public key away from this server, to check checkpoints with:\n${publicKeyPem.trimEnd()}`,
        );
      } catch (error) {
        if (error instanceof CheckpointError) throw new CliError(error.message);
        throw error;
      }
    });

  return program;
}

function wholeNumber(value: string, option: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number))
    throw new CliError(`${option} must be a whole number.`);
  return number;
}

/** Prints the proof, or writes it and the checkpoints it rests on to files beside each other. */
function writeProof(out: string | undefined, proof: object, checkpoints: object[]): void {
  const text = `${JSON.stringify(proof, null, 2)}\n`;
  if (!out) {
    process.stdout.write(text);
    return;
  }
  fs.writeFileSync(out, text);
  const written = [out];
  checkpoints.forEach((signed, index) => {
    const file = checkpoints.length === 1 ? `${out}.checkpoint.json` : `${out}.checkpoint-${index + 1}.json`;
    fs.writeFileSync(file, `${JSON.stringify(signed, null, 2)}\n`);
    written.push(file);
  });
  console.error(`Wrote ${written.join(', ')}.`);
}

export async function runCli(argv: string[]): Promise<void> {
  registerCapabilities();
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.message);
      process.exitCode = error.exitCode;
    } else if (error instanceof AppError) {
      const fields = error.fields.map((field) => `  ${field.field}: ${field.message}`).join('\n');
      console.error(fields ? `${error.message}\n${fields}` : error.message);
      process.exitCode = 1;
    } else {
      console.error((error as Error).message ?? error);
      process.exitCode = 2;
    }
  }
}

const invokedDirectly =
  process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(new URL(import.meta.url).pathname);
if (invokedDirectly) await runCli(process.argv);
