import { describe, expect, it } from 'vitest';
import { testAppForFile } from '../../test/app-for-test.ts';
import {
  createTestOrganisation,
  createTestPartnerContact,
  createTestPartnerOrganisation,
} from '../../test/factories.ts';
import type { Db } from './database.ts';
import { sameOrganisation } from './same-organisation.ts';

const t = testAppForFile();

/** The partner organisation a contact belongs to, joined on the contact's key. */
function partnerOfContacts(db: Db) {
  return db
    .selectFrom('partner_contacts as contact')
    .innerJoin('partner_organisations as partner', (join) =>
      sameOrganisation(join, 'partner.id', 'contact.partner_organisation_id'),
    )
    .select(['contact.id as contact_id', 'partner.org_id', 'partner.name']);
}

describe('joining within one organisation', () => {
  it('matches both rows’ organisation as well as the key', () => {
    expect(partnerOfContacts(t.db).compile().sql).toBe(
      'select "contact"."id" as "contact_id", "partner"."org_id", "partner"."name" ' +
        'from "partner_contacts" as "contact" ' +
        'inner join "partner_organisations" as "partner" ' +
        'on "partner"."org_id" = "contact"."org_id" ' +
        'and "partner"."id" = "contact"."partner_organisation_id"',
    );
  });

  it('never joins a row to another organisation’s row that has the same key', async () => {
    const { db, clock } = t;
    const ours = await createTestOrganisation(db, clock);
    const theirs = await createTestOrganisation(db, clock);
    const ourPartner = await createTestPartnerOrganisation(db, clock, ours.id, { name: 'Our surgery' });
    const contact = await createTestPartnerContact(db, clock, ours.id, ourPartner.id);
    // The same key in another organisation: keys are (org_id, id), so nothing stops it.
    const ourRow = await db
      .selectFrom('partner_organisations')
      .selectAll()
      .where('org_id', '=', ours.id)
      .where('id', '=', ourPartner.id)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('partner_organisations')
      .values({ ...ourRow, org_id: theirs.id, name: 'Their surgery' })
      .execute();

    const joined = await partnerOfContacts(db).where('contact.id', '=', contact.id).execute();
    expect(joined).toEqual([{ contact_id: contact.id, org_id: ours.id, name: 'Our surgery' }]);

    const theirContacts = await db
      .selectFrom('partner_organisations as partner')
      .innerJoin('partner_contacts as contact', (join) =>
        sameOrganisation(join, 'contact.partner_organisation_id', 'partner.id'),
      )
      .select('contact.id')
      .where('partner.org_id', '=', theirs.id)
      .execute();
    expect(theirContacts).toEqual([]);

    // The key alone would have found the other organisation's row too.
    const byKeyAlone = await db
      .selectFrom('partner_contacts as contact')
      .innerJoin('partner_organisations as partner', 'partner.id', 'contact.partner_organisation_id')
      .select('partner.org_id')
      .where('contact.id', '=', contact.id)
      .execute();
    expect(byKeyAlone.map((row) => row.org_id).sort()).toEqual([ours.id, theirs.id].sort());
  });
});
