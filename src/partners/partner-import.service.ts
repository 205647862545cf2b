import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import { parseHoursText, type WeeklyHours } from '../calendar/working-hours.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { AppError, type FieldProblem } from '../errors.ts';
import { emailSchema } from '../users/users.schemas.ts';
import { type Cells, type Column, type ImportProblem, readRows, snakeCase } from './partner-import-csv.ts';
import * as partnersRepository from './partners.repository.ts';
import { odsCodeSchema, partnerTypeSchema, phoneSchema } from './partners.schemas.ts';
import { verifierOf } from './partners.service.ts';
import type {
  ChannelKind,
  ChannelUrgency,
  NewPartnerChannelRow,
  NewPartnerContactRow,
  NewPartnerOrganisationRow,
  PartnerType,
} from './partners.table.ts';

const INSERT_BATCH = 500;
const ANALYSE_AFTER_ROWS = 500;

const typeSchema: z.ZodType<PartnerType> = z.string().transform(snakeCase).pipe(partnerTypeSchema);

type PlannedChannel = {
  kind: ChannelKind;
  value: string;
  urgencies: ChannelUrgency[];
  hours: WeeklyHours;
  staffedOnBankHolidays: boolean;
};

type PlannedRow = {
  row: number;
  organisation: { name: string; type: PartnerType; odsCode: string | null };
  contact: {
    name: string;
    type: PartnerType;
    jobTitle: string | null;
    email: string | null;
    phone: string | null;
  } | null;
  channels: PlannedChannel[];
};

export type ImportReport = {
  imported: true;
  rows: number;
  organisationsCreated: number;
  organisationsMatched: number;
  contactsCreated: number;
  channelsCreated: number;
};

/**
 * Imports the register from CSV, all or nothing: every row is checked, against the file and the
 * register, before anything is written; one problem anywhere and nothing is imported. An
 * organisation already in the register (same name, any case) is used as it is, not changed.
 */
export async function importPartnerRegister(
  db: Db,
  context: RequestContext,
  csv: string,
  clock: Clock,
): Promise<ImportReport> {
  const { rows, problems } = readRows(csv);
  if (problems.length > 0) throw nothingImported(problems);
  const planned = rows.map(({ row, cells }) => planRow(row, cells, problems));
  checkOrganisationsAgree(planned, problems);
  checkNoDuplicateContacts(planned, problems);
  if (problems.length > 0) throw nothingImported(problems);

  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const existing = await matchExistingOrganisations(trx, context.orgId, planned, problems);
    await checkContactsNotInRegister(trx, context.orgId, planned, existing, problems);
    if (problems.length > 0) throw nothingImported(problems);
    return writeImport(trx, context, planned, existing, now);
  });
}

function nothingImported(problems: ImportProblem[]): AppError {
  const rows = new Set(problems.map((problem) => problem.row)).size;
  const fields: FieldProblem[] = problems
    .sort((a, b) => a.row - b.row)
    .map((problem) => ({ field: `row ${problem.row}: ${problem.field}`, message: problem.message }));
  return new AppError(
    'validation',
    `Nothing was imported: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in ${rows} ${rows === 1 ? 'row' : 'rows'}. Correct the file and import it again.`,
    { fields },
  );
}

// ---- checking each row ----

function planRow(row: number, cells: Cells, problems: ImportProblem[]): PlannedRow {
  const cell = <T>(column: Column, schema: z.ZodType<T>): T | null => {
    if (cells[column] === '') return null;
    const result = schema.safeParse(cells[column]);
    if (result.success) return result.data;
    problems.push({ row, field: column, message: result.error.issues[0]?.message ?? 'Not valid.' });
    return null;
  };
  const required = (column: Column, why: string) => {
    if (cells[column] === '') problems.push({ row, field: column, message: why });
  };

  required('organisation_name', 'Give the organisation’s name.');
  required('organisation_type', 'Give the organisation’s type, like gp or social_worker.');
  const organisation = {
    name: cells.organisation_name.slice(0, 200),
    type: cell('organisation_type', typeSchema) ?? 'other',
    odsCode: cell('ods_code', odsCodeSchema),
  };
  if (cells.organisation_name.length > 200) {
    problems.push({ row, field: 'organisation_name', message: 'Must be at most 200 characters.' });
  }
  const contact = planContact(row, cells, cell, problems);
  const channels = planChannels(row, cells, cell, problems);
  return { row, organisation, contact, channels };
}

