import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendLeaves,
  blockNodeOffset,
  consistencyProof,
  EMPTY_TREE_HEAD,
  frontierHead,
  inclusionProof,
  lastLeafOf,
  leafHash,
  MemoryMerkleTree,
  packBlockNodes,
  subtreesRead,
  unpackHashes,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';

// TRUST L8. An independent reading of RFC 9162 §2.1, straight from its recursive definitions
// over a list of leaf data: no stored subtrees, no loops, nothing shared with merkle.ts.
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const naiveLeaf = (data: Buffer): Buffer => sha256(Buffer.from([0]), data);
const naiveNode = (left: Buffer, right: Buffer) => sha256(Buffer.from([1]), left, right);
const naiveSplit = (n: number) => 2 ** Math.ceil(Math.log2(n) - 1);

function naiveMth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return naiveLeaf(leaves[0]!);
  const k = naiveSplit(leaves.length);
  return naiveNode(naiveMth(leaves.slice(0, k)), naiveMth(leaves.slice(k)));
}

function naivePath(m: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = naiveSplit(leaves.length);
  return m < k
    ? [...naivePath(m, leaves.slice(0, k)), naiveMth(leaves.slice(k))]
    : [...naivePath(m - k, leaves.slice(k)), naiveMth(leaves.slice(0, k))];
}

function naiveSubproof(m: number, leaves: Buffer[], whole: boolean): Buffer[] {
  if (m === leaves.length) return whole ? [] : [naiveMth(leaves)];
  const k = naiveSplit(leaves.length);
  return m <= k
    ? [...naiveSubproof(m, leaves.slice(0, k), whole), naiveMth(leaves.slice(k))]
    : [...naiveSubproof(m - k, leaves.slice(k), false), naiveMth(leaves.slice(0, k))];
}

const naiveProof = (m: number, leaves: Buffer[]) => naiveSubproof(m, leaves, true);

function leafData(count: number, seed = 0): Buffer[] {
  return Array.from({ length: count }, (_, index) => Buffer.from(`entry ${seed}:${index}`));
}

function treeOf(data: Buffer[]): MemoryMerkleTree {
  const tree = new MemoryMerkleTree();
  tree.append(data.map((datum) => leafHash(datum)));
  return tree;
}

function flipBit(hash: Uint8Array, bit = 0): Buffer {
  const copy = Buffer.from(hash);
  copy[Math.floor(bit / 8) % copy.length]! ^= 1 << (bit % 8);
  return copy;
}

/** Each hash of a proof with a bit flipped (three ways), and each pair of neighbours swapped. */
function hashMutations(proof: Buffer[]): [string, Buffer[]][] {
  const mutations: [string, Buffer[]][] = [];
  for (let at = 0; at < proof.length; at += 1) {
    for (const bit of [0, 7, 255]) {
      const flipped = [...proof];
      flipped[at] = flipBit(proof[at]!, bit);
      mutations.push([`bit ${bit} of hash ${at} flipped`, flipped]);
    }
    if (at + 1 < proof.length) {
      const swapped = [...proof];
      [swapped[at], swapped[at + 1]] = [proof[at + 1]!, proof[at]!];
      mutations.push([`hashes ${at} and ${at + 1} swapped`, swapped]);
    }
  }
  return mutations;
}

/** The ways a random test changes a proof's list of hashes. */
const proofChanges = ['truncate', 'extend', 'flip', 'swap'] as const;

/**
 * The proof with one change, chosen by `pick`: cut short, one hash too many, one bit of a hash
 * flipped, or two neighbouring hashes swapped. Undefined when that change would leave the proof as
 * it was (an empty proof, no distinct neighbours).
 */
