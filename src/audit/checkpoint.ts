import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import canonicalize from 'canonicalize';
import type { Clock } from '../clock.ts';
import { systemContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import * as auditRepository from './audit.repository.ts';
import { type ChainReport, recordAudit, verifyAuditChain } from './audit.service.ts';
import {
  type ConsistencyProof,
  checkTree,
  consistencyProofFor,
  type InclusionProof,
  inclusionProofFor,
  treeHeadAt,
} from './audit-tree.service.ts';

// Signed checkpoints anchor each organisation's audit trail outside the database. The Merkle tree
// alone cannot show that its tail was cut off, that someone with full control of the database
// rewrote entries and recomputed every hash, or that an older backup was restored: each of those
// leaves a tree that is consistent with itself. A checkpoint records the tree's size (the last
// sealed seq) and its tree head (RFC 9162 MTH) at that size, signed with an Ed25519 key kept
// outside the database, in a file outside the database. Verification then requires the tree to be
// at least that long and to have exactly that head at that size; and anyone holding the file and
// the public key can check an inclusion or consistency proof against it, without the database.

export const CHECKPOINT_FORMAT = 'liaison-audit-checkpoint/2';
/** Checkpoints signed before the Merkle tree: headHash is the hash chain's entry_hash at size. */
export const CHAIN_CHECKPOINT_FORMAT = 'liaison-audit-checkpoint/1';

/**
 * Where checkpoints are written and the key that signs them (AUDIT_CHECKPOINT_DIR / _KEY_FILE),
 * and a second folder every checkpoint is also written to (AUDIT_CHECKPOINT_MIRROR_DIR), on
 * storage the database's administrators cannot reach.
 */
export type CheckpointSettings = { directory: string; keyFile: string; mirrorDirectory?: string | null };

export type Checkpoint = {
  format: typeof CHECKPOINT_FORMAT | typeof CHAIN_CHECKPOINT_FORMAT;
  orgId: string;
  /** The seq of the last sealed entry covered: the tree may grow from here, never shrink. */
  size: number;
  /** The tree head at `size`, hex (for /1, the chain's entry_hash there); it fixes every entry before it. */
  headHash: string;
  /** When it was signed, ISO 8601 UTC. */
  time: string;
  /** The checkpoint this one follows, so the files form a chain of their own. */
  previous: { size: number; headHash: string; digest: string } | null;
  /** True when the chain no longer extended `previous` and an administrator accepted that (a restore). */
  rollbackAccepted: boolean;
};

/** What is written to the file: the checkpoint, the signing key's id and the signature over its canonical JSON. */
export type SignedCheckpoint = { checkpoint: Checkpoint; keyId: string; signature: string };

export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

// ---- the key ----

/** The first 16 bytes of the SHA-256 of the public key (SPKI DER), in hex: names the key in each file. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 32);
}

export function publicKeyFileOf(keyFile: string): string {
  return `${keyFile}.pub`;
}

/**
 * Creates the signing key: the private key (PKCS#8 PEM) readable by its owner only, and the public
 * key beside it (`<key file>.pub`) for anyone who should be able to check checkpoints elsewhere.
 * Refuses to replace an existing key: checkpoints signed with it could no longer be checked.
 */
export function generateCheckpointKey(keyFile: string): { keyId: string; publicKeyPem: string } {
  fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  try {
    // 'wx': fails if the file exists, so two processes starting at once cannot both create a key.
    fs.writeFileSync(keyFile, privatePem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CheckpointError(`A checkpoint key already exists at ${keyFile}; it is never replaced.`);
    }
    throw error;
  }
  fs.writeFileSync(publicKeyFileOf(keyFile), publicKeyPem, { mode: 0o644 });
  return { keyId: keyIdOf(publicKey), publicKeyPem };
}

/** The private key, created on first use. Refused if other users can read it, as ssh does. */
export function loadSigningKey(keyFile: string): KeyObject {
  if (!fs.existsSync(keyFile)) {
    try {
      generateCheckpointKey(keyFile);
    } catch (error) {
      // Another process created it a moment ago: use theirs.
      if (!(error instanceof CheckpointError)) throw error;
    }
  }
  const mode = fs.statSync(keyFile).mode;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new CheckpointError(
      `The checkpoint key ${keyFile} can be read by other users (mode ${(mode & 0o777).toString(8)}): run chmod 600 on it.`,
    );
  }
  const key = createPrivateKey(fs.readFileSync(keyFile));
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CheckpointError(`The checkpoint key ${keyFile} is not an Ed25519 key.`);
  }
  return key;
}

