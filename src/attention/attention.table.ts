import type { Generated, Insertable, Selectable } from 'kysely';
import type { SubjectType } from '../subjects/subjects.ts';

export {
  type AttentionKind,
  attentionKinds,
} from './attention.vocabulary.ts';

import type { AttentionKind } from './attention.vocabulary.ts';

/**
 * Who an item is for: every manager, the registered manager, or one member of staff
 * (`for_user_id`; for a message, the person who sent it).
 */
export const attentionAudiences = ['manager', 'registered_manager', 'sender'] as const;
export type AttentionAudience = (typeof attentionAudiences)[number];

export type AttentionItemsTable = {
  org_id: string;
  id: string;
  subject_type: SubjectType;
  subject_id: string;
  /** The escalation step that raised it, if one did. */
  step_id: string | null;
  kind: AttentionKind;
  for_role: AttentionAudience;
  /** For `sender` items: the member of staff they are for. */
  for_user_id: string | null;
  title: string;
  detail: string | null;
  created_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  /** Resolved by Liaison because its cause went away; `resolution_note` says what happened. */
  resolved_by_system: Generated<boolean>;
  resolution_note: string | null;
};

export type AttentionItemRow = Selectable<AttentionItemsTable>;
export type NewAttentionItemRow = Insertable<AttentionItemsTable>;
