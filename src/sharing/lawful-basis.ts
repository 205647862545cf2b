import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { userIdOrNull } from './basis-records.ts';
import * as sharingRepository from './sharing.repository.ts';
import type { SetLawfulBasisInput } from './sharing.schemas.ts';
import {
  type Article6Condition,
  type Article9Condition,
  type Dpa2018Condition,
  type SharingPurpose,
  sharingPurposes,
} from './sharing.table.ts';

export type LawfulBasis = {
  article6: Article6Condition;
  article9: Article9Condition;
  dpa2018: Dpa2018Condition | null;
};

/**
 * The UK GDPR conditions a share relies on, by purpose, until the organisation sets its own. They
 * are separate from the confidentiality basis the gate decides on: consent to share is not the
 * data-protection lawful basis. Care and health purposes rest on the provision of health or social
 * care; safeguarding on the substantial public interest in protecting people at risk.
 */
export const defaultLawfulBases: Record<SharingPurpose, LawfulBasis> = {
  care_coordination: {
    article6: '6(1)(e) public task',
    article9: '9(2)(h) health or social care',
    dpa2018: null,
  },
  health_monitoring: {
    article6: '6(1)(e) public task',
    article9: '9(2)(h) health or social care',
    dpa2018: null,
  },
  assessment: { article6: '6(1)(e) public task', article9: '9(2)(h) health or social care', dpa2018: null },
  housing: { article6: '6(1)(e) public task', article9: '9(2)(h) health or social care', dpa2018: null },
  advocacy: { article6: '6(1)(e) public task', article9: '9(2)(h) health or social care', dpa2018: null },
  safeguarding: {
    article6: '6(1)(e) public task',
    article9: '9(2)(g) substantial public interest',
    dpa2018: 'Schedule 1 paragraph 18 safeguarding of children and individuals at risk',
  },
};

/** The lawful basis a share for this purpose relies on: the organisation's own, or the default. */
export async function lawfulBasisFor(
  executor: Executor,
  context: RequestContext,
  purpose: SharingPurpose,
): Promise<LawfulBasis> {
  const configured = (await sharingRepository.listLawfulBasisDefaults(executor, context.orgId)).find(
    (row) => row.purpose === purpose,
  );
  return configured
    ? { article6: configured.article6, article9: configured.article9, dpa2018: configured.dpa2018 }
    : defaultLawfulBases[purpose];
}

// ---- the organisation's own choice ----

export async function listLawfulBases(db: Db, context: RequestContext) {
  const configured = await sharingRepository.listLawfulBasisDefaults(db, context.orgId);
  return sharingPurposes.map((purpose) => {
    const row = configured.find((each) => each.purpose === purpose);
    const basis = row ?? defaultLawfulBases[purpose];
    return {
      purpose,
      article6: basis.article6,
      article9: basis.article9,
      dpa2018: basis.dpa2018,
      updatedAt: row?.updated_at.toISOString() ?? null,
    };
  });
}

export async function setLawfulBasis(
  db: Db,
  context: RequestContext,
  { purpose, input, clock }: { purpose: SharingPurpose; input: SetLawfulBasisInput; clock: Clock },
) {
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await sharingRepository.upsertLawfulBasisDefault(trx, {
      org_id: context.orgId,
      purpose,
      article6: input.article6,
      article9: input.article9,
      dpa2018: input.dpa2018 ?? null,
      updated_at: now,
      updated_by: userIdOrNull(context),
    });
    await recordAudit(trx, context, now, {
      action: 'lawful_basis.set',
      entityType: 'lawful_basis_default',
      entityId: null,
      changedFields: ['article6', 'article9', 'dpa2018'],
      details: { purpose },
    });
  });
  return (await listLawfulBases(db, context)).find((each) => each.purpose === purpose);
}