/** The public key to check checkpoints with: from the private key, or from `<key file>.pub` alone. */
export function loadVerificationKey(keyFile: string): KeyObject | null {
  try {
    return createPublicKey(createPrivateKey(fs.readFileSync(keyFile)));
  } catch (error) {
    // A verifying process need not be able to read the private key: the public key is enough.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EACCES' && code !== 'EPERM') throw error;
  }
  const publicKeyFile = publicKeyFileOf(keyFile);
  if (fs.existsSync(publicKeyFile)) return createPublicKey(fs.readFileSync(publicKeyFile));
  return null;
}

// ---- encoding and signatures ----

/** The signed bytes: RFC 8785 canonical JSON of the checkpoint, so any re-encoding of the file still verifies. */
function checkpointBytes(checkpoint: Checkpoint): Buffer {
  const encoded = canonicalize(checkpoint);
  if (encoded === undefined) throw new Error('The checkpoint cannot be encoded');
  return Buffer.from(encoded, 'utf8');
}

export function checkpointDigest(checkpoint: Checkpoint): string {
  return createHash('sha256').update(checkpointBytes(checkpoint)).digest('hex');
}

export function signCheckpoint(checkpoint: Checkpoint, privateKey: KeyObject): SignedCheckpoint {
  return {
    checkpoint,
    keyId: keyIdOf(createPublicKey(privateKey)),
    // Ed25519 hashes the message itself: node:crypto takes no digest algorithm for it (null).
    signature: sign(null, checkpointBytes(checkpoint), privateKey).toString('base64'),
  };
}

/** Why a signed checkpoint cannot be trusted for this organisation, or null when it can. */
export function checkpointSignatureProblem(
  signed: SignedCheckpoint,
  publicKey: KeyObject,
  orgId: string,
): string | null {
  if (signed.keyId !== keyIdOf(publicKey)) {
    return `it was signed with another key (${signed.keyId}), not this installation's (${keyIdOf(publicKey)})`;
  }
  let valid: boolean;
  try {
    valid = verify(
      null,
      checkpointBytes(signed.checkpoint),
      publicKey,
      Buffer.from(signed.signature, 'base64'),
    );
  } catch {
    valid = false;
  }
  if (!valid) return 'its signature does not verify: the file was altered, or was not written by Liaison';
  if (signed.checkpoint.orgId !== orgId) return `it is for another organisation (${signed.checkpoint.orgId})`;
  return null;
}

// ---- files ----

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function organisationDirectory(settings: { directory: string }, orgId: string): string {
  // The id becomes a path segment: only a UUID may, so nothing can point outside the directory.
  if (!uuidPattern.test(orgId)) throw new Error(`Not an organisation id: ${orgId}`);
  return path.join(settings.directory, orgId.toLowerCase());
}

/** `<time>-<size>.json`, so the names sort in the order the checkpoints were signed. */
export function checkpointFileName(checkpoint: Pick<Checkpoint, 'time' | 'size'>): string {
  return `${checkpoint.time.replaceAll(':', '')}-${String(checkpoint.size).padStart(15, '0')}.json`;
}

const checkpointFilePattern = /^\d{4}-\d{2}-\d{2}T\d{6}\.\d{3}Z-\d{15}\.json$/;

/** Writes the checkpoint to its folder and to the mirror folder when there is one; returns the first file. */
function writeCheckpointFiles(settings: CheckpointSettings, signed: SignedCheckpoint): string {
  const [primary, ...copies] = checkpointPlaces(settings);
  const file = writeCheckpointFile(primary!.directory, signed);
  for (const copy of copies) writeCheckpointFile(copy.directory, signed);
  return file;
}

