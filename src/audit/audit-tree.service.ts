import type { Executor } from '../db/database.ts';
import { AppError } from '../errors.ts';
import * as auditRepository from './audit.repository.ts';
import type { AuditEventRow } from './audit.table.ts';
import { canonicalEntry, chainHash, entryLeafHash, GENESIS_HASH } from './audit-hash.ts';
import {
  appendLeaves,
  consistencyProof,
  EMPTY_TREE_HEAD,
  frontierHead,
  inclusionProof,
  leafHash,
  type PerfectSubtree,
  packBlockNodes,
  packHashes,
  subtreesRead,
  treeHead,
  unpackHashes,
} from './merkle.ts';

// Each organisation's audit trail is a Merkle tree (RFC 9162) sealed in blocks: see the
// audit_blocks migration for what a block stores. This module builds blocks, checks them against
// the entries, and reads tree heads and proofs from them.

/** Builds the block that appends `entries` (in order) to a tree whose last block is `tip`. */
export function buildBlock(
  orgId: string,
  tip: auditRepository.TreeTip | null,
  entries: { eventId: number; leaf: Buffer }[],
): auditRepository.NewBlock {
  const size = tip?.size ?? 0;
  const appended = appendLeaves(
    size,
    tip ? unpackHashes(tip.frontier) : [],
    entries.map((entry) => entry.leaf),
  );
  return {
    org_id: orgId,
    start_size: size,
    tree_size: size + entries.length,
    event_ids: entries.map((entry) => entry.eventId),
    nodes: packBlockNodes(appended.completed),
    frontier: packHashes(appended.frontier),
    tree_head: frontierHead(appended.frontier),
    previous_head: tip?.head ?? EMPTY_TREE_HEAD,
  };
}

/** The leaf for an entry of the hash chain sealed before the tree. */
export function chainEntryLeaf(entry: AuditEventRow | null, seq: number): Buffer {
  // An entry gone from the chain still needs a leaf, so the positions after it stay where the
  // chain put them; checking the chain reports it.
  return entry ? entryLeafHash(entry) : leafHash(`missing chain entry ${seq}`);
}

export type TreeCheck = {
  /** Entries whose leaves, and the blocks holding them, were recomputed and match. */
  checked: number;
  /** The tree's size as far as it was read. */
  size: number;
  firstBadSeq: number | null;
  problem: string | null;
};

/**
 * Recomputes the organisation's tree from its entries, from the block holding seq `fromSize + 1`
 * up to `toSize` (the whole tree: 0 and Infinity): each entry's leaf, every hash each block
 * stores, and that each block starts where the last ended and follows its head. Entries sealed
 * before the tree are also checked against the hash chain they were sealed into.
 */
