import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import { requestContext } from '../auth/access.ts';
import { restrictedReader } from '../auth/need-to-know.ts';
import { accountableReaders as exporters } from '../auth/role-groups.ts';
import { inLondon } from '../calendar/london-time.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { AppDependencies } from '../dependencies.ts';
import { notFound } from '../errors.ts';
import { toCsv } from '../http/csv.ts';
import { idParams, problemResponses } from '../http/schemas.ts';
import { staffNames } from '../users/users.service.ts';
import {
  basisLabels,
  basisRecordLabels,
  categoryLabels,
  deliveryLabels,
  outcomeLabels,
  purposeLabels,
} from './share-log-labels.ts';
import * as sharingRepository from './sharing.repository.ts';
import { toShareLogEntry } from './sharing.service.ts';

/** The most rows one export holds: a person's whole share log, many times over. */
const EXPORT_LIMIT = 10_000;

// A bulk copy of what was shared about a person leaves Liaison's control once downloaded: it is for
// those who answer for it (managers, registered managers) and the auditor, not for every care worker.

/** The person's share log as CSV (for an inspection or a subject access request). The export is audited. */
export async function exportShareLog(db: Db, context: RequestContext, personId: string, clock: Clock) {
  return db.transaction().execute(async (trx) => {
    const person = await sharingRepository.lockPerson(trx, context.orgId, personId, 'share');
    if (!person) throw notFound('The person');
    const shares = await sharingRepository.listShares(trx, context.orgId, personId, {
      limit: EXPORT_LIMIT,
      offset: 0,
      restricted: restrictedReader(context),
    });
    const users = await staffNames(
      trx,
      context,
      shares.filter((share) => share.actor_type === 'user').map((share) => share.actor_id),
    );
    await recordAudit(trx, context, clock.now(), {
      action: 'share_log.export',
      entityType: 'person',
      entityId: personId,
      details: { rows: shares.length },
    });
    const rows = shares.map((share) => {
      const entry = toShareLogEntry(share, users);
      // Words, not codes or ids: the export is read by inspectors and by the person themselves.
      return [
        inLondon(share.occurred_at).toFormat('yyyy-MM-dd HH:mm'),
        outcomeLabels[entry.outcome],
        entry.partnerOrganisationName,
        entry.partnerContactName,
        purposeLabels[entry.purpose],
        entry.categories.map((category) => categoryLabels[category]).join(', '),
        entry.basis ? basisLabels[entry.basis] : null,
        entry.basisRecordType ? basisRecordLabels[entry.basisRecordType] : null,
        entry.lawfulBasis?.article6 ?? null,
        entry.lawfulBasis?.article9 ?? null,
        entry.lawfulBasis?.dpa2018 ?? null,
        entry.reasons.map((reason) => reason.message).join(' '),
        deliveryLabels[entry.delivery],
        entry.description,
        entry.sharedBy,
      ];
    });
    const csv = toCsv(
      [
        'When (UK time)',
        'Outcome',
        'Organisation',
        'Contact',
        'Purpose',
        'Categories',
        'Basis',
        'Record relied on',
        'UK GDPR Article 6',
        'UK GDPR Article 9',
        'DPA 2018 condition',
        'Reasons refused',
        'How',
        'What was shared',
        'Shared by',
      ],
      rows,
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
        const safeName = fileName.replace(/[^A-Za-z0-9._-]+/g, '_');
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${safeName}"`)
          .serializer((payload: unknown) => String(payload))
          .send(csv);
      },
    );
  };
}
