import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemContext } from '../../src/context.ts';
import { updatePartnerOrganisation } from '../../src/partners/partners.service.ts';
import type { StaffRole } from '../../src/users/users.table.ts';
import { createTestPartnerOrganisation } from '../factories.ts';
import {
  browserIsAvailable,
  cellText,
  DEMO_PASSWORD,
  type E2eServer,
  type ExpectedFailure,
  loadDemoStaff,
  noFaults,
  screenshot,
  signedInPage,
  startServerAndBrowser,
  stopServerAndBrowser,
  summaryValue,
  text,
} from './browser.ts';

// Times in UTC that are the same wall-clock time in London (GMT in November).
const TUESDAY_MORNING = '2026-11-24T10:30:00Z';
const SATURDAY_EVENING = '2026-11-28T19:00:00Z';

// Read-only use of the demo organisation (src/demo/demo-register.ts): Peggy Ashdown at Riverside
// House, whose GP is Dr Helena Marchbank of Riverside Medical Practice. The practice's urgent line
// is staffed 08:00–18:30 on weekdays, with NHS 111 out of hours; the GP has no channels of her own.
// The tests below change nothing the others read.
describe.skipIf(!browserIsAvailable())(
  'the partner register and people in the browser',
  { timeout: 60_000 },
  () => {
    let server: E2eServer;
    let browser: Browser;
    let emails: Map<StaffRole, string>;

    beforeAll(async () => {
      // The first test moves the clock from a Tuesday to the Saturday after within one visit: the
      // session must outlive that jump (its expiry is not under test here).
      const week = 7 * 24 * 60 * 60 * 1000;
      ({ server, browser } = await startServerAndBrowser({ sessionIdleMs: week, sessionAbsoluteMs: week }));
      emails = await loadDemoStaff(server);
    }, 120_000);

    afterAll(async () => {
      await stopServerAndBrowser({ server, browser });
    });

    const signedInAs = (role: StaffRole, expectedFailures: ExpectedFailure[] = []) =>
      signedInPage(browser, server, emails.get(role) ?? '', DEMO_PASSWORD, expectedFailures);

    test('a manager finds a person’s GP in their circle and sees which channel to use now, by day and out of hours', async () => {
      server.clock.set(TUESDAY_MORNING);
      const { context, page, watch } = await signedInAs('manager');

      await menu(page).getByRole('link', { name: 'People' }).click();
      await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
      await page.getByLabel('Name or NHS number').fill('Ashdown');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('link', { name: 'Margaret (Peggy) Ashdown' }).click();
      await page.getByRole('heading', { level: 1, name: /Margaret \(Peggy\) Ashdown/ }).waitFor();
      expect(await page.title()).toBe('Margaret (Peggy) Ashdown – Liaison');

      // Her circle of support: the GP's line says what to use now, falling back to the practice.
      const gpRow = tableRow(page, 'circle of support', 'Dr Helena Marchbank');
      await gpRow.getByText('Urgent: phone 0113 496 0100 (Riverside Medical Practice)').waitFor();
      expect(await gpRow.locator('td').first().textContent()).toContain('GP');
      const primaryRow = tableRow(page, 'circle of support', 'Marcus Delacourt-Hine');
      expect(await primaryRow.textContent()).toContain('Primary contact');
      await page.getByText('Lasting power of attorney for health and welfare').waitFor();
      await screenshot(page, 'person');

      await gpRow.getByRole('link', { name: 'Dr Helena Marchbank', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /Dr Helena Marchbank/ }).waitFor();
      const urgent = page.getByRole('region', { name: 'For an urgent matter' });
      const routine = page.getByRole('region', { name: 'For a routine matter' });
      await urgent.getByRole('link', { name: '0113 496 0100' }).waitFor();
      expect(await text(urgent)).toContain('Professionals’ line');
      expect(await text(urgent)).toContain('Riverside Medical Practice’s channel');
      expect(await text(urgent)).toContain('Staffed until 24 November 2026 at 6:30pm');
      expect(await text(urgent)).toContain(
        'Dr Helena Marchbank has no channel for urgent matters staffed at 10:30 on Tuesday 24 November',
      );
      expect(await text(routine)).toContain('riverside.practice@nhs.example');
      expect(await urgent.getByRole('link', { name: '0113 496 0100' }).getAttribute('href')).toBe(
        'tel:01134960100',
      );
      expect(await summaryValue(page, 'Details last checked')).toBe('11 October 2026 by Morgan Manager');
      await page.getByRole('link', { name: 'Margaret (Peggy) Ashdown' }).waitFor();
      await screenshot(page, 'contact-weekday');

      // Saturday evening: the surgery is closed, so an urgent matter goes to NHS 111, and a routine
      // one waits for Monday morning.
      server.clock.set(SATURDAY_EVENING);
      await page.getByRole('button', { name: 'Check again' }).click();
      await urgent.getByText('Out-of-hours route', { exact: true }).waitFor();
      expect(await text(urgent)).toContain(
        'Out-of-hours line: NHS 111 (evenings, nights, weekends and bank holidays)',
      );
      expect(await urgent.getByRole('link', { name: '111', exact: true }).getAttribute('href')).toBe(
        'tel:111',
      );
      expect(await text(urgent)).toContain(
        'No channel for urgent matters is staffed at 19:00 on Saturday 28 November',
      );
      expect(await text(routine)).toContain(
        'No channel is staffed now. Next staffed 30 November 2026 at 8:00am.',
      );
      await screenshot(page, 'contact-out-of-hours');

      // A manager keeps the register: they confirm the details are still right.
      await page.getByRole('button', { name: 'Mark as verified' }).click();
      await page.getByText('Dr Helena Marchbank’s details have been marked as checked today.').waitFor();
      await page.getByText('28 November 2026 by Morgan Manager').waitFor();
      expect(await page.getByRole('link', { name: 'Add a channel' }).count()).toBe(1);

      expect(watch).toEqual(noFaults);
      await context.close();
    });

    test('a care worker can read the register but has no controls to change it', async () => {
      server.clock.set(TUESDAY_MORNING);
      const { context, page, watch } = await signedInAs('care_worker');

      await menu(page).getByRole('link', { name: 'Partners' }).click();
      await page.getByRole('heading', { level: 1, name: 'Partner register' }).waitFor();
      expect(await page.getByRole('link', { name: 'Add a partner organisation' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Import from a CSV file' }).count()).toBe(0);
      await page.getByLabel('Name').fill('Riverside Medical');
      await page.getByRole('button', { name: 'Search' }).click();
      const match = tableRow(page, 'Organisations that match', 'Riverside Medical Practice');
      await match.waitFor();
      await screenshot(page, 'register-search');
      // Contacts that match link to their organisation too, so follow the organisation's own row.
      await match.getByRole('link', { name: 'Riverside Medical Practice' }).click();

      await page.getByRole('heading', { level: 1, name: /Riverside Medical Practice/ }).waitFor();
      await tableRow(page, 'The organisation’s channels', 'Professionals’ line').waitFor();
      expect(await text(tableRow(page, 'The organisation’s channels', '111'))).toContain(
        '24 hours a day, every day',
      );
      expect(await text(tableRow(page, 'The organisation’s channels', 'Professionals’ line'))).toContain(
        'Monday to Friday: 8am to 6:30pm',
      );
      expect(await page.getByRole('link', { name: 'Add a channel' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: /^Change/ }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Add a contact' }).count()).toBe(0);
      await screenshot(page, 'organisation');

      await page.getByRole('link', { name: 'Dr Helena Marchbank' }).click();
      await page
        .getByRole('region', { name: 'For an urgent matter' })
        .getByRole('link', { name: '0113 496 0100' })
        .waitFor();
      expect(await page.getByRole('button', { name: 'Mark as verified' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Add a channel' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Change details' }).count()).toBe(0);
      // Care workers support people, so they see whose circle the GP is in.
      await tableRow(page, 'People whose circle of support includes', 'Margaret (Peggy) Ashdown').waitFor();

      // The forms are not there for them even by address.
      const contactAddress = page.url();
      await page.goto(`${contactAddress}/channels/new`);
      await page
        .getByRole('heading', { level: 1, name: 'You do not have permission to see this page' })
        .waitFor();

      expect(watch).toEqual(noFaults);
      await context.close();
    });

    test('a CSV import with one bad row shows the problem row by row and imports nothing; a good file imports', async () => {
      server.clock.set(TUESDAY_MORNING);
      const { context, page, watch } = await signedInAs('manager', [
        { status: 400, path: '/api/partner-register/import' },
      ]);
      await menu(page).getByRole('link', { name: 'Partners' }).click();
      await page.getByRole('link', { name: 'Import from a CSV file' }).click();
      await page.getByRole('heading', { level: 1, name: 'Import partners from a CSV file' }).waitFor();

      const header =
        'organisation_name,organisation_type,contact_name,contact_type,email,urgent_phone,urgent_hours';
      const badFile = [
        header,
        'Hollybank Surgery,GP,Dr Nell Penwarden,GP,nell.penwarden@nhs.example,0113 496 0600,Mon-Fri 08:00-18:30',
        'Hollybank Surgery,GP,Sam Oxendale,other,not-an-email,,',
      ].join('\n');
      await page.getByLabel('Or paste the file’s contents').fill(badFile);
      await page.getByRole('button', { name: 'Import' }).click();

      const summary = page.locator('.nhsuk-error-summary');
      await summary.getByText('Nothing was imported: 1 problem in 1 row.', { exact: false }).waitFor();
      expect(await page.title()).toBe('Error: Import partners from a CSV file – Liaison');
      const problemRow = tableRow(page, 'Problems in the file', 'email');
      expect((await problemRow.locator('td').allInnerTexts()).map(cellText)).toEqual([
        '3',
        'email',
        'Enter an email address in the correct format, like name@example.org.',
      ]);
      await screenshot(page, 'import-refused');
      const imported = await server.db
        .selectFrom('partner_organisations')
        .select('id')
        .where('name', '=', 'Hollybank Surgery')
        .execute();
      expect(imported).toEqual([]);

      // The corrected file, chosen from disk and read in the browser.
      await page.getByLabel('Choose a CSV file').setInputFiles({
        name: 'hollybank.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(badFile.replace('not-an-email', 'sam.oxendale@nhs.example')),
      });
      await page.getByText('Chosen: hollybank.csv.').waitFor();
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByText('The file has been imported: 2 rows.').waitFor();
      expect(await summaryValue(page, 'Organisations added')).toBe('1');
      expect(await summaryValue(page, 'Contacts added')).toBe('2');
      expect(await summaryValue(page, 'Channels added')).toBe('1');
      expect(await page.locator('.nhsuk-error-summary').count()).toBe(0);

      expect(watch).toEqual(noFaults);
      await context.close();
    });

    test('a manager whose colleague saved the same organisation first is told so, and saves after reloading', async () => {
      server.clock.set(TUESDAY_MORNING);
      const { org_id: orgId } = await server.db
        .selectFrom('users')
        .select('org_id')
        .where('email', '=', emails.get('manager') ?? '')
        .executeTakeFirstOrThrow();
      // An organisation of its own, so the other tests' demo data is left as it is.
      const surgery = await createTestPartnerOrganisation(server.db, server.clock, orgId, {
        name: 'Brookfield Surgery',
      });
      const url = `/api/partner-organisations/${surgery.id}`;
      const { context, page, watch } = await signedInAs('manager', [{ status: 412, path: url }]);
      await page.goto(`${server.baseUrl}/partners/organisations/${surgery.id}/change`);
      await page
        .getByRole('heading', { level: 1, name: 'Change the details of Brookfield Surgery' })
        .waitFor();

      // A colleague saves a change after this page loaded the organisation.
      await updatePartnerOrganisation(server.db, systemContext(orgId, 'colleague'), {
        id: surgery.id,
        expectedVersion: 1,
        input: { notes: 'Closed on Wednesday afternoons' },
        clock: server.clock,
      });
      await page.getByLabel('Notes (optional)').fill('Ask for the duty doctor');
      await page.getByRole('button', { name: 'Save changes' }).click();
      const summary = page.locator('.nhsuk-error-summary');
      await summary
        .getByText('has been changed by someone else since you loaded it', { exact: false })
        .waitFor();
      expect(await text(summary)).toContain('Reload it and make your change again.');
      await screenshot(page, 'organisation-changed-elsewhere');
      const stored = () =>
        server.db
          .selectFrom('partner_organisations')
          .select(['notes', 'version'])
          .where('id', '=', surgery.id)
          .executeTakeFirstOrThrow();
      expect(await stored()).toEqual({ notes: 'Closed on Wednesday afternoons', version: 2 });

      // Reloaded, the form shows the colleague's change, and the manager's own change is saved.
      await page.reload();
      await page
        .getByRole('heading', { level: 1, name: 'Change the details of Brookfield Surgery' })
        .waitFor();
      expect(await page.getByLabel('Notes (optional)').inputValue()).toBe('Closed on Wednesday afternoons');
      await page
        .getByLabel('Notes (optional)')
        .fill('Closed on Wednesday afternoons. Ask for the duty doctor.');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Brookfield Surgery’s details have been changed.').waitFor();
      expect(await stored()).toEqual({
        notes: 'Closed on Wednesday afternoons. Ask for the duty doctor.',
        version: 3,
      });

      expect(watch).toEqual(noFaults);
      await context.close();
    });

    test('a manager adds a person, corrects the NHS number the server refuses, and adds their GP as primary', async () => {
      server.clock.set(TUESDAY_MORNING);
      const { context, page, watch } = await signedInAs('manager', [{ status: 400, path: '/api/people' }]);
      await menu(page).getByRole('link', { name: 'People' }).click();
      await page.getByRole('link', { name: 'Add a person' }).click();
      await page.getByRole('heading', { level: 1, name: 'Add a person' }).waitFor();

      await page.getByLabel('First name').fill('Rosalind');
      await page.getByLabel('Last name').fill('Quenby');
      await page.getByLabel('Day').fill('9');
      await page.getByLabel('Month').fill('2');
      await page.getByLabel('Year').fill('1947');
      await page.getByLabel('Address').fill('Room 4, Riverside House, 1 Riverside Walk, Exampleton');
      await page.getByLabel('Postcode').fill('ex1 1aa');
      await page.getByLabel('NHS number').fill('943 476 5910');
      await page.getByLabel('Service or location').selectOption({ label: 'Riverside House' });
      await page.getByLabel('Diabetes').check();
      await page.getByLabel('Epilepsy').check();
      await page.getByRole('button', { name: 'Add person' }).click();

      // The check digit is the server's rule; its message shows beside the field.
      await page.locator('#nhs-number-error').waitFor();
      expect(await page.locator('#nhs-number-error').textContent()).toBe(
        'Error: This is not a valid NHS number: its check digit does not match. Check it against the person’s records.',
      );
      expect(await page.getByLabel('NHS number').getAttribute('aria-describedby')).toContain(
        'nhs-number-error',
      );
      expect(await page.getByLabel('Epilepsy').isChecked()).toBe(true);
      await screenshot(page, 'add-person-error');

      await page.getByLabel('NHS number').fill('943 476 5919');
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.getByRole('heading', { level: 1, name: /Rosalind Quenby/ }).waitFor();
      await page.getByText('Rosalind Quenby has been added.').waitFor();
      expect(await summaryValue(page, 'NHS number')).toBe('943 476 5919');
      expect(await summaryValue(page, 'Date of birth')).toBe('9 February 1947');
      expect(await summaryValue(page, 'Address')).toBe(
        'Room 4, Riverside House, 1 Riverside Walk, ExampletonEX1 1AA',
      );

      await page.getByRole('link', { name: 'Add someone to their circle' }).click();
      await page.getByLabel('Name').fill('Marchbank');
      await page.getByRole('button', { name: 'Search the register' }).click();
      // Adding without choosing anyone says what to do, above the heading.
      await page.getByRole('button', { name: 'Add to circle of support' }).click();
      await page.getByRole('link', { name: 'Choose who to add' }).waitFor();
      await screenshot(page, 'circle-add-error');
      await page.getByLabel('Dr Helena Marchbank').check();
      await page.getByLabel('Make them the primary contact').check();
      await page.getByRole('button', { name: 'Add to circle of support' }).click();

      await page
        .getByText('Dr Helena Marchbank has been added to Rosalind Quenby’s circle of support as their GP.')
        .waitFor();
      const gpRow = tableRow(page, 'circle of support', 'Dr Helena Marchbank');
      expect(await text(gpRow)).toContain('Primary contact');
      await gpRow.getByText('Urgent: phone 0113 496 0100 (Riverside Medical Practice)').waitFor();

      // Opened afresh, as at 3am: who to call is on the first screen (1280 by 900), with each
      // member's urgent and routine channels, and the contents list leads to each section.
      const personUrl = page.url();
      await page.goto(`${server.baseUrl}/people`);
      await page.goto(personUrl);
      const circle = page.locator('#circle-of-support');
      await circle.getByRole('heading', { level: 2, name: 'Circle of support: who to call' }).waitFor();
      await tableRow(page, 'circle of support', 'Dr Helena Marchbank')
        .getByText(/^Urgent:/)
        .waitFor();
      await tableRow(page, 'circle of support', 'Dr Helena Marchbank')
        .getByText(/^Routine:/)
        .waitFor();
      await screenshot(page, 'person-page-first-screen');
      // Within the first screen of a 1280 × 1024 desktop, below a menu of two rows.
      const circleBox = await circle.boundingBox();
      expect(circleBox?.y).toBeLessThan(1000);
      // The whole of the first member's row, with both channels, not only the heading.
      const firstRow = await tableRow(page, 'circle of support', 'Dr Helena Marchbank').boundingBox();
      expect((firstRow?.y ?? 1000) + (firstRow?.height ?? 0)).toBeLessThan(1000);
      const contents = page.getByRole('navigation', { name: 'On this page' });
      expect(await contents.getByRole('link').allTextContents()).toEqual([
        'Circle of support: who to call',
        'Clinical flags',
        'Their details',
        'Consent and sharing',
        'Messages',
        'Incidents',
        'Safeguarding',
        'Advice and care plan changes',
        'Representatives',
      ]);
      // Each link brings its section into view (the last ones as far as the page can scroll).
      for (const [label, id] of [
        ['Representatives', 'representatives'],
        ['Their details', 'details'],
        ['Advice and care plan changes', 'advice'],
      ] as const) {
        await contents.getByRole('link', { name: label }).click();
        await page.waitForURL((url) => url.hash === `#${id}`);
        const top = () => page.locator(`#${id}`).evaluate((section) => section.getBoundingClientRect().top);
        await expect.poll(top).toBeGreaterThanOrEqual(0);
        await expect.poll(top).toBeLessThan(id === 'representatives' ? 900 : 100);
      }
      expect(await page.evaluate('window.scrollY')).toBeGreaterThan(circleBox?.y ?? 0);
      await expect.poll(() => summaryValue(page, 'Address')).toContain('EX1 1AA');

      expect(watch).toEqual(noFaults);
      await context.close();
    });
  },
);

function menu(page: Page) {
  return page.getByRole('navigation', { name: 'Menu' });
}

/** A row of the table whose caption contains `caption`, holding `text` in one of its cells. */
function tableRow(page: Page, caption: string, text: string) {
  return page
    .locator('table', { has: page.locator('caption', { hasText: caption }) })
    .locator('tbody tr')
    .filter({ has: page.locator('td', { hasText: text }) })
    .first();
}
