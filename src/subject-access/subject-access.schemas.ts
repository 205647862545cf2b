import { z } from 'zod';
import { shareLogColumns } from '../sharing/share-log-in-words.ts';

// A copy of everything Liaison holds about one person, for a subject access request (UK GDPR
// Article 15): structured, so another system can read it, and in words, so the person can. No
// codes and no internal ids; times in UK time with their offset (ISO 8601).

const ukTime = z.string().describe('ISO 8601 in UK time, with its offset from UTC');
const date = z.string().describe('A calendar date, YYYY-MM-DD');

const part = z.object({
  entries: z.number().int(),
  complete: z
    .boolean()
    .describe(
      'False when the part reached the most one export holds: ask for the rest from the data protection lead',
    ),
});

export const subjectAccessExportSchema = z
  .object({
    about: z.object({
      title: z.string(),
      organisation: z.string(),
      exportedAt: ukTime,
      exportedBy: z.string(),
      reviewBeforeSending: z.string(),
      parts: z.object({
        representatives: part,
        circleOfSupport: part,
        chronology: part,
        sharedWithPartners: part,
        accessLog: part,
      }),
    }),
    person: z.object({
      name: z.string(),
      preferredName: z.string().nullable(),
      dateOfBirth: date.nullable(),
      nhsNumber: z.string().nullable(),
      address: z.string().nullable(),
      postcode: z.string().nullable(),
      service: z.string().nullable(),
      status: z.string(),
      communicationNeeds: z.string().nullable(),
      clinicalFlags: z.array(z.string()),
      clinicalFlagsNote: z.string().nullable(),
      recordCreated: ukTime,
      recordLastChanged: ukTime,
    }),
    representatives: z.array(
      z.object({
        kind: z.string(),
        name: z.string(),
        relationship: z.string().nullable(),
        phone: z.string().nullable(),
        email: z.string().nullable(),
        address: z.string().nullable(),
        scopeOfAuthority: z.string().nullable(),
        decisionAreas: z.array(z.string()),
        reference: z.string().nullable(),
        registeredOn: date.nullable(),
        documentSeenOn: date.nullable(),
        ended: ukTime.nullable(),
        endedReason: z.string().nullable(),
      }),
    ),
    circleOfSupport: z.array(
      z.object({
        role: z.string(),
        primaryContact: z.boolean(),
        name: z.string(),
        organisation: z.string(),
        jobTitle: z.string().nullable(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
        from: date,
        to: date.nullable(),
      }),
    ),
    chronology: z
      .array(
        z.object({
          when: ukTime,
          recorded: ukTime,
          agency: z.string().describe('Where the information came from'),
          kind: z.string(),
          text: z.string(),
          recordedBy: z.string().nullable(),
          partOf: z
            .string()
            .nullable()
            .describe('The record it belongs to: a message, an incident, a concern'),
        }),
      )
      .describe('Oldest first: messages, incidents, consent, capacity, advice, safeguarding and the rest'),
    sharedWithPartners: z
      .array(z.object(Object.fromEntries(shareLogColumns.map((column) => [column, z.string().nullable()]))))
      .describe('Oldest first: every time information about them was shared with a partner, or refused'),
    accessLog: z
      .array(
        z.object({
          from: ukTime,
          to: ukTime,
          who: z.string(),
          what: z.string(),
          detail: z.string().nullable(),
        }),
      )
      .describe('Oldest first: who opened or changed their records, and when'),
  })
  .meta({ id: 'SubjectAccessExport' });

export type SubjectAccessExport = z.infer<typeof subjectAccessExportSchema>;
