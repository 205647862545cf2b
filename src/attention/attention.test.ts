import { beforeAll, describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import type { SignedIn } from '../../test/factories.ts';
import { requestAs, requestAsPartner, type StaffRequest } from '../../test/requests.ts';
import { type Staff, sentMessage, staffedOrganisation } from '../../test/scenarios.ts';
import { raiseAttention } from './attention.service.ts';
import type { AttentionKind } from './attention.table.ts';

// "Needs attention" holds one open item per message and kind, and Liaison resolves the items whose
// cause has gone away: the partner replied, the message was closed or withdrawn.

const t = testAppForFile({ config: { signInAttemptsPerMinute: 10_000 }, at: '2026-11-23T09:00:00Z' });
let staff: Staff;
let orgId: string;

beforeAll(async () => {
  ({ staff, orgId } = await staffedOrganisation(t));
});

const api = (...request: StaffRequest) => requestAs(t.app, ...request);

/** A request to a district nursing team, sent by the care worker and awaiting their reply. */
const sendRequest = () =>
  sentMessage(t, staff.care_worker, {
    partner: { type: 'district_nurse' },
    template: 'request',
    askType: 'action',
    urgency: 'urgent',
    subject: 'Dressing supplies at Oak House',
    summary: 'Since 8am today we have had no dressings left for the leg ulcer care at Oak House.',
    impact: 'Two residents are due a dressing change this afternoon.',
    mitigations: 'We are keeping the current dressings clean and dry.',
    ask: 'Please bring dressings by 3pm today.',
    deadline: new Date(t.clock.now().getTime() + 2 * 3_600_000).toISOString(),
  });

async function raise(messageId: string, kind: AttentionKind, title = `Item ${kind}`) {
  await raiseAttention(t.db, {
    orgId,
    subject: { type: 'partner_message', id: messageId },
    stepId: crypto.randomUUID(),
    kind,
    forRole: kind === 'escalated_to_registered_manager' ? 'registered_manager' : 'sender',
    forUserId: staff.care_worker.userId,
    title,
    detail: null,
    at: t.clock.now(),
  });
}

type ListedItem = {
  id: string;
  kind: AttentionKind;
  title: string;
  subject: { type: string; id: string; title: string; webPath: string | null };
  resolvedAt: string | null;
  resolvedByName: string | null;
  resolvedAutomatically: boolean;
  resolutionNote: string | null;
};

async function listed(messageId: string, query = '', who: SignedIn = staff.registered_manager) {
  const response = await api('GET', `/api/attention${query}`, who);
  expect(response.statusCode).toBe(200);
  return (response.json().items as ListedItem[]).filter((item) => item.subject.id === messageId);
}

const summary = (items: ListedItem[]) =>
  items
    .map((item) => ({
      kind: item.kind,
      open: item.resolvedAt === null,
      resolvedAutomatically: item.resolvedAutomatically,
      resolutionNote: item.resolutionNote,
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind));

async function withdraw(messageId: string) {
  const response = await api('POST', `/api/messages/${messageId}/withdraw`, staff.care_worker, {
    reason: 'Sent to the wrong team.',
  });
  expect(response.statusCode, response.body).toBe(200);
}

describe('one open item per message and kind', () => {
  it('a cause raised again, by another step or after a restart, adds no second card', async () => {
    const message = await sendRequest();
    await raise(message.id, 'call_partner', 'Call the district nursing team on the duty line: 0300 123 4567');
    await raise(message.id, 'call_partner', 'Call the district nursing team on the duty line: 0300 123 4567');
    await raise(message.id, 'call_partner', 'Call the district nursing team on the out-of-hours line');
    await raise(message.id, 'escalated_to_manager');
    await raise(message.id, 'escalated_to_manager');
    const open = await listed(message.id);
    expect(open.map((item) => item.kind).sort()).toEqual(['call_partner', 'escalated_to_manager']);
    // The first stays as it was raised.
    expect(open.find((item) => item.kind === 'call_partner')?.title).toBe(
      'Call the district nursing team on the duty line: 0300 123 4567',
    );

    // Once dealt with, the same cause coming back is a new card.
    const call = open.find((item) => item.kind === 'call_partner')!;
    const resolved = await api('POST', `/api/attention/${call.id}/resolve`, staff.manager, {
      note: 'Phoned; they will ring back.',
    });
    expect(resolved.statusCode).toBe(204);
    await raise(message.id, 'call_partner', 'Call the senior nurse');
    await raise(message.id, 'call_partner', 'Call the senior nurse');
    expect((await listed(message.id)).filter((item) => item.kind === 'call_partner')).toHaveLength(1);
    const all = await listed(message.id, '?open=false');
    const byPerson = all.find((item) => item.id === call.id)!;
    expect(byPerson).toMatchObject({
      resolvedAutomatically: false,
      resolutionNote: 'Phoned; they will ring back.',
    });
    expect(byPerson.resolvedByName).toEqual(expect.any(String));
    expect(all.filter((item) => item.kind === 'call_partner')).toHaveLength(2);
    await withdraw(message.id);
  });
});

describe('resolved when the cause goes away', () => {
  it('an acknowledgement ends the chasing, not the managers’ cards; a response ends those too', async () => {
    const message = await sendRequest();
    for (const kind of [
      'call_partner',
      'no_route',
      'share_refused',
      'escalated_to_manager',
      'email_failed',
    ] as const) {
      await raise(message.id, kind);
    }
    const asPartner = (path: string, payload: Record<string, unknown>) =>
      requestAsPartner(t.app, message.token, path, payload);
    t.clock.advance(60_000);
    expect((await asPartner('/acknowledge', { name: 'Grace Obi' })).statusCode).toBe(200);
    expect(summary(await listed(message.id))).toEqual([
      { kind: 'email_failed', open: true, resolvedAutomatically: false, resolutionNote: null },
      { kind: 'escalated_to_manager', open: true, resolvedAutomatically: false, resolutionNote: null },
    ]);
    const acknowledged = 'The partner acknowledged the message.';
    expect(summary(await listed(message.id, '?open=false'))).toEqual([
      { kind: 'call_partner', open: false, resolvedAutomatically: true, resolutionNote: acknowledged },
      { kind: 'email_failed', open: true, resolvedAutomatically: false, resolutionNote: null },
      { kind: 'escalated_to_manager', open: true, resolvedAutomatically: false, resolutionNote: null },
      { kind: 'no_route', open: false, resolvedAutomatically: true, resolutionNote: acknowledged },
      { kind: 'share_refused', open: false, resolvedAutomatically: true, resolutionNote: acknowledged },
    ]);

    t.clock.advance(60_000);
    const responded = await asPartner('/respond', {
      name: 'Grace Obi',
      kind: 'answer',
      response: 'Dressings will arrive by 2pm.',
    });
    expect(responded.statusCode, responded.body).toBe(200);
    // A failed email is still for a person to look at: the partner may lack what it carried.
    expect(summary(await listed(message.id))).toEqual([
      { kind: 'email_failed', open: true, resolvedAutomatically: false, resolutionNote: null },
    ]);
    const escalated = (await listed(message.id, '?open=false')).find(
      (item) => item.kind === 'escalated_to_manager',
    );
    expect(escalated).toMatchObject({
      resolvedAutomatically: true,
      resolvedByName: null,
      resolutionNote: 'The partner responded.',
      resolvedAt: t.clock.now().toISOString(),
    });
    const audit = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('entity_id', '=', message.id)
      .where('action', 'in', ['partner_message.acknowledge', 'partner_message.respond'])
      .orderBy('id')
      .execute();
    expect(audit.map((entry) => (entry.details as { attentionResolved: number }).attentionResolved)).toEqual([
      3, 1,
    ]);
  });

  it('a refusal, a close or a withdrawal resolves what chases the partner', async () => {
    const cases = [
      {
        note: 'The partner declined the request.',
        act: async (message: { id: string; token: string }) => {
          const response = await requestAsPartner(t.app, message.token, '/decline', {
            name: 'Grace Obi',
            reason: 'This is for the practice nurse, not us.',
          });
          expect(response.statusCode, response.body).toBe(200);
        },
      },
      {
        note: 'The message was closed.',
        act: async (message: { id: string }) => {
          const response = await api('POST', `/api/messages/${message.id}/close`, staff.care_worker, {
            note: 'Dressings found in the store room.',
          });
          expect(response.statusCode, response.body).toBe(200);
        },
      },
      { note: 'The message was withdrawn.', act: (message: { id: string }) => withdraw(message.id) },
    ];
    for (const { note, act } of cases) {
      const message = await sendRequest();
      for (const kind of [
        'call_partner',
        'escalated_to_registered_manager',
        'share_held',
        'email_failed',
      ] as const) {
        await raise(message.id, kind);
      }
      await act(message);
      expect(summary(await listed(message.id, '?open=false'))).toEqual([
        { kind: 'call_partner', open: false, resolvedAutomatically: true, resolutionNote: note },
        { kind: 'email_failed', open: true, resolvedAutomatically: false, resolutionNote: null },
        {
          kind: 'escalated_to_registered_manager',
          open: false,
          resolvedAutomatically: true,
          resolutionNote: note,
        },
        { kind: 'share_held', open: true, resolvedAutomatically: false, resolutionNote: null },
      ]);
      // Listed by default: only what is still open.
      expect((await listed(message.id)).map((item) => item.kind).sort()).toEqual([
        'email_failed',
        'share_held',
      ]);
    }
  });

  it('a resolved item cannot be dealt with again, and staff outside its audience do not find it', async () => {
    const message = await sendRequest();
    await raise(message.id, 'escalated_to_registered_manager');
    const [item] = await listed(message.id);
    const asManager = await api('POST', `/api/attention/${item!.id}/resolve`, staff.manager, {});
    expect(asManager.statusCode).toBe(404);
    await withdraw(message.id);
    const again = await api('POST', `/api/attention/${item!.id}/resolve`, staff.registered_manager, {});
    expect(again.statusCode).toBe(409);
  });
});