/** The folders that must each hold every checkpoint: the checkpoint folder, and the mirror when set. */
function checkpointPlaces(settings: CheckpointSettings): { name: string; directory: string }[] {
  return [
    { name: 'checkpoint folder', directory: settings.directory },
    ...(settings.mirrorDirectory ? [{ name: 'mirror folder', directory: settings.mirrorDirectory }] : []),
  ];
}

/** Writes a new file, never replacing one, and never leaving a half-written file under its final name. */
function writeCheckpointFile(baseDirectory: string, signed: SignedCheckpoint): string {
  const directory = organisationDirectory({ directory: baseDirectory }, signed.checkpoint.orgId);
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, checkpointFileName(signed.checkpoint));
  const temporary = path.join(directory, `.writing-${randomBytes(6).toString('hex')}`);
  const descriptor = fs.openSync(temporary, 'wx', 0o644);
  try {
    fs.writeSync(descriptor, `${JSON.stringify(signed, null, 2)}\n`);
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
  try {
    fs.linkSync(temporary, file);
  } finally {
    fs.unlinkSync(temporary);
  }
  return file;
}

export type StoredCheckpoint =
  | { file: string; signed: SignedCheckpoint; problem: null }
  | { file: string; signed: null; problem: string };

/** The organisation's checkpoint files, oldest first. */
export function listCheckpointFiles(settings: { directory: string }, orgId: string): string[] {
  const directory = organisationDirectory(settings, orgId);
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory)
    .filter((name) => checkpointFilePattern.test(name))
    .sort()
    .map((name) => path.join(directory, name));
}

export function readCheckpointFile(file: string): StoredCheckpoint {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { file, signed: null, problem: 'the file cannot be read as a checkpoint' };
  }
  const signed = parseSignedCheckpoint(text);
  if (typeof signed === 'string') return { file, signed: null, problem: signed };
  // A renamed older file must not pass for the latest one.
  if (path.basename(file) !== checkpointFileName(signed.checkpoint)) {
    return { file, signed: null, problem: 'its file name does not match the checkpoint inside it' };
  }
  return { file, signed, problem: null };
}

/** A signed checkpoint from a file's text, or why it is not one. Its signature is checked separately. */
export function parseSignedCheckpoint(text: string): SignedCheckpoint | string {
  let signed: SignedCheckpoint;
  try {
    signed = JSON.parse(text) as SignedCheckpoint;
  } catch {
    return 'the file cannot be read as a checkpoint';
  }
  const checkpoint = signed?.checkpoint;
  if (
    typeof signed?.signature !== 'string' ||
    typeof signed.keyId !== 'string' ||
    (checkpoint?.format !== CHECKPOINT_FORMAT && checkpoint?.format !== CHAIN_CHECKPOINT_FORMAT) ||
    typeof checkpoint.orgId !== 'string' ||
    !Number.isSafeInteger(checkpoint.size) ||
    typeof checkpoint.headHash !== 'string' ||
    typeof checkpoint.time !== 'string'
  ) {
    return 'the file is not a Liaison audit checkpoint';
  }
  return signed;
}

/** The organisation's latest signed checkpoint of its Merkle tree at exactly `size` entries, if any. */
export function findTreeCheckpoint(
  settings: CheckpointSettings,
  orgId: string,
  size: number,
): SignedCheckpoint | null {
  const files = listCheckpointFiles(settings, orgId).filter((file) =>
    file.endsWith(`-${String(size).padStart(15, '0')}.json`),
  );
  for (const file of files.reverse()) {
    const stored = readCheckpointFile(file);
    if (stored.signed?.checkpoint.format === CHECKPOINT_FORMAT) return stored.signed;
  }
  return null;
}

/** The organisation's most recently signed checkpoint, or null if none has been written. */
export function readLatestCheckpoint(settings: CheckpointSettings, orgId: string): StoredCheckpoint | null {
  const file = listCheckpointFiles(settings, orgId).at(-1);
  return file ? readCheckpointFile(file) : null;
}

// ---- checking the tree ----

/** What the organisation's trail holds at the checkpoint's size, in the checkpoint's terms; null past its end. */
async function headAtCheckpoint(
  db: Db,
  orgId: string,
  checkpoint: Pick<Checkpoint, 'format' | 'size'>,
): Promise<string | null> {
  if (checkpoint.format === CHAIN_CHECKPOINT_FORMAT) {
    const [link] = await auditRepository.findChainHashes(db, orgId, checkpoint.size - 1, 1);
    return link?.seq === checkpoint.size ? link.entry_hash : null;
  }
  return (await treeHeadAt(db, orgId, checkpoint.size))?.toString('hex') ?? null;
}