type CellReader = <T>(column: Column, schema: z.ZodType<T>) => T | null;

function planContact(
  row: number,
  cells: Cells,
  cell: CellReader,
  problems: ImportProblem[],
): PlannedRow['contact'] {
  const contactColumns = ['contact_type', 'job_title', 'email', 'phone'] as const;
  if (cells.contact_name === '') {
    for (const column of contactColumns) {
      if (cells[column] !== '') {
        problems.push({
          row,
          field: column,
          message: 'Give contact_name too, or leave the contact columns empty for an organisation-only row.',
        });
      }
    }
    return null;
  }
  if (cells.contact_name.length > 200)
    problems.push({ row, field: 'contact_name', message: 'Must be at most 200 characters.' });
  if (cells.contact_type === '') {
    problems.push({
      row,
      field: 'contact_type',
      message: 'Give the contact’s type, like gp or district_nurse.',
    });
  }
  if (cells.job_title.length > 200)
    problems.push({ row, field: 'job_title', message: 'Must be at most 200 characters.' });
  return {
    name: cells.contact_name,
    type: cell('contact_type', typeSchema) ?? 'other',
    jobTitle: cells.job_title || null,
    email: cell('email', emailSchema),
    phone: cell('phone', phoneSchema),
  };
}

function planChannels(
  row: number,
  cells: Cells,
  cell: CellReader,
  problems: ImportProblem[],
): PlannedChannel[] {
  const channels: PlannedChannel[] = [];
  const bankHolidays = readYesNo(cells.staffed_on_bank_holidays);
  if (bankHolidays === null) {
    problems.push({
      row,
      field: 'staffed_on_bank_holidays',
      message: 'Write yes or no (or leave it empty for no).',
    });
  }
  const staffed = (
    valueColumn: 'urgent_phone' | 'routine_email',
    hoursColumn: 'urgent_hours' | 'routine_hours',
    channel: { kind: ChannelKind; urgencies: ChannelUrgency[] },
  ) => {
    const value = cell(valueColumn, valueColumn === 'urgent_phone' ? phoneSchema : emailSchema);
    if (cells[valueColumn] === '') {
      if (cells[hoursColumn] !== '')
        problems.push({
          row,
          field: hoursColumn,
          message: `Give ${valueColumn} too, or leave ${hoursColumn} empty.`,
        });
      return;
    }
    if (cells[hoursColumn] === '') {
      problems.push({
        row,
        field: hoursColumn,
        message: `Give the hours ${valueColumn} is staffed, like "Mon-Fri 09:00-17:00" or "24/7".`,
      });
      return;
    }
    const hours = parseHoursText(cells[hoursColumn]);
    if ('problem' in hours) problems.push({ row, field: hoursColumn, message: hours.problem });
    else if (value) {
      channels.push({
        ...channel,
        value,
        hours: hours.hours,
        staffedOnBankHolidays: hours.hours === '24/7' || bankHolidays === true,
      });
    }
  };
  staffed('urgent_phone', 'urgent_hours', { kind: 'phone', urgencies: ['urgent'] });
  staffed('routine_email', 'routine_hours', { kind: 'email', urgencies: ['routine'] });
  const outOfHours = cell('out_of_hours_phone', phoneSchema);
  if (outOfHours) {
    // An out-of-hours line is only ever used as a fallback, so it is taken as always answered.
    channels.push({
      kind: 'out_of_hours_line',
      value: outOfHours,
      urgencies: ['out_of_hours'],
      hours: '24/7',
      staffedOnBankHolidays: true,
    });
  }
  return channels;
}

function readYesNo(text: string): boolean | null {
  const answer = text.trim().toLowerCase();
  if (['', 'no', 'n', 'false', '0'].includes(answer)) return false;
  if (['yes', 'y', 'true', '1'].includes(answer)) return true;
  return null;
}

// ---- checking across rows and against the register ----

const organisationKey = (name: string) => name.trim().toLowerCase();
const contactKey = (organisation: string, contact: string) =>
  `${organisationKey(organisation)}\u0000${contact.trim().toLowerCase()}`;

