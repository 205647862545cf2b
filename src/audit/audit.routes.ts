import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../auth/access.ts';
import { auditVerifiers } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { problemResponses } from '../http/schemas.ts';
import { recordAudit } from './audit.service.ts';
import { verifyAuditTrail } from './checkpoint.ts';

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
        await recordAudit(db, context, clock.now(), {
          action: 'audit.verify',
          entityType: 'audit_chain',
          entityId: context.orgId,
          details: { verified: report?.verified ?? false },
        });
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
  };
}
