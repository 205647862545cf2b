// The ways a partner organisation or one of its contacts is reached (channels), and which to use now.

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import type { Db, Executor } from '../db/database.ts';
import { changeVersioned } from '../db/versioned-change.ts';
import { AppError, notFound } from '../errors.ts';
import { type ChannelChoice, chooseChannel, type RequestUrgency } from './channel-choice.ts';
import type { ChannelOwner } from './partners.repository.ts';
import * as partnersRepository from './partners.repository.ts';
import type { CreateChannelInput, UpdateChannelInput } from './partners.schemas.ts';
import { channelOwnerOf, getPartnerContact, getPartnerOrganisation, movedOn } from './partners.service.ts';
import type { ChannelKind, PartnerChannelRow, PartnerChannelUpdate } from './partners.table.ts';

// ---- channels ----

export type ChannelOwnerRef = { partnerOrganisationId: string } | { partnerContactId: string };

async function resolveChannelOwner(executor: Executor, context: RequestContext, ref: ChannelOwnerRef) {
  if ('partnerContactId' in ref) {
    const contact = await getPartnerContact(executor, context, ref.partnerContactId);
    return { owner: channelOwnerOf(contact), contact };
  }
  await getPartnerOrganisation(executor, context, ref.partnerOrganisationId);
  return {
    owner: { partnerOrganisationId: ref.partnerOrganisationId, partnerContactId: null },
    contact: null,
  };
}

const phonePattern = /^\+?[0-9][0-9 ()-]{1,48}$/;

/** Whether a channel's value can be used for its kind; returns what is wrong, or null. */
export function checkChannelValue(kind: ChannelKind, value: string): string | null {
  switch (kind) {
    case 'email':
    case 'secure_email':
      return z.email().safeParse(value).success
        ? null
        : 'Enter an email address in the correct format, like name@example.org.';
    case 'phone':
    case 'duty_line':
    case 'out_of_hours_line':
      return phonePattern.test(value)
        ? null
        : 'Enter a phone number using digits, spaces and brackets, like 0121 496 0000.';
    case 'portal':
      return /^https?:\/\/\S+$/.test(value) ? null : 'Enter the portal’s web address, starting https://.';
    case 'other':
      return null;
  }
}

function refuseBadValue(kind: ChannelKind, value: string): void {
  const problem = checkChannelValue(kind, value);
  if (problem) throw new AppError('validation', `Check the value: ${problem}`, { field: 'value' });
}

export async function addChannel(
  db: Db,
  context: RequestContext,
  { ref, input, clock }: { ref: ChannelOwnerRef; input: CreateChannelInput; clock: Clock },
) {
  refuseBadValue(input.kind, input.value);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const { owner, contact } = await resolveChannelOwner(trx, context, ref);
    if (contact?.ended_at) throw movedOn(contact);
    const [channel] = await partnersRepository.insertPartnerChannels(trx, [
      {
        org_id: context.orgId,
        id: randomUUID(),
        partner_organisation_id: owner.partnerOrganisationId,
        partner_contact_id: owner.partnerContactId,
        kind: input.kind,
        value: input.value,
        label: input.label ?? null,
        urgencies: input.urgencies,
        hours: JSON.stringify(input.hours),
        staffed_on_bank_holidays: input.hours === '24/7' || input.staffedOnBankHolidays,
        created_at: now,
        updated_at: now,
      },
    ]);
    await recordAudit(trx, context, now, {
      action: 'partner_channel.create',
      entityType: 'partner_channel',
      entityId: channel!.id,
      changedFields: ['kind', 'value', 'label', 'urgencies', 'hours', 'staffed_on_bank_holidays'],
      details: ownerDetails(owner),
    });
    return channel!;
  });
}

/** Changes a channel if it is still at `expectedVersion`. */
export async function updateChannel(
  db: Db,
  context: RequestContext,
  {
    ref,
    channelId,
    expectedVersion,
    input,
    clock,
  }: {
    ref: ChannelOwnerRef;
    channelId: string;
    expectedVersion: number;
    input: UpdateChannelInput;
    clock: Clock;
  },
) {
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const { owner, existing } = await findOwnedChannel(trx, context, ref, channelId);
    const { changes, changedFields } = channelChanges(input, existing);
    return changeVersioned(trx, context, now, {
      what: 'The channel',
      existing,
      expectedVersion,
      check: () => refuseBadValue(input.kind ?? existing.kind, input.value ?? existing.value),
      write: () =>
        partnersRepository.updatePartnerChannel(trx, context.orgId, channelId, expectedVersion, {
          ...changes,
          updated_at: now,
        }),
      audit: () => ({
        action: 'partner_channel.update',
        entityType: 'partner_channel',
        entityId: channelId,
        changedFields,
        details: ownerDetails(owner),
      }),
    });
  });
}

