import type { RequestContext } from '../context.ts';
import type { DbTransaction } from '../db/database.ts';
import { type GatedShare, gateShare } from './sharing.service.ts';
import type {
  DisclosureMoment,
  InformationCategory,
  ShareDelivery,
  SharingPurpose,
} from './sharing.table.ts';

/**
 * The one rule every disclosure obeys: nothing about a person reaches a partner unless the sharing
 * gate, asked at that very moment, allows that recipient, that purpose and those categories. It is
 * asked when a message is written, when its email is handed to the mail server, when an escalation
 * step would reach someone new, whenever a partner opens or answers through a link, when staff hand
 * a link over another way, and when a share made outside Liaison is recorded. Each answer, allowed
 * or refused, is a share log entry naming the moment.
 *
 * Every path that shows a partner content about a person, or queues an email about one, calls
 * `askAtDisclosure`; `test/disclosure-paths.test.ts` fails if one does not.
 */
export type DisclosureRequest = {
  personId: string;
  recipient: { partnerOrganisationId: string; partnerContactId: string | null };
  purpose: SharingPurpose;
  categories: readonly InformationCategory[];
  moment: DisclosureMoment;
  /** What carries the information, e.g. a message. */
  subject?: { type: string; id: string } | undefined;
  description: string | null;
};

/** How information leaves at each moment: queued moments wait for the mail server. */
const deliveryAt: Record<DisclosureMoment, ShareDelivery> = {
  compose: 'queued',
  escalation: 'queued',
  email: 'emailed',
  link_view: 'link',
  link_reply: 'link',
  link_handover: 'handed_over',
  recorded: 'recorded',
  export: 'exported',
};

/**
 * Asks the gate at a moment of disclosure and writes the share log entry. Runs in the caller's
 * transaction; a refusal is logged too, so the caller commits before it reports one.
 */
export function askAtDisclosure(
  trx: DbTransaction,
  context: RequestContext,
  request: DisclosureRequest,
  at: Date,
): Promise<GatedShare> {
  return gateShare(trx, context, {
    personId: request.personId,
    request: {
      partnerOrganisationId: request.recipient.partnerOrganisationId,
      partnerContactId: request.recipient.partnerContactId ?? undefined,
      purpose: request.purpose,
      categories: request.categories,
      delivery: deliveryAt[request.moment],
      moment: request.moment,
      description: request.description,
      subject: request.subject,
    },
    at,
  });
}
