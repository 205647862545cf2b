import { hash } from 'node:crypto';

// Merkle tree hashing as RFC 9162 (Certificate Transparency 2.0) §2.1 defines it, on hashes held
// as 32-byte Buffers. Pure: no database, no clock. Trees are never rebuilt from their leaves:
// every function reaches the tree through `PerfectSubtree`, the hash of one aligned, complete
// subtree, which the audit blocks store as they are sealed (see blockNodeOffset). A tree head,
// an inclusion proof or a consistency proof then costs O(log n) stored hashes, whatever the size.

export const HASH_BYTES = 32;

/** MTH({}) : the hash of the empty string. */
export const EMPTY_TREE_HEAD: Buffer = hash('sha256', '', 'buffer');

// Leaves and nodes are hashed with one call each, the prefix and data laid out in one buffer:
// cheaper than a Hash object per hash, and sealing hashes every entry and about as many nodes.

/** MTH({d}) = SHA-256(0x00 ‖ d); a string is hashed as its UTF-8 bytes. */
export function leafHash(data: Uint8Array | string): Buffer {
  if (typeof data === 'string') return hash('sha256', `\u0000${data}`, 'buffer');
  const input = Buffer.allocUnsafe(1 + data.length);
  input[0] = 0x00;
  input.set(data, 1);
  return hash('sha256', input, 'buffer');
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return hash('sha256', input, 'buffer');
}

/**
 * The hash of leaves [index·2^level, (index+1)·2^level): a complete subtree that never changes
 * once its last leaf is appended.
 */
export type PerfectSubtree = (level: number, index: number) => Buffer;

/** A perfect subtree named by its height and position. */
export type SubtreeName = { level: number; index: number };

/** The largest power of two strictly below n (n ≥ 2). Plain arithmetic: sizes pass 2^31. */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && largestPowerOfTwoBelow(n + 1) === n;
}

function log2(powerOfTwo: number): number {
  return Math.round(Math.log2(powerOfTwo));
}

/** MTH(D[lo:hi]) for a range starting on a boundary of its own split (as the proofs visit them). */
export function rangeHead(lo: number, hi: number, perfect: PerfectSubtree): Buffer {
  const n = hi - lo;
  if (n <= 0) return EMPTY_TREE_HEAD;
  if (isPowerOfTwo(n)) {
    if (lo % n !== 0) throw new Error(`Subtree [${lo}, ${hi}) is not aligned`);
    return perfect(log2(n), lo / n);
  }
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(rangeHead(lo, lo + k, perfect), rangeHead(lo + k, hi, perfect));
}

/** The tree head (MTH) of the first `size` leaves. */
export function treeHead(size: number, perfect: PerfectSubtree): Buffer {
  return rangeHead(0, size, perfect);
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1: the audit path of leaf `index` in the tree of `size` leaves. */
export function inclusionProof(index: number, size: number, perfect: PerfectSubtree): Buffer[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`Leaf ${index} is not in a tree of ${size}`);
  }
  const path: Buffer[] = [];
  // Walk down from the root, then reverse: PATH lists the siblings from the leaf up.
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = largestPowerOfTwoBelow(hi - lo);
    if (index < lo + k) {
      path.push(rangeHead(lo + k, hi, perfect));
      hi = lo + k;
    } else {
      path.push(rangeHead(lo, lo + k, perfect));
      lo += k;
    }
  }
  return path.reverse();
}

/** PROOF(m, D[n]) of RFC 9162 §2.1.4.1: that the tree of `first` leaves is a prefix of the tree of `second`. */
export function consistencyProof(first: number, second: number, perfect: PerfectSubtree): Buffer[] {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) {
    throw new RangeError(`No consistency proof from ${first} to ${second}`);
  }
  if (first === 0 || first === second) return [];
  const proof: Buffer[] = [];
  let lo = 0;
  let hi = second;
  let m = first;
  let whole = true;
  // SUBPROOF(m, D[lo:hi], whole), unrolled; its results are appended innermost first, so collect
  // the outer hashes and put the inner ones in front of them.
  const outer: Buffer[] = [];
  for (;;) {
    const n = hi - lo;
    if (m === n) {
      if (!whole) proof.push(rangeHead(lo, hi, perfect));
      break;
    }
    const k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      outer.push(rangeHead(lo + k, hi, perfect));
      hi = lo + k;
    } else {
      outer.push(rangeHead(lo, lo + k, perfect));
      lo += k;
      m -= k;
      whole = false;
    }
  }
  return [...proof, ...outer.reverse()];
}