/** The organisation's sealed size: its tree's, or its chain's while that is still being turned into leaves. */
async function sealedSize(db: Db, orgId: string): Promise<{ size: number; converting: boolean }> {
  const tip = await auditRepository.findTreeTip(db, orgId);
  const cutover = await auditRepository.findChainCutover(db, orgId);
  const size = tip?.size ?? 0;
  return cutover && cutover.size > size
    ? { size: cutover.size, converting: true }
    : { size, converting: false };
}

/**
 * Whether a checkpoint that was made is missing. The latest checkpoint known anywhere (recorded
 * in the database, or found in the checkpoint or mirror folder) must be in every folder: once a
 * chain has been checkpointed, a deleted folder is a failure, not "no checkpoint yet".
 */
export async function missingCheckpointProblem(
  db: Db,
  orgId: string,
  settings: CheckpointSettings,
): Promise<string | null> {
  const recorded = await auditRepository.findLatestCheckpointRecord(db, orgId);
  const places = checkpointPlaces(settings);
  const candidates = places.flatMap((place) => {
    const latest = listCheckpointFiles(place, orgId).at(-1);
    return latest ? [path.basename(latest)] : [];
  });
  const recordedName = recorded
    ? checkpointFileName({ time: recorded.signed_at.toISOString(), size: recorded.size })
    : null;
  if (recordedName) candidates.push(recordedName);
  const expected = candidates.sort().at(-1);
  if (!expected) return null;
  const missingFrom = places.filter(
    (place) => !fs.existsSync(path.join(organisationDirectory(place, orgId), expected)),
  );
  if (missingFrom.length === 0) return null;
  const where = missingFrom.map((place) => `the ${place.name} (${place.directory})`).join(' and ');
  const known =
    recorded && expected === recordedName
      ? `The database records ${recorded.count} checkpoint${recorded.count === 1 ? '' : 's'} of this chain, the latest (${expected}) covering ${recorded.size} entries`
      : `The latest checkpoint of this chain is ${expected}`;
  return `${known}, but it is missing from ${where}: checkpoints were deleted or moved, so the entries since cannot be vouched for. Put the files back (from the other folder or a backup) and run "liaison audit verify" again.`;
}

export type CheckpointCheck = {
  /** 'none': no checkpoint has been made yet for the organisation (not a failure). */
  status: 'verified' | 'failed' | 'none';
  /**
   * What no checkpoint covers yet: sealed entries after the latest checkpoint (all of them when
   * there is none), which could be cut or rewritten unnoticed until the next one.
   */
  entriesSinceCheckpoint: number | null;
  /** How long ago the latest checkpoint was signed. */
  msSinceCheckpoint: number | null;
  /** The checkpoint the chain was compared with. */
  size: number | null;
  signedAt: string | null;
  problem: string | null;
  /** When the chain is shorter than the checkpoint: the first seq that is missing. */
  firstMissingSeq: number | null;
};

/**
 * Compares the organisation's chain in the database with its latest signed checkpoint: detects a
 * cut-off tail, a rewrite with recomputed hashes, a restored older backup, and a checkpoint file
 * that was altered or not signed by this installation's key.
 */
