import { z } from 'zod';

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const size = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const inclusionProofQuery = z.strictObject({
  entry: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('The audit entry’s id'),
  size: size
    .optional()
    .describe(
      'The tree size to prove it against: by default the latest signed checkpoint’s, when it covers the entry, or the tree as it is now',
    ),
});

export const consistencyProofQuery = z.strictObject({
  from: size.describe('The older tree size, such as an earlier checkpoint’s'),
  to: size.describe('The newer tree size, such as the latest checkpoint’s'),
});

export const signedCheckpointSchema = z
  .object({
    checkpoint: z.object({
      format: z.string(),
      orgId: z.string(),
      size: z.number().int(),
      headHash: hash,
      time: z.string(),
      previous: z.object({ size: z.number().int(), headHash: hash, digest: hash }).nullable(),
      rollbackAccepted: z.boolean(),
    }),
    keyId: z.string(),
    signature: z.string(),
  })
  .meta({ id: 'AuditSignedCheckpoint' })
  .describe('A signed checkpoint, as written to the checkpoint folder: save it to check proofs against it');

export const inclusionProofSchema = z
  .object({
    proof: z.object({
      format: z.literal('liaison-audit-proof/1'),
      type: z.literal('inclusion'),
      orgId: z.string(),
      entryId: z.number().int(),
      seq: z.number().int().describe('The entry’s position in the tree, from 1'),
      treeSize: z.number().int(),
      rootHash: hash.describe('The tree head at treeSize (RFC 9162 MTH)'),
      entry: z.string().describe('The entry as its leaf covers it: RFC 8785 canonical JSON'),
      leafHash: hash.describe('SHA-256(0x00 ‖ entry)'),
      path: z.array(hash).describe('The audit path (RFC 9162 §2.1.3), from the leaf up'),
    }),
    checkpoint: signedCheckpointSchema.nullable(),
  })
  .meta({ id: 'AuditInclusionProof' });

export const consistencyProofSchema = z
  .object({
    proof: z.object({
      format: z.literal('liaison-audit-proof/1'),
      type: z.literal('consistency'),
      orgId: z.string(),
      fromSize: z.number().int(),
      toSize: z.number().int(),
      fromRoot: hash,
      toRoot: hash,
      path: z.array(hash).describe('The consistency proof (RFC 9162 §2.1.4)'),
    }),
    checkpoints: z.object({ from: signedCheckpointSchema.nullable(), to: signedCheckpointSchema.nullable() }),
  })
  .meta({ id: 'AuditConsistencyProof' });