/** RFC 9162 §2.1.3.2: whether `proof` shows the leaf at `index` is in the tree of `size` with head `root`. */
export function verifyInclusion(options: {
  index: number;
  size: number;
  leafHash: Uint8Array;
  proof: readonly Uint8Array[];
  root: Uint8Array;
}): boolean {
  const { index, size, proof } = options;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    return false;
  }
  if (!isHash(options.leafHash) || !isHash(options.root) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(options.leafHash);
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(options.root);
}

/** RFC 9162 §2.1.4.2: whether `proof` shows the tree of `first` leaves is a prefix of the tree of `second`. */
export function verifyConsistency(options: {
  first: number;
  second: number;
  firstRoot: Uint8Array;
  secondRoot: Uint8Array;
  proof: readonly Uint8Array[];
}): boolean {
  const { first, second, proof } = options;
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) {
    return false;
  }
  if (!isHash(options.firstRoot) || !isHash(options.secondRoot) || !proof.every(isHash)) return false;
  if (first === second)
    return proof.length === 0 && Buffer.from(options.firstRoot).equals(options.secondRoot);
  if (first === 0) return proof.length === 0 && EMPTY_TREE_HEAD.equals(options.firstRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [options.firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(options.firstRoot) && sr.equals(options.secondRoot);
}

function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_BYTES;
}

/**
 * The perfect subtrees a computation reads, found by running it once with stand-in hashes: the
 * proofs' shapes depend on the sizes alone, so a store can fetch exactly these in one go.
 */
export function subtreesRead<T>(compute: (perfect: PerfectSubtree) => T): SubtreeName[] {
  const seen = new Map<string, SubtreeName>();
  compute((level, index) => {
    seen.set(`${level}:${index}`, { level, index });
    return EMPTY_TREE_HEAD;
  });
  return [...seen.values()];
}

// ---- appending ----

/**
 * The right edge of a tree: the heads of the perfect subtrees its size decomposes into, largest
 * (leftmost) first. With it a batch of leaves is appended without reading the tree.
 */
export type Frontier = Buffer[];

/** The tree head from its frontier: fold the perfect subtrees from the right. */
export function frontierHead(frontier: readonly Buffer[]): Buffer {
  if (frontier.length === 0) return EMPTY_TREE_HEAD;
  let head = frontier[frontier.length - 1]!;
  for (let index = frontier.length - 2; index >= 0; index -= 1) head = nodeHash(frontier[index]!, head);
  return head;
}

/** The levels of the perfect subtrees in a tree of `size`, largest first: its set bits. */
function frontierLevels(size: number): number[] {
  const levels: number[] = [];
  for (let level = 52; level >= 0; level -= 1) {
    if (Math.floor(size / 2 ** level) % 2 === 1) levels.push(level);
  }
  return levels;
}

/**
 * Appends leaves to a tree of `size` leaves with `frontier`. Returns the new frontier and every
 * perfect subtree the leaves complete, level by level (`completed[0]` are the leaves themselves),
 * each level in index order: what a block stores (see blockNodeOffset).
 */