export async function checkAgainstLatestCheckpoint(
  db: Db,
  orgId: string,
  settings: CheckpointSettings,
  clock: Clock,
): Promise<CheckpointCheck> {
  const { size: chainSize } = await sealedSize(db, orgId);
  const missing = await missingCheckpointProblem(db, orgId, settings);
  const stored = readLatestCheckpoint(settings, orgId);
  const failed = (problem: string, extra: Partial<CheckpointCheck> = {}): CheckpointCheck => ({
    status: 'failed',
    entriesSinceCheckpoint: null,
    msSinceCheckpoint: null,
    size: stored?.signed?.checkpoint.size ?? null,
    signedAt: stored?.signed?.checkpoint.time ?? null,
    problem,
    firstMissingSeq: null,
    ...extra,
  });
  if (missing) return failed(missing);
  if (!stored) {
    return {
      status: 'none',
      entriesSinceCheckpoint: chainSize,
      msSinceCheckpoint: null,
      size: null,
      signedAt: null,
      problem: null,
      firstMissingSeq: null,
    };
  }
  const name = path.basename(stored.file);
  if (!stored.signed) return failed(`The latest checkpoint (${name}) cannot be trusted: ${stored.problem}.`);

  const publicKey = loadVerificationKey(settings.keyFile);
  if (!publicKey) {
    return failed(
      `The latest checkpoint (${name}) cannot be checked: there is no checkpoint key at ${settings.keyFile}.`,
    );
  }
  const signatureProblem = checkpointSignatureProblem(stored.signed, publicKey, orgId);
  if (signatureProblem)
    return failed(`The latest checkpoint (${name}) cannot be trusted: ${signatureProblem}.`);

  const checkpoint = stored.signed.checkpoint;
  if (chainSize < checkpoint.size) {
    return failed(
      `The chain has ${chainSize} sealed entries but the checkpoint signed at ${checkpoint.time} covers ${checkpoint.size}: entries were removed from its end, or an older backup was restored.`,
      { firstMissingSeq: chainSize + 1 },
    );
  }
  const hashAtCheckpoint = await headAtCheckpoint(db, orgId, checkpoint);
  if (hashAtCheckpoint === null) {
    return failed(
      `Entry ${checkpoint.size}, covered by the checkpoint signed at ${checkpoint.time}, is missing.`,
      { firstMissingSeq: checkpoint.size },
    );
  }
  if (hashAtCheckpoint !== checkpoint.headHash) {
    return failed(
      `The first ${checkpoint.size} entries are not those the checkpoint signed at ${checkpoint.time} covers: the trail up to it was rewritten, or an older backup was restored and has grown since.`,
    );
  }
  return {
    status: 'verified',
    entriesSinceCheckpoint: chainSize - checkpoint.size,
    msSinceCheckpoint: clock.now().getTime() - Date.parse(checkpoint.time),
    size: checkpoint.size,
    signedAt: checkpoint.time,
    problem: null,
    firstMissingSeq: null,
  };
}

export type AuditTrailReport = ChainReport & { checkpoint: CheckpointCheck };

/**
 * Verifies every organisation's chain (or one) as verifyAuditChain does, then against its latest
 * signed checkpoint. Also reports organisations that have checkpoints but are missing from the
 * database (a restored backup from before they existed).
 */
export async function verifyAuditTrail(
  db: Db,
  options: { clock: Clock; orgId?: string; checkpoints: CheckpointSettings },
): Promise<AuditTrailReport[]> {
  const chainReports = await verifyAuditChain(db, {
    clock: options.clock,
    ...(options.orgId ? { orgId: options.orgId } : {}),
  });
  const reports: AuditTrailReport[] = [];
  for (const report of chainReports) {
    const checkpoint = await checkAgainstLatestCheckpoint(
      db,
      report.orgId,
      options.checkpoints,
      options.clock,
    );
    reports.push({
      ...report,
      verified: report.verified && checkpoint.status !== 'failed',
      firstBadSeq: report.firstBadSeq ?? checkpoint.firstMissingSeq,
      problem: report.problem ?? checkpoint.problem,
      checkpoint,
    });
  }
  if (!options.orgId) {
    const known = new Set(chainReports.map((report) => report.orgId.toLowerCase()));
    for (const orgId of organisationsWithCheckpoints(options.checkpoints)) {
      if (known.has(orgId)) continue;
      const problem = `Checkpoints exist for organisation ${orgId}, which the database does not have: an older backup may have been restored.`;
      reports.push({
        orgId,
        verified: false,
        sealedEntries: 0,
        unsealedEntries: 0,
        oldestUnsealedAgeMs: null,
        firstBadSeq: 1,
        problem,
        unchainedEventIds: [],
        checkpoint: {
          status: 'failed',
          entriesSinceCheckpoint: null,
          msSinceCheckpoint: null,
          size: null,
          signedAt: null,
          problem,
          firstMissingSeq: 1,
        },
      });
    }
  }
  return reports;
}

