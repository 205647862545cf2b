import * as home from '../../../src/home/home.vocabulary.ts';
import type { WorkGroup } from '../api.ts';

// The words are the server's (src/home/home.vocabulary.ts); the compiler checks they name every
// kind the API sends.
export const workKindLabels = home.workKindLabels satisfies Record<WorkGroup['kind'], string>;