export function appendLeaves(
  size: number,
  frontier: readonly Buffer[],
  leaves: readonly Buffer[],
): { frontier: Frontier; completed: Buffer[][] } {
  const levels = frontierLevels(size);
  if (levels.length !== frontier.length) {
    throw new Error(`A tree of ${size} leaves has ${levels.length} frontier hashes, not ${frontier.length}`);
  }
  const stack = frontier.map((hash, index) => ({ level: levels[index]!, hash }));
  const completed: Buffer[][] = [[]];
  for (const leaf of leaves) {
    completed[0]!.push(leaf);
    let top = { level: 0, hash: leaf };
    while (stack.length > 0 && stack[stack.length - 1]!.level === top.level) {
      const left = stack.pop()!;
      top = { level: top.level + 1, hash: nodeHash(left.hash, top.hash) };
      if (completed.length === top.level) completed.push([]);
      completed[top.level]!.push(top.hash);
    }
    stack.push(top);
  }
  return { frontier: stack.map((entry) => entry.hash), completed };
}

/**
 * Where a block covering leaves [start, end) keeps perfect subtree (level, index), in hashes from
 * the start of its nodes: level 0 (its leaves), then each level up, each in index order. The
 * block holds every subtree whose last leaf it appended; null when this one is not among them.
 */
export function blockNodeOffset(start: number, end: number, level: number, index: number): number | null {
  let offset = 0;
  for (let below = 0; below < level; below += 1) {
    offset += Math.floor(end / 2 ** below) - Math.floor(start / 2 ** below);
  }
  const first = Math.floor(start / 2 ** level);
  if (index < first || index >= Math.floor(end / 2 ** level)) return null;
  return offset + index - first;
}

/** The leaf whose appending completes perfect subtree (level, index): the block that holds it appended that leaf. */
export function lastLeafOf(level: number, index: number): number {
  return (index + 1) * 2 ** level - 1;
}

/** Concatenates a block's completed subtrees in blockNodeOffset's order. */
export function packBlockNodes(completed: readonly Buffer[][]): Buffer {
  return Buffer.concat(completed.flat());
}

export function packHashes(hashes: readonly Buffer[]): Buffer {
  return Buffer.concat(hashes);
}

export function unpackHashes(packed: Uint8Array): Buffer[] {
  if (packed.length % HASH_BYTES !== 0) throw new Error('Packed hashes are not a whole number of hashes');
  const buffer = Buffer.from(packed.buffer, packed.byteOffset, packed.length);
  const hashes: Buffer[] = [];
  for (let offset = 0; offset < buffer.length; offset += HASH_BYTES) {
    hashes.push(buffer.subarray(offset, offset + HASH_BYTES));
  }
  return hashes;
}

/**
 * A whole tree in memory, every perfect subtree stored level by level in one growing buffer per
 * level: for checking a log without a database, and for measuring proofs over large trees.
 */
export class MemoryMerkleTree {
  private levels: { bytes: Buffer; count: number }[] = [];
  private frontier: Frontier = [];
  size = 0;

  append(leaves: readonly Buffer[]): void {
    const { frontier, completed } = appendLeaves(this.size, this.frontier, leaves);
    completed.forEach((hashes, level) => {
      for (const hash of hashes) this.store(level, hash);
    });
    this.frontier = frontier;
    this.size += leaves.length;
  }

  head(size = this.size): Buffer {
    return size === this.size ? frontierHead(this.frontier) : treeHead(size, this.perfect);
  }

  readonly perfect: PerfectSubtree = (level, index) => {
    const stored = this.levels[level];
    if (!stored || index >= stored.count) throw new Error(`Subtree ${level}:${index} is not complete`);
    return stored.bytes.subarray(index * HASH_BYTES, (index + 1) * HASH_BYTES);
  };

  private store(level: number, hash: Buffer): void {
    let stored = this.levels[level];
    if (!stored) {
      stored = { bytes: Buffer.allocUnsafe(HASH_BYTES * 1024), count: 0 };
      this.levels[level] = stored;
    }
    if ((stored.count + 1) * HASH_BYTES > stored.bytes.length) {
      const grown = Buffer.allocUnsafe(stored.bytes.length * 2);
      stored.bytes.copy(grown, 0, 0, stored.count * HASH_BYTES);
      stored.bytes = grown;
    }
    hash.copy(stored.bytes, stored.count * HASH_BYTES);
    stored.count += 1;
  }
}
