import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withdrawConsent } from '../src/consent/consent.service.ts';
import type { RequestContext } from '../src/context.ts';
import { sendMessage } from '../src/partner-messages/partner-messages.service.ts';
import { testAppForFile } from './app-for-test.ts';
import { organisationWithMember, partnerWithContact, personWithConsent, tokenOf } from './scenarios.ts';

// Nothing about a person may leave Liaison without the sharing gate being asked at that moment
// (src/sharing/disclosure.ts). These tests walk the ways out and fail if one does not ask:
// - in the source: the only writer of the outbox, the only callers of the gate and of the email
//   queue, and every email queued about a message naming the share the gate allowed;
// - at run time: every route a partner reaches through a link, generated from the route table, is
//   refused once the basis the message rested on is withdrawn, and says nothing about the person.

const root = path.resolve(import.meta.dirname, '..');

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.includes('.test.') ? [full] : [];
  });
}

const sources = sourceFiles(path.join(root, 'src')).map((file) => ({
  file: path.relative(root, file),
  text: fs.readFileSync(file, 'utf8'),
}));

function filesContaining(pattern: RegExp): string[] {
  return sources.filter((source) => pattern.test(source.text)).map((source) => source.file);
}

describe('the ways information leaves, in the source', () => {
  it('writes the outbox in one repository, called only by the outbox module', () => {
    expect(filesContaining(/insertInto\(\s*'email_outbox'\s*\)/)).toEqual([
      'src/outbox/outbox.repository.ts',
    ]);
    expect(filesContaining(/\binsertEmails\(/)).toEqual(
      expect.arrayContaining(['src/outbox/outbox.service.ts']),
    );
    expect(
      filesContaining(/\binsertEmails\(/).filter(
        (file) => file !== 'src/outbox/outbox.service.ts' && !file.endsWith('.repository.ts'),
      ),
    ).toEqual([]);
  });

  it('asks the gate only through the disclosure rule (and for shares recorded after the fact)', () => {
    const callers = filesContaining(/\bgateShare\(/).filter(
      (file) => file !== 'src/sharing/sharing.service.ts',
    );
    expect(callers).toEqual(['src/sharing/disclosure.ts']);
  });

  it('renders every partner page through the link check that asks the gate', () => {
    const partnerPage = sources.find(
      (source) => source.file === 'src/partner-messages/partner-page.service.ts',
    );
    const exported = [...partnerPage!.text.matchAll(/export async function (\w+)\(/g)].map(
      (match) => match[1],
    );
    expect(exported.length).toBeGreaterThan(0);
    for (const name of exported) {
      const body = partnerPage!.text.slice(partnerPage!.text.indexOf(`export async function ${name}(`));
      const end = body.indexOf('\n}\n');
      expect(body.slice(0, end), `${name} must go through withLink`).toMatch(
        /withLink\(db, caller, clock, 'link_/,
      );
    }
  });
});

const t = testAppForFile({
  config: { publicUrl: 'https://liaison.example.org' },
  at: '2026-11-23T09:00:00Z',
});
let manager: RequestContext;
beforeAll(async () => {
  ({ context: manager } = await organisationWithMember(t, 'manager'));
});

describe('every route a partner reaches through a link', () => {
  it('shows nothing about the person once the consent it rested on is withdrawn', async () => {
    const { organisation: partner, contact } = await partnerWithContact(t, manager.orgId, {
      type: 'district_nurse',
    });
    const { person, consent } = await personWithConsent(
      t,
      manager,
      {
        partnerOrganisationIds: [partner.id],
        purposes: ['health_monitoring'],
        givenOn: '2026-11-23',
        reviewOn: '2027-05-23',
      },
      { givenName: 'Winifred', familyName: 'Oyelaran' },
    );
    const sent = await sendMessage(
      t.db,
      manager,
      {
        template: 'request',
        askType: 'advice',
        urgency: 'routine',
        personId: person.id,
        purpose: 'health_monitoring',
        categories: ['identity', 'health'],
        partnerOrganisationId: partner.id,
        partnerContactId: contact.id,
        subject: 'Leg ulcer dressing',
        summary: 'Since Monday the dressing has leaked each evening.',
        impact: 'The skin around the ulcer is getting sore.',
        mitigations: 'Staff change the outer pad each evening.',
        ask: 'Please advise which dressing to use.',
        deadline: '2026-11-24T17:00:00Z',
      },
      { clock: t.clock, config: t.config },
    );
    const token = tokenOf(sent.partnerLink);
    const routes = t.app.routeTable.filter((route) => route.access === 'partner_link');
    expect(routes.length).toBeGreaterThanOrEqual(4);
    const bodies: Record<string, Record<string, unknown>> = {
      '/api/partner/message/acknowledge': { name: 'Jo Bloggs' },
      '/api/partner/message/accept': { name: 'Jo Bloggs' },
      '/api/partner/message/decline': { name: 'Jo Bloggs', reason: 'Not ours' },
      '/api/partner/message/respond': { name: 'Jo Bloggs', kind: 'advice', response: 'Use a foam dressing.' },
    };
    const call = (route: (typeof routes)[number]) => {
      if (route.method !== 'GET' && !bodies[route.url])
        throw new Error(`Give ${route.url} a valid body here.`);
      return t.app.inject({
        method: route.method as 'GET',
        url: route.url,
        headers: { 'x-partner-link': token },
        ...(route.method === 'GET' ? {} : { payload: bodies[route.url] }),
      });
    };
    // Before: the page opens.
    const view = routes.find((route) => route.method === 'GET')!;
    expect((await call(view)).statusCode).toBe(200);

    await withdrawConsent(t.db, manager, person.id, consent.id, { withdrawnBy: 'person' }, t.clock);
    for (const route of routes) {
      const response = await call(route);
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(410);
      expect(response.body).not.toContain('Oyelaran');
      expect(response.body).not.toContain('Leg ulcer');
      expect(response.json().code).toBe('no_longer_shared');
    }
    const refusals = await t.db
      .selectFrom('share_log')
      .select(['moment', 'outcome'])
      .where('subject_id', '=', sent.id)
      .where('outcome', '=', 'refused')
      .execute();
    expect(refusals.length).toBe(routes.length);
  });
});
