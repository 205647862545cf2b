import { beforeAll, describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import type { SignedIn } from '../../test/factories.ts';
import { type Staff, sentMessage, staffedOrganisation } from '../../test/scenarios.ts';
import { queueEmailsWithoutPersonalDetails } from './outbox.service.ts';

// The outbox page for managers: every email of the organisation and where it is, never a body or
// a link, and whether a mail server is set up at all.

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, at: '2026-11-23T09:00:00Z' });
let ours: Staff;
let theirs: Staff;
let orgId: string;

beforeAll(async () => {
  ({ staff: ours, orgId } = await staffedOrganisation(t));
  theirs = (await staffedOrganisation(t)).staff;
});

/** A routine update `who` sent to a housing provider of their organisation. */
const sendUpdate = (who: SignedIn, subject: string) =>
  sentMessage(t, who, { subject, summary: 'Since 6am today the lift at Oak House has been out of order.' });

async function outbox(query = '', who: SignedIn = ours.manager) {
  return t.app.inject({ method: 'GET', url: `/api/outbox${query}`, headers: who.headers });
}

describe('the outbox', () => {
  it('lists every email of the organisation with its message and state, never a body or a link', async () => {
    const sent = await sendUpdate(ours.care_worker, 'Lift out of order at Oak House');
    const other = await sendUpdate(theirs.care_worker, 'Other organisation');
    const response = await outbox();
    expect(response.statusCode).toBe(200);
    const body = response.json();
    // No SMTP_HOST in the test configuration.
    expect(body.mailServerConfigured).toBe(false);
    const email = body.items.find((item: { about: { id: string } | null }) => item.about?.id === sent.id);
    expect(email).toMatchObject({
      to: expect.stringContaining('@'),
      subject: expect.any(String),
      about: {
        type: 'partner_message',
        id: sent.id,
        title: expect.stringMatching(/: Lift out of order at Oak House$/),
        webPath: `/messages/${sent.id}`,
      },
      state: 'waiting',
      why: null,
      attempts: 0,
      sentAt: null,
    });
    expect(Object.keys(email).sort()).toEqual(
      [
        'about',
        'attempts',
        'id',
        'nextAttemptAt',
        'queuedAt',
        'sentAt',
        'state',
        'subject',
        'to',
        'why',
      ].sort(),
    );
    expect(response.body).not.toContain(sent.token);
    expect(response.body).not.toContain('/partner#');
    expect(response.body).not.toContain('Since 6am today');
    expect(response.body).not.toContain(other.id);
    expect(response.body).not.toContain('Other organisation');
  });

  it('filters by state, saying why an email was held or failed', async () => {
    const held = await sendUpdate(ours.care_worker, 'Held email');
    const failed = await sendUpdate(ours.care_worker, 'Failed email');
    const delivered = await sendUpdate(ours.care_worker, 'Sent email');
    const setStatus = (messageId: string, changes: Record<string, unknown>) =>
      t.db.updateTable('email_outbox').set(changes).where('subject_id', '=', messageId).execute();
    await setStatus(held.id, { status: 'held', held_reason: 'Consent was withdrawn before it left.' });
    await setStatus(failed.id, { status: 'failed', last_error: 'Mailbox unavailable.' });
    await setStatus(delivered.id, { status: 'sent', sent_at: t.clock.now() });

    const subjectsIn = async (state: string) =>
      (await outbox(`?state=${state}`))
        .json()
        .items.map((item: { about: { title: string }; why: string | null; state: string }) => [
          item.about.title.replace(/^To [^:]+: /, ''),
          item.state,
          item.why,
        ]);
    expect(await subjectsIn('held')).toEqual([
      ['Held email', 'held', 'Consent was withdrawn before it left.'],
    ]);
    expect(await subjectsIn('failed')).toEqual([['Failed email', 'failed', 'Mailbox unavailable.']]);
    expect(await subjectsIn('sent')).toEqual([['Sent email', 'sent', null]]);
    const waiting = await subjectsIn('waiting');
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every(([, state]: string[]) => state === 'waiting')).toBe(true);
    expect((await outbox()).json().items.length).toBeGreaterThanOrEqual(4);
  });

  it('pages at 100 at most, and refuses an unknown state naming the field', async () => {
    // More staff alerts than a page can hold.
    await t.db.transaction().execute((trx) =>
      queueEmailsWithoutPersonalDetails(
        trx,
        Array.from({ length: 101 }, (_, index) => ({
          orgId,
          about: null,
          to: `manager-${index}@example.org`,
          subject: 'Needs attention',
          text: 'A partner has not replied.',
          at: t.clock.now(),
        })),
      ),
    );
    expect((await outbox('?limit=1000')).json().items).toHaveLength(100);
    const firstTwo = (await outbox('?limit=2')).json().items;
    const second = (await outbox('?limit=1&offset=1')).json().items;
    expect(second[0].id).toBe(firstTwo[1].id);
    const refused = await outbox('?state=bounced');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((error: { field: string }) => error.field)).toContain('state');
  });

  it('is for managers and the registered manager only', async () => {
    expect((await outbox('', ours.registered_manager)).statusCode).toBe(200);
    for (const role of ['care_worker', 'auditor', 'admin'] as const) {
      expect((await outbox('', ours[role])).statusCode, role).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/outbox' })).statusCode).toBe(401);
  });
});