/** Rows naming the same organisation must agree on its type and ODS code; one ODS code, one organisation. */
function checkOrganisationsAgree(planned: PlannedRow[], problems: ImportProblem[]): void {
  const firstRowOf = new Map<string, PlannedRow>();
  const organisationOfOdsCode = new Map<string, PlannedRow>();
  for (const row of planned) {
    const key = organisationKey(row.organisation.name);
    const first = firstRowOf.get(key);
    if (!first) firstRowOf.set(key, row);
    else {
      if (first.organisation.type !== row.organisation.type) {
        problems.push({
          row: row.row,
          field: 'organisation_type',
          message: `Row ${first.row} gives ${row.organisation.name} the type ${first.organisation.type}: give the same type on every row for one organisation.`,
        });
      }
      if (row.organisation.odsCode && first.organisation.odsCode !== row.organisation.odsCode) {
        problems.push({
          row: row.row,
          field: 'ods_code',
          message: `Row ${first.row} gives ${row.organisation.name} a different ODS code: give the same code on every row for one organisation.`,
        });
      }
    }
    const odsCode = row.organisation.odsCode;
    if (!odsCode) continue;
    const holder = organisationOfOdsCode.get(odsCode);
    if (holder && organisationKey(holder.organisation.name) !== key) {
      problems.push({
        row: row.row,
        field: 'ods_code',
        message: `Row ${holder.row} gives the ODS code ${odsCode} to ${holder.organisation.name}.`,
      });
    } else organisationOfOdsCode.set(odsCode, row);
  }
}

function checkNoDuplicateContacts(planned: PlannedRow[], problems: ImportProblem[]): void {
  const seen = new Map<string, number>();
  for (const row of planned) {
    if (!row.contact) continue;
    const key = contactKey(row.organisation.name, row.contact.name);
    const earlier = seen.get(key);
    if (earlier) {
      problems.push({
        row: row.row,
        field: 'contact_name',
        message: `Row ${earlier} already adds ${row.contact.name} at ${row.organisation.name}.`,
      });
    } else seen.set(key, row.row);
  }
}

/** Organisations already in the register, by lower-cased name; their ODS codes must not clash. */
async function matchExistingOrganisations(
  trx: Executor,
  orgId: string,
  planned: PlannedRow[],
  problems: ImportProblem[],
): Promise<Map<string, string>> {
  const names = [...new Set(planned.map((row) => organisationKey(row.organisation.name)))];
  const existing = new Map<string, string>();
  for (const organisation of await partnersRepository.findPartnerOrganisationsByNames(trx, orgId, names)) {
    const key = organisationKey(organisation.name);
    if (!existing.has(key)) existing.set(key, organisation.id);
  }
  const newCodes = planned
    .filter((row) => row.organisation.odsCode && !existing.has(organisationKey(row.organisation.name)))
    .map((row) => row.organisation.odsCode as string);
  const holders = await partnersRepository.findPartnerOrganisationsByOdsCodes(trx, orgId, [
    ...new Set(newCodes),
  ]);
  for (const row of planned) {
    const holder = holders.find((organisation) => organisation.ods_code === row.organisation.odsCode);
    if (holder && !existing.has(organisationKey(row.organisation.name))) {
      problems.push({
        row: row.row,
        field: 'ods_code',
        message: `${holder.name} in your register already has the ODS code ${holder.ods_code}.`,
      });
    }
  }
  return existing;
}

async function checkContactsNotInRegister(
  trx: Executor,
  orgId: string,
  planned: PlannedRow[],
  existing: Map<string, string>,
  problems: ImportProblem[],
): Promise<void> {
  const current = await partnersRepository.findCurrentContactNames(trx, orgId, [...existing.values()]);
  const inRegister = new Set(
    current.map((contact) => `${contact.partner_organisation_id}\u0000${contact.lower_name}`),
  );
  for (const row of planned) {
    const organisationId = existing.get(organisationKey(row.organisation.name));
    if (!row.contact || !organisationId) continue;
    if (inRegister.has(`${organisationId}\u0000${row.contact.name.trim().toLowerCase()}`)) {
      problems.push({
        row: row.row,
        field: 'contact_name',
        message: `${row.contact.name} is already a current contact at ${row.organisation.name} in your register.`,
      });
    }
  }
}

// ---- writing ----