export async function checkTree(
  executor: Executor,
  orgId: string,
  range: { fromSize: number; toSize: number },
): Promise<TreeCheck> {
  const cutover = await auditRepository.findChainCutover(executor, orgId);
  let size = 0;
  let frontier: Buffer[] = [];
  let head = EMPTY_TREE_HEAD;
  if (range.fromSize > 0) {
    size = (await auditRepository.findBlockStartHolding(executor, orgId, range.fromSize)) ?? range.fromSize;
    if (size > 0) {
      const before = await auditRepository.findBlockEndingAt(executor, orgId, size);
      if (!before) return { checked: 0, size, firstBadSeq: size, problem: `entry ${size} is missing` };
      frontier = unpackHashes(before.frontier);
      head = before.tree_head;
    }
  }
  let chainHashBefore = GENESIS_HASH;
  if (cutover && size > 0 && size <= cutover.size) {
    const [atStart] = await auditRepository.findChainHashes(executor, orgId, size - 1, 1);
    chainHashBefore = atStart?.entry_hash ?? GENESIS_HASH;
  }
  let checked = 0;
  const failed = (firstBadSeq: number, problem: string): TreeCheck => ({
    checked,
    size,
    firstBadSeq,
    problem,
  });
  for await (const { blocks, entries } of sealedEntryPages(executor, orgId, {
    fromSize: size,
    toSize: range.toSize,
  })) {
    const pageStart = size;
    const last = blocks.at(-1)!;
    const chain =
      cutover && size < cutover.size
        ? await auditRepository.findChainHashes(
            executor,
            orgId,
            size,
            Math.min(last.tree_size, cutover.size) - size,
          )
        : [];
    let position = 0;
    for (const block of blocks) {
      const firstSeq = block.start_size + 1;
      if (block.start_size > size) {
        return failed(
          size + 1,
          `entries ${size + 1} to ${block.start_size} are missing (the tree continues at ${firstSeq})`,
        );
      }
      if (block.start_size < size || !block.previous_head.equals(head)) {
        return failed(
          firstSeq,
          `the block sealing entries ${firstSeq} to ${block.tree_size} does not follow the one before it`,
        );
      }
      const stored = unpackHashes(block.nodes);
      const leaves: Buffer[] = [];
      for (const [offset, eventId] of block.event_ids.entries()) {
        const seq = firstSeq + offset;
        const entry = entries[position + offset] ?? null;
        if (cutover && seq <= cutover.size) {
          const link = chain[seq - pageStart - 1];
          if (!link || link.seq !== seq || link.event_id !== eventId) {
            return failed(seq, `entry ${seq} is not where the hash chain sealed before the tree put it`);
          }
          if (!entry) return failed(seq, `the audit entry sealed at ${seq} no longer exists`);
          if (chainHash(chainHashBefore, seq, entry) !== link.entry_hash) {
            return failed(seq, `entry ${seq} does not match its hash: it was changed, moved or replaced`);
          }
          chainHashBefore = link.entry_hash;
        }
        if (!entry) return failed(seq, `the audit entry sealed at ${seq} no longer exists`);
        const leaf = entryLeafHash(entry);
        if (!stored[offset]?.equals(leaf)) {
          return failed(seq, `entry ${seq} does not match its hash: it was changed, moved or replaced`);
        }
        leaves.push(leaf);
      }
      position += block.event_ids.length;
      const appended = appendLeaves(size, frontier, leaves);
      const nextFrontier = packHashes(appended.frontier);
      const nextHead = frontierHead(appended.frontier);
      if (
        !packBlockNodes(appended.completed).equals(block.nodes) ||
        !nextFrontier.equals(block.frontier) ||
        !nextHead.equals(block.tree_head)
      ) {
        return failed(
          firstSeq,
          `the hashes stored with entries ${firstSeq} to ${block.tree_size} were altered`,
        );
      }
      frontier = appended.frontier;
      head = nextHead;
      checked += block.event_ids.length;
      size = block.tree_size;
      if (size >= range.toSize) break;
    }
    if (size >= range.toSize) break;
  }
  return { checked, size, firstBadSeq: null, problem: null };
}

/**
 * The sealed entries after tree size `fromSize`, a page at a time: the blocks holding about 5,000
 * entries, and those entries in order (null where one no longer exists). The next page is read
 * while the caller works on this one.
 */
export async function* sealedEntryPages(
  executor: Executor,
  orgId: string,
  range: { fromSize: number; toSize?: number },
): AsyncGenerator<{ blocks: auditRepository.StoredBlock[]; entries: (AuditEventRow | null)[] }> {
  const toSize = range.toSize ?? Number.POSITIVE_INFINITY;
  const readPage = async (afterSize: number) => {
    const blocks = await auditRepository.findBlocksAfter(executor, orgId, afterSize, 5_000);
    const ids = blocks.flatMap((block) => block.event_ids);
    return {
      blocks,
      entries: ids.length === 0 ? [] : await auditRepository.findEntriesByIds(executor, orgId, ids),
    };
  };
  let nextPage = readPage(range.fromSize);
  try {
    for (;;) {
      const page = await nextPage;
      const last = page.blocks.at(-1);
      if (!last) return;
      if (last.tree_size < toSize) nextPage = readPage(last.tree_size);
      yield page;
      if (last.tree_size >= toSize) return;
    }
  } finally {
    // A caller that stops early leaves the page read ahead unread: never an unhandled rejection.
    nextPage.catch(() => {});
  }
}

/** Runs a computation over the tree's perfect subtrees, each read from the block that stores it. */
async function withStoredSubtrees<T>(
  executor: Executor,
  orgId: string,
  compute: (perfect: PerfectSubtree) => T,
): Promise<T> {
  const wanted = subtreesRead(compute);
  const stored = await auditRepository.findSubtreeHashes(executor, orgId, wanted);
  return compute((level, index) => {
    const hash = stored.get(`${level}:${index}`);
    if (!hash) throw new AppError('conflict', `The audit tree is missing a stored hash (${level}:${index})`);
    return hash;
  });
}

/** The organisation's tree size: how many of its entries are sealed. */
export async function treeSizeOf(executor: Executor, orgId: string): Promise<number> {
  return (await auditRepository.findTreeTip(executor, orgId))?.size ?? 0;
}

