import type {
  Article6Condition,
  Article9Condition,
  Dpa2018Condition,
  SharingPurpose,
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
