import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../auth/access.ts';
import { accountableReaders as accessHistoryReaders, auditVerifiers } from '../auth/role-groups.ts';
import type { RequestContext } from '../context.ts';
import type { AppDependencies } from '../dependencies.ts';
import { problemResponses } from '../http/schemas.ts';
import { type AuditRecord, recordAudit } from './audit.service.ts';
import {
  consistencyProofQuery,
  consistencyProofSchema,
  inclusionProofQuery,
  inclusionProofSchema,
} from './audit-proof.schemas.ts';
import { proveConsistency, proveEntry, verifyAuditTrail } from './checkpoint.ts';

const chainReportSchema = z
  .object({
    verified: z.boolean(),
    sealedEntries: z.number().int(),
    unsealedEntries: z.number().int(),
    oldestUnsealedAgeMs: z.number().int().nullable(),
    firstBadSeq: z.number().int().nullable(),
    problem: z.string().nullable(),
    checkpoint: z.object({
      status: z.enum(['verified', 'failed', 'none']),
      /** Sealed entries no checkpoint covers yet: they could be cut or rewritten unnoticed until the next. */
      entriesSinceCheckpoint: z.number().int().nullable(),
      msSinceCheckpoint: z.number().int().nullable(),
      size: z.number().int().nullable(),
      signedAt: z.string().nullable(),
      problem: z.string().nullable(),
    }),
  })
  .meta({ id: 'AuditChainReport' });

export function auditRoutes({ db, clock, config }: AppDependencies): FastifyPluginAsyncZod {
  // Every check of the organisation's audit trail is itself an entry in it.
  const recordCheckOfTrail = (context: RequestContext, action: string, details: AuditRecord['details']) =>
    recordAudit(db, context, clock.now(), {
      action,
      entityType: 'audit_chain',
      entityId: context.orgId,
      details,
    });

  return async (app) => {
    app.get(
      '/api/audit/verify',
      {
        config: { access: auditVerifiers },
        schema: {
          tags: ['Audit'],
          summary:
            'Recompute your organisation’s audit chain, compare it with its latest signed checkpoint, and report the first entry that does not verify',
          response: { 200: chainReportSchema, ...problemResponses },
        },
      },
      async (request) => {
        const context = requestContext(request);
        const [report] = await verifyAuditTrail(db, {
          clock,
          orgId: context.orgId,
          checkpoints: config.auditCheckpoint,
        });
        await recordCheckOfTrail(context, 'audit.verify', { verified: report?.verified ?? false });
        return {
          verified: report?.verified ?? false,
          sealedEntries: report?.sealedEntries ?? 0,
          unsealedEntries: report?.unsealedEntries ?? 0,
          oldestUnsealedAgeMs: report?.oldestUnsealedAgeMs ?? null,
          firstBadSeq: report?.firstBadSeq ?? null,
          problem: report?.problem ?? null,
          checkpoint: {
            status: report?.checkpoint.status ?? 'none',
            entriesSinceCheckpoint: report?.checkpoint.entriesSinceCheckpoint ?? null,
            msSinceCheckpoint: report?.checkpoint.msSinceCheckpoint ?? null,
            size: report?.checkpoint.size ?? null,
            signedAt: report?.checkpoint.signedAt ?? null,
            problem: report?.checkpoint.problem ?? null,
          },
        };
      },
    );

    // Proofs are for whoever may read the audit trail: they carry an entry as its leaf covers it.
    app.get(
      '/api/audit/proof',
      {
        config: { access: accessHistoryReaders },
        schema: {
          tags: ['Audit'],
          summary:
            'Prove that an audit entry is in your organisation’s audit trail: its RFC 9162 inclusion proof against a signed checkpoint, checkable offline with `liaison audit verify-proof`',
          querystring: inclusionProofQuery,
          response: { 200: inclusionProofSchema, ...problemResponses },
        },
      },
      async (request) => {
        const context = requestContext(request);
        const answer = await proveEntry(db, {
          orgId: context.orgId,
          entryId: request.query.entry,
          ...(request.query.size !== undefined ? { size: request.query.size } : {}),
          settings: config.auditCheckpoint,
        });
        await recordCheckOfTrail(context, 'audit.proof', {
          entryId: answer.proof.entryId,
          treeSize: answer.proof.treeSize,
        });
        return answer;
      },
    );

    app.get(
      '/api/audit/consistency',
      {
        config: { access: accessHistoryReaders },
        schema: {
          tags: ['Audit'],
          summary:
            'Prove that your organisation’s audit trail at one size is the start of the trail at a later size (an RFC 9162 consistency proof between two checkpoints), checkable offline with `liaison audit verify-proof`',
          querystring: consistencyProofQuery,
          response: { 200: consistencyProofSchema, ...problemResponses },
        },
      },
      async (request) => {
        const context = requestContext(request);
        const answer = await proveConsistency(db, {
          orgId: context.orgId,
          fromSize: request.query.from,
          toSize: request.query.to,
          settings: config.auditCheckpoint,
        });
        await recordCheckOfTrail(context, 'audit.consistency_proof', {
          fromSize: answer.proof.fromSize,
          toSize: answer.proof.toSize,
        });
        return answer;
      },
    );
  };
}
