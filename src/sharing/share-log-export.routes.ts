import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import { requestContext } from '../auth/access.ts';
import { accountableReaders as exporters } from '../auth/role-groups.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { AppDependencies } from '../dependencies.ts';
import { notFound } from '../errors.ts';
import { asAttachment } from '../http/attachment.ts';
import { toCsv } from '../http/csv.ts';
import { idParams, problemResponses } from '../http/schemas.ts';
import { shareInWords, shareLogColumns, wholeShareLogOf } from './share-log-in-words.ts';
import * as sharingRepository from './sharing.repository.ts';

// A bulk copy of what was shared about a person leaves Liaison's control once downloaded: it is for
// those who answer for it (managers, registered managers) and the auditor, not for every care worker.

/** The person's share log as CSV (for an inspection or a subject access request). The export is audited. */
export async function exportShareLog(db: Db, context: RequestContext, personId: string, clock: Clock) {
  return db.transaction().execute(async (trx) => {
    const person = await sharingRepository.lockPerson(trx, context.orgId, personId, 'share');
    if (!person) throw notFound('The person');
    const { entries } = await wholeShareLogOf(trx, context, personId);
    await recordAudit(trx, context, clock.now(), {
      action: 'share_log.export',
      entityType: 'person',
      entityId: personId,
      details: { rows: entries.length },
    });
    const csv = toCsv(
      shareLogColumns,
      entries.map(shareInWords).map((row) => shareLogColumns.map((column) => row[column])),
    );
    return { csv, fileName: `share-log-${person.family_name}-${person.given_name}.csv` };
  });
}

export function shareLogExportRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/people/:id/shares/export',
      {
        // A bulk export: only a person who has just confirmed their password (not an API token).
        config: { access: exporters, freshAuthentication: true },
        schema: {
          tags: ['Consent and sharing'],
          summary:
            'The share log as CSV, for an inspection or a subject access request (the export is audited)',
          description:
            'Cells that a spreadsheet would read as a formula are written with a leading apostrophe.',
          params: idParams,
          produces: ['text/csv'],
          response: { 200: z.string().describe('text/csv'), ...problemResponses },
        },
      },
      async (request, reply) => {
        const { csv, fileName } = await exportShareLog(db, requestContext(request), request.params.id, clock);
        return asAttachment(reply, fileName)
          .type('text/csv; charset=utf-8')
          .serializer((payload: unknown) => String(payload))
          .send(csv);
      },
    );
  };
}