async function writeImport(
  trx: Executor,
  context: RequestContext,
  planned: PlannedRow[],
  existing: Map<string, string>,
  now: Date,
): Promise<ImportReport> {
  const organisationIds = new Map(existing);
  const newOrganisations: NewPartnerOrganisationRow[] = [];
  const contacts: NewPartnerContactRow[] = [];
  const channels: NewPartnerChannelRow[] = [];
  const stamp = { created_at: now, updated_at: now };

  for (const row of planned) {
    const key = organisationKey(row.organisation.name);
    let partnerOrganisationId = organisationIds.get(key);
    if (!partnerOrganisationId) {
      partnerOrganisationId = randomUUID();
      organisationIds.set(key, partnerOrganisationId);
      newOrganisations.push({
        org_id: context.orgId,
        id: partnerOrganisationId,
        name: row.organisation.name,
        type: row.organisation.type,
        ods_code: row.organisation.odsCode,
        address: null,
        notes: null,
        ...stamp,
      });
    }
    let partnerContactId: string | null = null;
    if (row.contact) {
      partnerContactId = randomUUID();
      contacts.push({
        org_id: context.orgId,
        id: partnerContactId,
        partner_organisation_id: partnerOrganisationId,
        name: row.contact.name,
        job_title: row.contact.jobTitle,
        type: row.contact.type,
        email: row.contact.email,
        phone: row.contact.phone,
        notes: null,
        last_verified_at: now,
        last_verified_by: verifierOf(context),
        ended_at: null,
        ended_reason: null,
        ...stamp,
      });
    }
    for (const channel of row.channels) {
      channels.push({
        org_id: context.orgId,
        id: randomUUID(),
        partner_organisation_id: partnerOrganisationId,
        partner_contact_id: partnerContactId,
        kind: channel.kind,
        value: channel.value,
        label: null,
        urgencies: channel.urgencies,
        hours: JSON.stringify(channel.hours),
        staffed_on_bank_holidays: channel.staffedOnBankHolidays,
        ...stamp,
      });
    }
  }

  for (const batch of batches(newOrganisations))
    await partnersRepository.insertPartnerOrganisations(trx, batch);
  for (const batch of batches(contacts)) await partnersRepository.insertPartnerContacts(trx, batch);
  for (const batch of batches(channels)) await partnersRepository.insertPartnerChannels(trx, batch);
  await auditImport(trx, context, now, { newOrganisations, contacts, channels });
  if (contacts.length + channels.length >= ANALYSE_AFTER_ROWS) await partnersRepository.analyseRegister(trx);

  return {
    imported: true,
    rows: planned.length,
    organisationsCreated: newOrganisations.length,
    organisationsMatched: new Set(
      planned.map((row) => organisationKey(row.organisation.name)).filter((key) => existing.has(key)),
    ).size,
    contactsCreated: contacts.length,
    channelsCreated: channels.length,
  };
}

/** One entry per record created, so each record's history starts with the import that made it. */
async function auditImport(
  trx: Executor,
  context: RequestContext,
  now: Date,
  created: {
    newOrganisations: NewPartnerOrganisationRow[];
    contacts: NewPartnerContactRow[];
    channels: NewPartnerChannelRow[];
  },
): Promise<void> {
  const importId = randomUUID();
  await recordAudit(trx, context, now, {
    action: 'partner_register.import',
    entityType: 'partner_register_import',
    entityId: importId,
    details: {
      organisationsCreated: created.newOrganisations.length,
      contactsCreated: created.contacts.length,
      channelsCreated: created.channels.length,
    },
  });
  const entries = [
    ...created.newOrganisations.map((row) => ({
      action: 'partner_organisation.create',
      entityType: 'partner_organisation',
      entityId: row.id,
      details: { importId },
    })),
    ...created.contacts.map((row) => ({
      action: 'partner_contact.create',
      entityType: 'partner_contact',
      entityId: row.id,
      details: { importId, partnerOrganisationId: row.partner_organisation_id },
    })),
    ...created.channels.map((row) => ({
      action: 'partner_channel.create',
      entityType: 'partner_channel',
      entityId: row.id,
      details: {
        importId,
        partnerOrganisationId: row.partner_organisation_id,
        partnerContactId: row.partner_contact_id ?? null,
      },
    })),
  ];
  for (const entry of entries) await recordAudit(trx, context, now, entry);
}

function* batches<T>(rows: T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += INSERT_BATCH)
    yield rows.slice(start, start + INSERT_BATCH);
}