function changedProof(
  proof: Buffer[],
  change: (typeof proofChanges)[number],
  pick: number,
): Buffer[] | undefined {
  const at = proof.length === 0 ? 0 : pick % proof.length;
  switch (change) {
    case 'truncate':
      return proof.length === 0 ? undefined : proof.slice(0, at);
    case 'extend':
      return [...proof, sha256(Buffer.from(String(pick)))];
    case 'flip': {
      if (proof.length === 0) return undefined;
      const flipped = [...proof];
      flipped[at] = flipBit(proof[at]!, pick % 256);
      return flipped;
    }
    case 'swap': {
      if (at + 1 >= proof.length || proof[at]!.equals(proof[at + 1]!)) return undefined;
      const swapped = [...proof];
      [swapped[at], swapped[at + 1]] = [proof[at + 1]!, proof[at]!];
      return swapped;
    }
  }
}

describe('tree heads, inclusion and consistency proofs against the RFC’s definitions', () => {
  it('hashes the empty tree, a leaf and a node with the 0x00 and 0x01 prefixes', () => {
    expect(EMPTY_TREE_HEAD.toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(leafHash(Buffer.from('')).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
    expect(treeOf([]).head()).toEqual(naiveMth([]));
  });

  it('computes the same heads, paths and proofs as the recursive definitions, for random trees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 160 }), fc.integer({ min: 0, max: 1_000 }), (size, seed) => {
        const data = leafData(size, seed);
        const tree = treeOf(data);
        expect(tree.head()).toEqual(naiveMth(data));
        for (const m of [0, Math.floor(size / 2), size - 1, seed % size]) {
          const path = inclusionProof(m, size, tree.perfect);
          expect(path).toEqual(naivePath(m, data));
          expect(
            verifyInclusion({
              index: m,
              size,
              leafHash: naiveLeaf(data[m]!),
              proof: path,
              root: naiveMth(data),
            }),
          ).toBe(true);
        }
        for (const m of [1, Math.floor(size / 2) || 1, size, (seed % size) + 1]) {
          const proof = consistencyProof(m, size, tree.perfect);
          expect(proof).toEqual(m === size ? [] : naiveProof(m, data));
          expect(
            verifyConsistency({
              first: m,
              second: size,
              firstRoot: naiveMth(data.slice(0, m)),
              secondRoot: naiveMth(data),
              proof,
            }),
          ).toBe(true);
          // Heads of earlier sizes come from the stored subtrees as well.
          expect(tree.head(m)).toEqual(naiveMth(data.slice(0, m)));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('verifies every inclusion and consistency proof of every small tree', () => {
    for (let size = 1; size <= 40; size += 1) {
      const data = leafData(size);
      const tree = treeOf(data);
      for (let m = 0; m < size; m += 1) {
        expect(
          verifyInclusion({
            index: m,
            size,
            leafHash: naiveLeaf(data[m]!),
            proof: inclusionProof(m, size, tree.perfect),
            root: tree.head(),
          }),
        ).toBe(true);
        const first = m + 1;
        expect(
          verifyConsistency({
            first,
            second: size,
            firstRoot: tree.head(first),
            secondRoot: tree.head(),
            proof: consistencyProof(first, size, tree.perfect),
          }),
        ).toBe(true);
      }
    }
  });

  it('builds the same tree in blocks of any sizes, each block holding the subtrees it completes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }),
        (blockSizes) => {
          const data = leafData(blockSizes.reduce((total, size) => total + size, 0));
          const whole = treeOf(data);
          const blocks: { start: number; end: number; nodes: Buffer[] }[] = [];
          let frontier: Buffer[] = [];
          let size = 0;
          for (const count of blockSizes) {
            const appended = appendLeaves(
              size,
              frontier,
              data.slice(size, size + count).map((datum) => leafHash(datum)),
            );
            blocks.push({
              start: size,
              end: size + count,
              nodes: unpackHashes(packBlockNodes(appended.completed)),
            });
            frontier = appended.frontier;
            size += count;
            expect(frontierHead(frontier)).toEqual(naiveMth(data.slice(0, size)));
          }
          const perfect = (level: number, index: number) => {
            const last = lastLeafOf(level, index);
            const block = blocks.find((candidate) => candidate.start <= last && last < candidate.end)!;
            return block.nodes[blockNodeOffset(block.start, block.end, level, index)!]!;
          };
          for (let m = 0; m < size; m += 3) {
            expect(inclusionProof(m, size, perfect)).toEqual(inclusionProof(m, size, whole.perfect));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('names the stored subtrees a proof reads: O(log n) of them, however large the tree', () => {
    const read = subtreesRead((perfect) => inclusionProof(1234567, 10_000_000, perfect));
    expect(read.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(10_000_000)));
    const consistency = subtreesRead((perfect) => consistencyProof(3_333_333, 10_000_000, perfect));
    expect(consistency.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(10_000_000)));
  });
});

// The mutation taxonomy of transparency-dev/merkle's proof tests: every way a proof can be
// malformed, each of which must be refused. A size off by one is not among them: the tree head
// does not commit to the size, so a proof whose path has the same shape at size ± 1 still
// verifies; sizes doubled and halved change the shape and must fail. That is why a checkpoint
// signs the size beside the head.
describe('malformed inclusion proofs', () => {
  const size = 13;
  const data = leafData(size);
  const tree = treeOf(data);
  const root = tree.head();

  function mutations(index: number) {
    const proof = inclusionProof(index, size, tree.perfect);
    const leaf = naiveLeaf(data[index]!);
    const valid = { index, size, leafHash: leaf, proof, root };
    const cases: [string, Parameters<typeof verifyInclusion>[0]][] = [
      ['index + 1', { ...valid, index: index + 1 }],
      ['index − 1', { ...valid, index: index - 1 }],
      ['index ^ 2', { ...valid, index: index ^ 2 }],
      ['index = size', { ...valid, index: size }],
      ['negative index', { ...valid, index: -1 }],
      ['size × 2', { ...valid, size: size * 2 }],
      ['size ÷ 2', { ...valid, size: Math.floor(size / 2) }],
      ['empty tree', { ...valid, size: 0, index: 0 }],
      ['empty tree with no path', { ...valid, size: 0, index: 0, proof: [] }],
      ['wrong leaf', { ...valid, leafHash: naiveLeaf(Buffer.from('forged')) }],
      ['leaf data in place of its hash', { ...valid, leafHash: sha256(data[index]!) }],
      ['wrong root', { ...valid, root: flipBit(root) }],
      ['empty-tree root', { ...valid, root: EMPTY_TREE_HEAD }],
      ['no path', { ...valid, proof: [] }],
      ['truncated path', { ...valid, proof: proof.slice(0, -1) }],
      ['path without its first hash', { ...valid, proof: proof.slice(1) }],
      ['extended path (garbage)', { ...valid, proof: [...proof, sha256(Buffer.from('garbage'))] }],
      ['extended path (empty hash)', { ...valid, proof: [...proof, EMPTY_TREE_HEAD] }],
      ['extended path (the root)', { ...valid, proof: [...proof, root] }],
      ['prepended hash', { ...valid, proof: [sha256(Buffer.from('garbage')), ...proof] }],
      ['short hash', { ...valid, proof: [proof[0]!.subarray(0, 31), ...proof.slice(1)] }],
      ['long hash', { ...valid, proof: [Buffer.concat([proof[0]!, Buffer.from([0])]), ...proof.slice(1)] }],
    ];
    for (const [name, mutated] of hashMutations(proof)) cases.push([name, { ...valid, proof: mutated }]);
    return { valid, cases };
  }

  it.each(Array.from({ length: size }, (_, index) => index))('are refused for leaf %i', (index) => {
    const { valid, cases } = mutations(index);
    expect(verifyInclusion(valid)).toBe(true);
    for (const [name, mutated] of cases) {
      expect({ name, verified: verifyInclusion(mutated) }).toEqual({ name, verified: false });
    }
  });

  it('are refused in a tree of one leaf and a tree of two', () => {
    const one = leafData(1);
    const leaf = naiveLeaf(one[0]!);
    expect(verifyInclusion({ index: 0, size: 1, leafHash: leaf, proof: [], root: leaf })).toBe(true);
    expect(verifyInclusion({ index: 0, size: 1, leafHash: leaf, proof: [leaf], root: leaf })).toBe(false);
    expect(verifyInclusion({ index: 1, size: 1, leafHash: leaf, proof: [], root: leaf })).toBe(false);
    const two = leafData(2);
    const [left, right] = two.map(naiveLeaf) as [Buffer, Buffer];
    const root2 = naiveMth(two);
    expect(verifyInclusion({ index: 0, size: 2, leafHash: left, proof: [right], root: root2 })).toBe(true);
    expect(verifyInclusion({ index: 1, size: 2, leafHash: left, proof: [right], root: root2 })).toBe(false);
    expect(verifyInclusion({ index: 0, size: 2, leafHash: right, proof: [left], root: root2 })).toBe(false);
    // A node of the tree passed off as a leaf (the second-preimage the prefixes prevent).
    expect(verifyInclusion({ index: 0, size: 1, leafHash: root2, proof: [], root: left })).toBe(false);
  });

  it('are refused for random trees, indices and single changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom('index', 'size', 'leaf', 'root', ...proofChanges),
        (size, indexSeed, pick, mutation) => {
          const data = leafData(size, indexSeed);
          const index = indexSeed % size;
          const proof = naivePath(index, data);
          const valid: Parameters<typeof verifyInclusion>[0] = {
            index,
            size,
            leafHash: naiveLeaf(data[index]!),
            proof,
            root: naiveMth(data),
          };
          expect(verifyInclusion(valid)).toBe(true);
          const mutated = { ...valid };
          switch (mutation) {
            case 'index':
              mutated.index = index + 1 + (pick % 3);
              break;
            case 'size':
              mutated.size = pick % 2 === 0 ? size * 2 : Math.floor(size / 2);
              break;
            case 'leaf':
              mutated.leafHash = flipBit(valid.leafHash, pick % 256);
              break;
            case 'root':
              mutated.root = flipBit(valid.root, pick % 256);
              break;
            default: {
              const changed = changedProof(proof, mutation, pick);
              if (!changed) return;
              mutated.proof = changed;
            }
          }
          expect(verifyInclusion(mutated)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('malformed consistency proofs', () => {
  const second = 13;
  const data = leafData(second);
  const tree = treeOf(data);

  function mutations(first: number) {
    const proof = consistencyProof(first, second, tree.perfect);
    const valid = { first, second, firstRoot: tree.head(first), secondRoot: tree.head(), proof };
    const garbage = sha256(Buffer.from('garbage'));
    const cases: [string, Parameters<typeof verifyConsistency>[0]][] = [
      ['first + 1', { ...valid, first: first + 1 }],
      ['first − 1', { ...valid, first: first - 1 }],
      ['first ^ 2', { ...valid, first: first ^ 2 }],
      ['second × 2', { ...valid, second: second * 2 }],
      ['second ÷ 2', { ...valid, second: Math.floor(second / 2) }],
      ['first × 2', { ...valid, first: first * 2 }],
      ['first ÷ 2', { ...valid, first: Math.floor(first / 2) }],
      ['sizes swapped', { ...valid, first: second, second: first }],
      ['roots swapped', { ...valid, firstRoot: valid.secondRoot, secondRoot: valid.firstRoot }],
      ['from the empty tree', { ...valid, first: 0 }],
      ['to the empty tree', { ...valid, second: 0 }],
      ['wrong first root', { ...valid, firstRoot: flipBit(valid.firstRoot) }],
      ['wrong second root', { ...valid, secondRoot: flipBit(valid.secondRoot) }],
      ['empty-tree first root', { ...valid, firstRoot: EMPTY_TREE_HEAD }],
      ['no proof', { ...valid, proof: [] }],
      ['truncated proof', { ...valid, proof: proof.slice(0, -1) }],
      ['proof without its first hash', { ...valid, proof: proof.slice(1) }],
      ['extended proof (garbage)', { ...valid, proof: [...proof, garbage] }],
      ['extended proof (empty hash)', { ...valid, proof: [...proof, EMPTY_TREE_HEAD] }],
      ['extended proof (the first root)', { ...valid, proof: [...proof, valid.firstRoot] }],
      ['prepended hash', { ...valid, proof: [garbage, ...proof] }],
      ['prepended first root', { ...valid, proof: [valid.firstRoot, ...proof] }],
      ['short hash', { ...valid, proof: [proof[0]!.subarray(1), ...proof.slice(1)] }],
    ];
    for (const [name, mutated] of hashMutations(proof)) cases.push([name, { ...valid, proof: mutated }]);
    return { valid, cases };
  }

  it.each(Array.from({ length: second - 1 }, (_, index) => index + 1))(
    'are refused from size %i',
    (first) => {
      const { valid, cases } = mutations(first);
      expect(verifyConsistency(valid)).toBe(true);
      for (const [name, mutated] of cases) {
        expect({ name, verified: verifyConsistency(mutated) }).toEqual({ name, verified: false });
      }
    },
  );

  it('accept equal sizes and the empty tree only with an empty proof and the right roots', () => {
    const head = tree.head();
    expect(verifyConsistency({ first: second, second, firstRoot: head, secondRoot: head, proof: [] })).toBe(
      true,
    );
    expect(
      verifyConsistency({ first: second, second, firstRoot: head, secondRoot: head, proof: [head] }),
    ).toBe(false);
    expect(
      verifyConsistency({ first: second, second, firstRoot: head, secondRoot: flipBit(head), proof: [] }),
    ).toBe(false);
    expect(
      verifyConsistency({ first: 0, second, firstRoot: EMPTY_TREE_HEAD, secondRoot: head, proof: [] }),
    ).toBe(true);
    expect(verifyConsistency({ first: 0, second, firstRoot: head, secondRoot: head, proof: [] })).toBe(false);
    expect(
      verifyConsistency({ first: 0, second, firstRoot: EMPTY_TREE_HEAD, secondRoot: head, proof: [head] }),
    ).toBe(false);
    expect(() => consistencyProof(5, 4, tree.perfect)).toThrow(RangeError);
    expect(() => inclusionProof(0, 0, tree.perfect)).toThrow(RangeError);
  });

  it('are refused for random trees, sizes and single changes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 200 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom('first', 'second', 'firstRoot', 'secondRoot', ...proofChanges),
        (size, firstSeed, pick, mutation) => {
          const data = leafData(size, firstSeed);
          const first = (firstSeed % (size - 1)) + 1;
          const proof = naiveProof(first, data);
          const valid = {
            first,
            second: size,
            firstRoot: naiveMth(data.slice(0, first)),
            secondRoot: naiveMth(data),
            proof,
          };
          expect(verifyConsistency(valid)).toBe(true);
          // A consistency proof between two different sizes always has a hash to change.
          expect(proof.length).toBeGreaterThan(0);
          const mutated = { ...valid };
          switch (mutation) {
            case 'first':
              mutated.first = pick % 2 === 0 ? first + 1 : first - 1;
              break;
            case 'second':
              mutated.second = pick % 2 === 0 ? Math.floor(size / 2) : size * 2;
              break;
            case 'firstRoot':
              mutated.firstRoot = flipBit(valid.firstRoot, pick % 256);
              break;
            case 'secondRoot':
              mutated.secondRoot = flipBit(valid.secondRoot, pick % 256);
              break;
            default: {
              const changed = changedProof(proof, mutation, pick);
              if (!changed) return;
              mutated.proof = changed;
            }
          }
          expect(verifyConsistency(mutated)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