/** The tree head after the first `size` entries, from the stored subtrees; null past the tree's end. */
export async function treeHeadAt(executor: Executor, orgId: string, size: number): Promise<Buffer | null> {
  const tip = await auditRepository.findTreeTip(executor, orgId);
  if (size === 0) return EMPTY_TREE_HEAD;
  if (!tip || size > tip.size) return null;
  if (size === tip.size) return tip.head;
  try {
    return await withStoredSubtrees(executor, orgId, (perfect) => treeHead(size, perfect));
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

export const PROOF_FORMAT = 'liaison-audit-proof/1';

export type InclusionProof = {
  format: typeof PROOF_FORMAT;
  type: 'inclusion';
  orgId: string;
  entryId: number;
  /** The entry's position in the tree, from 1; the leaf index of RFC 9162 is seq − 1. */
  seq: number;
  treeSize: number;
  /** The tree head at treeSize, hex: what a checkpoint of that size signs. */
  rootHash: string;
  /** The entry as its leaf covers it (RFC 8785 canonical JSON): the leaf is SHA-256(0x00 ‖ entry). */
  entry: string;
  leafHash: string;
  /** The audit path, from the leaf up, hex. */
  path: string[];
};

export type ConsistencyProof = {
  format: typeof PROOF_FORMAT;
  type: 'consistency';
  orgId: string;
  fromSize: number;
  toSize: number;
  fromRoot: string;
  toRoot: string;
  path: string[];
};

/**
 * The inclusion proof of an audit entry in its organisation's tree at `atSize` (by default the
 * tree as it is now): for citing an entry against a signed checkpoint of that size.
 */
export async function inclusionProofFor(
  executor: Executor,
  options: {
    orgId: string;
    entryId: number;
    atSize?: number;
    /** Without atSize: this size (a checkpoint's) when it covers the entry, else the tree as it is now. */
    preferredSize?: number;
  },
): Promise<InclusionProof> {
  const { orgId, entryId } = options;
  const block = await auditRepository.findBlockHoldingEntry(executor, orgId, entryId);
  if (!block) {
    throw new AppError(
      'not_found',
      'No sealed audit entry has this id: it does not exist, or is not sealed yet',
      {
        field: 'entry',
      },
    );
  }
  const seq = block.start_size + block.event_ids.indexOf(entryId) + 1;
  const tip = await auditRepository.findTreeTip(executor, orgId);
  const preferred =
    options.preferredSize !== undefined &&
    options.preferredSize >= seq &&
    options.preferredSize <= (tip?.size ?? 0)
      ? options.preferredSize
      : undefined;
  const treeSize = options.atSize ?? preferred ?? tip?.size ?? 0;
  if (treeSize < seq || treeSize > (tip?.size ?? 0)) {
    throw new AppError(
      'validation',
      `The tree size must be between the entry's position (${seq}) and the tree's size now (${tip?.size ?? 0})`,
      { field: 'size' },
    );
  }
  const [entry] = await auditRepository.findEntriesByIds(executor, orgId, [entryId]);
  if (!entry) throw new AppError('not_found', 'The audit entry no longer exists', { field: 'entry' });
  const { path, root } = await withStoredSubtrees(executor, orgId, (perfect) => ({
    path: inclusionProof(seq - 1, treeSize, perfect),
    root: treeHead(treeSize, perfect),
  }));
  return {
    format: PROOF_FORMAT,
    type: 'inclusion',
    orgId,
    entryId,
    seq,
    treeSize,
    rootHash: root.toString('hex'),
    entry: canonicalEntry(entry),
    leafHash: entryLeafHash(entry).toString('hex'),
    path: path.map((hash) => hash.toString('hex')),
  };
}

/** The consistency proof that the organisation's tree of `fromSize` entries is a prefix of the tree of `toSize`. */
export async function consistencyProofFor(
  executor: Executor,
  options: { orgId: string; fromSize: number; toSize: number },
): Promise<ConsistencyProof> {
  const { orgId, fromSize, toSize } = options;
  const size = await treeSizeOf(executor, orgId);
  if (toSize > size) {
    throw new AppError('validation', `The tree has ${size} entries`, { field: 'to' });
  }
  if (fromSize < 1 || fromSize > toSize) {
    throw new AppError('validation', 'The first size must be between 1 and the second', { field: 'from' });
  }
  const { path, fromRoot, toRoot } = await withStoredSubtrees(executor, orgId, (perfect) => ({
    path: consistencyProof(fromSize, toSize, perfect),
    fromRoot: treeHead(fromSize, perfect),
    toRoot: treeHead(toSize, perfect),
  }));
  return {
    format: PROOF_FORMAT,
    type: 'consistency',
    orgId,
    fromSize,
    toSize,
    fromRoot: fromRoot.toString('hex'),
    toRoot: toRoot.toString('hex'),
    path: path.map((hash) => hash.toString('hex')),
  };
}