function channelChanges(input: UpdateChannelInput, existing: PartnerChannelRow) {
  const changes: PartnerChannelUpdate = {};
  const changedFields: string[] = [];
  const set = <K extends keyof PartnerChannelUpdate>(
    column: K,
    value: PartnerChannelUpdate[K] | undefined,
  ) => {
    if (value === undefined) return;
    changes[column] = value;
    changedFields.push(column);
  };
  set('kind', input.kind);
  set('value', input.value);
  set('label', input.label);
  set('urgencies', input.urgencies);
  set('hours', input.hours === undefined ? undefined : JSON.stringify(input.hours));
  const hours = input.hours ?? existing.hours;
  // 24/7 means every hour of every day, bank holidays included.
  set('staffed_on_bank_holidays', hours === '24/7' ? true : input.staffedOnBankHolidays);
  return { changes, changedFields };
}

export async function removeChannel(
  db: Db,
  context: RequestContext,
  { ref, channelId, clock }: { ref: ChannelOwnerRef; channelId: string; clock: Clock },
): Promise<void> {
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    const { owner } = await findOwnedChannel(trx, context, ref, channelId);
    await partnersRepository.deletePartnerChannel(trx, context.orgId, channelId);
    await recordAudit(trx, context, now, {
      action: 'partner_channel.delete',
      entityType: 'partner_channel',
      entityId: channelId,
      details: ownerDetails(owner),
    });
  });
}

async function findOwnedChannel(
  executor: Executor,
  context: RequestContext,
  ref: ChannelOwnerRef,
  channelId: string,
) {
  const { owner, contact } = await resolveChannelOwner(executor, context, ref);
  if (contact?.ended_at) throw movedOn(contact);
  const existing = await partnersRepository.findChannelOf(executor, context.orgId, owner, channelId);
  if (!existing) throw notFound('The channel');
  return { owner, existing };
}

function ownerDetails(owner: ChannelOwner) {
  return { partnerOrganisationId: owner.partnerOrganisationId, partnerContactId: owner.partnerContactId };
}

// ---- which channel now ----

/** The channel to use now for a contact (falling back to their organisation's), or an organisation. */
export async function findChannelNow(
  db: Db,
  context: RequestContext,
  { ref, urgency, clock }: { ref: ChannelOwnerRef; urgency: RequestUrgency; clock: Clock },
): Promise<ChannelChoice<PartnerChannelRow>> {
  const at = clock.now();
  const { owner, contact } = await resolveChannelOwner(db, context, ref);
  const organisation = await getPartnerOrganisation(db, context, owner.partnerOrganisationId);
  const organisationChannels = await partnersRepository.findChannelsOf(db, context.orgId, {
    partnerOrganisationId: owner.partnerOrganisationId,
    partnerContactId: null,
  });
  const contactChannels = contact ? await partnersRepository.findChannelsOf(db, context.orgId, owner) : [];
  return chooseChannel({
    contact: contact && {
      name: contact.name,
      endedAt: contact.ended_at,
      channels: contactChannels.map(forChoice),
    },
    organisation: { name: organisation.name, channels: organisationChannels.map(forChoice) },
    urgency,
    at,
  });
}

function forChoice(channel: PartnerChannelRow) {
  return { ...channel, staffedOnBankHolidays: channel.staffed_on_bank_holidays };
}

/** The channels of an organisation (`partnerContactId: null`) or of one of its contacts. */
export function channelsOf(executor: Executor, context: Pick<RequestContext, 'orgId'>, owner: ChannelOwner) {
  return partnersRepository.findChannelsOf(executor, context.orgId, owner);
}

/** The address a contact is emailed at: their secure email, else email channel, else the register's address. */
export async function emailAddressOf(
  executor: Executor,
  context: Pick<RequestContext, 'orgId'>,
  contact: { id: string; partner_organisation_id: string; email: string | null },
): Promise<string | null> {
  const channels = await channelsOf(executor, context, {
    partnerOrganisationId: contact.partner_organisation_id,
    partnerContactId: contact.id,
  });
  const byKind = (kind: string) => channels.find((channel) => channel.kind === kind)?.value;
  return byKind('secure_email') ?? byKind('email') ?? contact.email ?? null;
}
