import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import { consentSchema } from '../consent/consent.schemas.ts';
import { presentConsent } from '../consent/consent.service.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { bestInterestsSchema, capacityAssessmentSchema } from '../mental-capacity/mental-capacity.schemas.ts';
import {
  presentBestInterests,
  presentCapacityAssessment,
} from '../mental-capacity/mental-capacity.service.ts';
import { safeguardingAuthorisationSchema } from '../safeguarding-authorisations/safeguarding-authorisations.schemas.ts';
import { presentSafeguarding } from '../safeguarding-authorisations/safeguarding-authorisations.service.ts';
import { namesFor, requirePerson } from './basis-records.ts';
import * as sharingRepository from './sharing.repository.ts';

// The records the gate reads, together on one page: each is recorded in its own folder (consent,
// mental capacity, safeguarding authorisations); this is the one view of them all.

export const sharingRecordsSchema = z.object({
  consents: z.array(consentSchema),
  capacityAssessments: z.array(capacityAssessmentSchema),
  bestInterestsDecisions: z.array(bestInterestsSchema),
  safeguardingAuthorisations: z.array(safeguardingAuthorisationSchema),
});

/** The person's consent, capacity, best-interests and safeguarding records, newest first. The view is audited. */
export async function viewSharingRecords(
  db: Db,
  context: RequestContext,
  { personId, clock }: { personId: string; clock: Clock },
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    await requirePerson(trx, context, { personId, mode: 'share' });
    const records = await sharingRepository.loadSharingRecords(trx, context.orgId, personId);
    const names = await namesFor(trx, context, {
      scopes: [...records.consents, ...records.bestInterestsDecisions, ...records.safeguardingAuthorisations],
      userIds: [
        ...records.consents.flatMap((each) => [each.recorded_by, each.withdrawal_recorded_by]),
        ...records.bestInterestsDecisions.map((each) => each.decision_maker_user_id),
        ...records.safeguardingAuthorisations.flatMap((each) => [each.authorised_by, each.revoked_by]),
      ],
      representatives: records.representatives,
    });
    await recordAudit(trx, context, now, {
      action: 'sharing_records.view',
      entityType: 'person',
      entityId: personId,
    });
    const newestFirst = <T extends { created_at: Date }>(rows: readonly T[]) =>
      [...rows].sort((a, b) => b.created_at.getTime() - a.created_at.getTime());
    return {
      consents: newestFirst(records.consents).map((each) => presentConsent(each, names, now)),
      capacityAssessments: newestFirst(records.capacityAssessments).map((each) =>
        presentCapacityAssessment(each, now),
      ),
      bestInterestsDecisions: newestFirst(records.bestInterestsDecisions).map((each) =>
        presentBestInterests(each, names, now),
      ),
      safeguardingAuthorisations: [...records.safeguardingAuthorisations]
        .sort((a, b) => b.authorised_at.getTime() - a.authorised_at.getTime())
        .map((each) => presentSafeguarding(each, names, now)),
    };
  });
}