function organisationsWithCheckpoints(settings: CheckpointSettings): string[] {
  if (!fs.existsSync(settings.directory)) return [];
  return fs
    .readdirSync(settings.directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && uuidPattern.test(entry.name))
    .filter((entry) => listCheckpointFiles(settings, entry.name).length > 0)
    .map((entry) => entry.name.toLowerCase());
}

// ---- writing checkpoints ----

export type CheckpointResult =
  | { orgId: string; outcome: 'written'; file: string; checkpoint: Checkpoint }
  | { orgId: string; outcome: 'unchanged' | 'empty'; file: null; checkpoint: null }
  | { orgId: string; outcome: 'refused'; file: null; checkpoint: null; problem: string };

/**
 * Signs and writes a checkpoint of the organisation's chain as it is now (its sealed entries).
 * Only a chain that verifies and extends the previous checkpoint is signed, so a checkpoint never
 * blesses a tampered chain. `acceptRollback` is for after a deliberate restore from backup: the
 * chain is checked from its start, the new checkpoint names the one it replaces, and the
 * acceptance is itself recorded in the audit trail.
 */
export async function writeCheckpoint(
  db: Db,
  options: { orgId: string; settings: CheckpointSettings; clock: Clock; acceptRollback?: boolean },
): Promise<CheckpointResult> {
  const { orgId, settings } = options;
  const refused = (problem: string): CheckpointResult => ({
    orgId,
    outcome: 'refused',
    file: null,
    checkpoint: null,
    problem,
  });
  const privateKey = loadSigningKey(settings.keyFile);
  const publicKey = createPublicKey(privateKey);
  const tip = await auditRepository.findTreeTip(db, orgId);
  // Until the sequencer has turned a chain sealed before the tree into leaves, there is no tree to sign.
  if ((await sealedSize(db, orgId)).converting)
    return { orgId, outcome: 'unchanged', file: null, checkpoint: null };
  if (!tip) return { orgId, outcome: 'empty', file: null, checkpoint: null };
  const head = { seq: tip.size, entry_hash: tip.head.toString('hex') };

  // A new checkpoint must never quietly replace one that was deleted.
  const missing = await missingCheckpointProblem(db, orgId, settings);
  const stored = readLatestCheckpoint(settings, orgId);
  let previous: Checkpoint | null = null;
  let extendsPrevious = false;
  let previousProblem: string | null = missing;
  if (stored && !missing) {
    previousProblem = stored.signed
      ? checkpointSignatureProblem(stored.signed, publicKey, orgId)
      : (stored.problem ?? 'it cannot be read');
    if (previousProblem === null && stored.signed) {
      previous = stored.signed.checkpoint;
      if (
        previous.format === CHECKPOINT_FORMAT &&
        previous.size === head.seq &&
        previous.headHash === head.entry_hash
      ) {
        return { orgId, outcome: 'unchanged', file: null, checkpoint: null };
      }
      const hashThere = head.seq >= previous.size ? await headAtCheckpoint(db, orgId, previous) : null;
      extendsPrevious = hashThere === previous.headHash;
      if (!extendsPrevious) {
        previousProblem = `the trail (${head.seq} entries) does not extend the checkpoint signed at ${previous.time} (${previous.size} entries)`;
      }
    }
  }
  if (previousProblem && !options.acceptRollback) {
    return refused(
      `Not signed: ${missing ?? `the latest checkpoint (${path.basename(stored?.file ?? '')}) — ${previousProblem}.`} Run "liaison audit verify"; after a deliberate restore from backup, use --accept-rollback.`,
    );
  }

  const { problem: treeProblem } = await checkTree(db, orgId, {
    fromSize: previous && extendsPrevious ? previous.size : 0,
    toSize: head.seq,
  });
  if (treeProblem) return refused(`Not signed: the trail does not verify (${treeProblem}).`);

  const rollbackAccepted = Boolean(previousProblem && options.acceptRollback);
  const checkpoint: Checkpoint = {
    format: CHECKPOINT_FORMAT,
    orgId,
    size: head.seq,
    headHash: head.entry_hash,
    time: options.clock.now().toISOString(),
    previous: previous
      ? { size: previous.size, headHash: previous.headHash, digest: checkpointDigest(previous) }
      : null,
    rollbackAccepted,
  };
  const signed = signCheckpoint(checkpoint, privateKey);
  let file: string;
  try {
    file = writeCheckpointFiles(settings, signed);
  } catch (error) {
    // Another process signed the same chain in the same millisecond: its file stands.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return { orgId, outcome: 'unchanged', file: null, checkpoint: null };
    }
    throw error;
  }
  // After the files: a recorded checkpoint whose file could not be written would fail every verify.
  await auditRepository.insertCheckpointRecord(db, {
    org_id: orgId,
    size: checkpoint.size,
    signed_at: new Date(checkpoint.time),
    head_hash: checkpoint.headHash,
    digest: checkpointDigest(checkpoint),
    key_id: signed.keyId,
  });
  if (rollbackAccepted) {
    await recordAudit(db, systemContext(orgId, 'audit-checkpoint'), options.clock.now(), {
      action: 'audit.rollback_accepted',
      entityType: 'audit_chain',
      entityId: orgId,
      details: {
        replacedCheckpoint: stored ? path.basename(stored.file) : null,
        replacedSize: previous?.size ?? null,
        size: checkpoint.size,
      },
    });
  }
  return { orgId, outcome: 'written', file, checkpoint };
}

