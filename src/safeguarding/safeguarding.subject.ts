import type { SubjectDescriber } from '../subjects/subjects.ts';
import * as safeguardingRepository from './safeguarding.repository.ts';
import { abuseCategoryLabels } from './safeguarding.vocabulary.ts';

/** How the shared mechanisms show a concern: its category only, never who or what. */
export const describeConcern: SubjectDescriber = async (executor, ref) => {
  const concern = await safeguardingRepository.findConcern(executor, ref.orgId, ref.id);
  if (!concern) return undefined;
  return {
    title: `Safeguarding concern: ${abuseCategoryLabels[concern.category].toLowerCase()}`,
    webPath: `/safeguarding/concerns/${concern.id}`,
    personIds: [concern.person_id],
  };
};
