import type { KeyObject } from 'node:crypto';
import { type ConsistencyProof, type InclusionProof, PROOF_FORMAT } from './audit-tree.service.ts';
import {
  CHECKPOINT_FORMAT,
  checkpointSignatureProblem,
  parseSignedCheckpoint,
  type SignedCheckpoint,
} from './checkpoint.ts';
import { leafHash, verifyConsistency, verifyInclusion } from './merkle.ts';

// Checks a proof as an outsider would: from the proof file, signed checkpoint files and the
// installation's public key, with no database and nothing else from the server.

export type ProofCheck = { verified: boolean; problem: string | null; summary: string };

const hexHash = /^[0-9a-f]{64}$/;

/**
 * Whether `proofText` (an inclusion or consistency proof as the API and CLI give it) holds
 * against the signed checkpoints given: each must verify with `publicKey`, and the proof's tree
 * heads must be the ones they sign.
 */
export function checkProof(options: {
  proofText: string;
  checkpointTexts: string[];
  publicKey: KeyObject;
}): ProofCheck {
  const failed = (problem: string): ProofCheck => ({ verified: false, problem, summary: problem });
  let proof: InclusionProof | ConsistencyProof;
  try {
    const parsed = JSON.parse(options.proofText) as { proof?: unknown };
    // The API's answer wraps the proof; a saved proof may be the bare object.
    proof = (
      parsed && typeof parsed === 'object' && 'proof' in parsed ? parsed.proof : parsed
    ) as typeof proof;
  } catch {
    return failed('The proof file is not JSON.');
  }
  if (proof?.format !== PROOF_FORMAT || (proof.type !== 'inclusion' && proof.type !== 'consistency')) {
    return failed('The proof file is not a Liaison audit proof.');
  }
  if (
    !Array.isArray(proof.path) ||
    !proof.path.every((hash) => typeof hash === 'string' && hexHash.test(hash))
  ) {
    return failed('The proof’s path is not a list of SHA-256 hashes.');
  }
  const checkpoints: SignedCheckpoint[] = [];
  for (const [index, text] of options.checkpointTexts.entries()) {
    const signed = parseSignedCheckpoint(text);
    if (typeof signed === 'string') return failed(`Checkpoint ${index + 1}: ${signed}.`);
    const problem = checkpointSignatureProblem(signed, options.publicKey, proof.orgId);
    if (problem) return failed(`Checkpoint ${index + 1} cannot be trusted: ${problem}.`);
    if (signed.checkpoint.format !== CHECKPOINT_FORMAT) {
      return failed(
        `Checkpoint ${index + 1} signs a hash chain, not a Merkle tree head: it cannot vouch for proofs.`,
      );
    }
    checkpoints.push(signed);
  }
  const signedHeadOf = (size: number): Buffer | string => {
    const signed = checkpoints.find((candidate) => candidate.checkpoint.size === size);
    if (!signed)
      return `No checkpoint of ${size} entries was given: the proof is against a tree of that size.`;
    return Buffer.from(signed.checkpoint.headHash, 'hex');
  };
  const path = proof.path.map((hash) => Buffer.from(hash, 'hex'));

  if (proof.type === 'inclusion') {
    const root = signedHeadOf(proof.treeSize);
    if (typeof root === 'string') return failed(root);
    if (typeof proof.entry !== 'string') return failed('The proof does not carry its entry.');
    let entry: { org_id?: unknown; id?: unknown };
    try {
      entry = JSON.parse(proof.entry) as typeof entry;
    } catch {
      return failed('The entry in the proof is not JSON.');
    }
    if (entry.org_id !== proof.orgId || entry.id !== proof.entryId) {
      return failed('The entry in the proof is not the one the proof names.');
    }
    const leaf = leafHash(proof.entry);
    if (leaf.toString('hex') !== proof.leafHash)
      return failed('The entry does not match the proof’s leaf hash.');
    const verified = verifyInclusion({
      index: proof.seq - 1,
      size: proof.treeSize,
      leafHash: leaf,
      proof: path,
      root,
    });
    return verified
      ? {
          verified,
          problem: null,
          summary: `Entry ${proof.entryId} is entry ${proof.seq} of the ${proof.treeSize} the signed checkpoint covers.`,
        }
      : failed(
          `The audit path does not lead from entry ${proof.seq} to the signed tree head of ${proof.treeSize} entries.`,
        );
  }

  const firstRoot = signedHeadOf(proof.fromSize);
  if (typeof firstRoot === 'string') return failed(firstRoot);
  const secondRoot = signedHeadOf(proof.toSize);
  if (typeof secondRoot === 'string') return failed(secondRoot);
  const verified = verifyConsistency({
    first: proof.fromSize,
    second: proof.toSize,
    firstRoot,
    secondRoot,
    proof: path,
  });
  return verified
    ? {
        verified,
        problem: null,
        summary: `The ${proof.toSize} entries of the later checkpoint begin with exactly the ${proof.fromSize} of the earlier one.`,
      }
    : failed(
        `The proof does not show the tree of ${proof.fromSize} entries is a prefix of the tree of ${proof.toSize}.`,
      );
}