/** Writes a checkpoint for every organisation whose chain has grown; the scheduled job and the CLI. */
export async function writeCheckpoints(
  db: Db,
  options: { settings: CheckpointSettings; clock: Clock; orgIds?: string[]; acceptRollback?: boolean },
): Promise<CheckpointResult[]> {
  const orgIds = options.orgIds ?? (await auditRepository.findAllOrganisationIds(db));
  const results: CheckpointResult[] = [];
  for (const orgId of orgIds) {
    results.push(
      await writeCheckpoint(db, {
        orgId,
        settings: options.settings,
        clock: options.clock,
        ...(options.acceptRollback ? { acceptRollback: true } : {}),
      }),
    );
  }
  return results;
}

/** The scheduled job's sweep: a refused organisation fails the run (logged), after the others are done. */
export async function runCheckpointJob(
  db: Db,
  options: { settings: CheckpointSettings; clock: Clock },
): Promise<number> {
  const results = await writeCheckpoints(db, options);
  const refused = results.flatMap((result) =>
    result.outcome === 'refused' ? [`${result.orgId}: ${result.problem}`] : [],
  );
  if (refused.length > 0) throw new CheckpointError(refused.join('\n'));
  return results.filter((result) => result.outcome === 'written').length;
}

// ---- proofs ----

/**
 * An entry's inclusion proof, by default against the latest signed checkpoint (when it covers the
 * entry), with that checkpoint when one of the proof's size exists: all an outsider needs.
 */
export async function proveEntry(
  db: Db,
  options: { orgId: string; entryId: number; size?: number; settings: CheckpointSettings },
): Promise<{ proof: InclusionProof; checkpoint: SignedCheckpoint | null }> {
  const latest = readLatestCheckpoint(options.settings, options.orgId)?.signed?.checkpoint;
  const proof = await inclusionProofFor(db, {
    orgId: options.orgId,
    entryId: options.entryId,
    ...(options.size !== undefined ? { atSize: options.size } : {}),
    ...(latest?.format === CHECKPOINT_FORMAT ? { preferredSize: latest.size } : {}),
  });
  return { proof, checkpoint: findTreeCheckpoint(options.settings, options.orgId, proof.treeSize) };
}

/** The consistency proof between two tree sizes, with the signed checkpoints of those sizes when they exist. */
export async function proveConsistency(
  db: Db,
  options: { orgId: string; fromSize: number; toSize: number; settings: CheckpointSettings },
): Promise<{
  proof: ConsistencyProof;
  checkpoints: { from: SignedCheckpoint | null; to: SignedCheckpoint | null };
}> {
  const proof = await consistencyProofFor(db, options);
  return {
    proof,
    checkpoints: {
      from: findTreeCheckpoint(options.settings, options.orgId, options.fromSize),
      to: findTreeCheckpoint(options.settings, options.orgId, options.toSize),
    },
  };
}
