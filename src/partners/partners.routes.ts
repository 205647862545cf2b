import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anyStaff, requestContext } from '../auth/access.ts';
import { registerKeepers } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import {
  eTagDescription,
  expectedVersion,
  versionedChange,
  versionedUpdate,
  withETag,
} from '../http/conditional.ts';
import { idParams, pageQuery, problemResponses, problemSchema } from '../http/schemas.ts';
import {
  addChannel,
  type ChannelOwnerRef,
  findChannelNow,
  removeChannel,
  updateChannel,
} from './partner-channels.service.ts';
import { importPartnerRegister } from './partner-import.service.ts';
import {
  channelNowQuery,
  channelNowSchema,
  channelParams,
  channelSchema,
  contactParams,
  createChannelBody,
  createPartnerContactBody,
  createPartnerOrganisationBody,
  endPartnerContactBody,
  importRegisterBody,
  importReportSchema,
  listPartnerContactsQuery,
  listPartnerOrganisationsQuery,
  organisationContactsQuery,
  partnerContactDetailSchema,
  partnerContactSchema,
  partnerOrganisationDetailSchema,
  partnerOrganisationSchema,
  toChannelNowResponse,
  toChannelResponse,
  toPartnerContactResponse,
  toPartnerOrganisationResponse,
  updateChannelBody,
  updatePartnerContactBody,
  updatePartnerOrganisationBody,
} from './partners.schemas.ts';
import {
  createPartnerContact,
  createPartnerOrganisation,
  endPartnerContact,
  getContactOfOrganisation,
  getPartnerContactWithChannels,
  getPartnerOrganisationWithChannels,
  listContactsOfOrganisation,
  listPartnerContacts,
  listPartnerOrganisations,
  listStalePartnerContacts,
  updatePartnerContact,
  updatePartnerOrganisation,
  verifyPartnerContact,
} from './partners.service.ts';

const tags = ['Partner register'];
const writeProblems = { ...problemResponses, 409: problemSchema, 412: problemSchema };
const contactList = z.object({ items: z.array(partnerContactSchema) });

export function partnersRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  const contactWithChannels = async (found: Awaited<ReturnType<typeof getPartnerContactWithChannels>>) => ({
    ...toPartnerContactResponse(found.contact, clock.now()),
    channels: found.channels.map(toChannelResponse),
  });
  // Each contact says whether it is due to be checked again, all as of the same moment.
  const toContactList = (contacts: Parameters<typeof toPartnerContactResponse>[0][]) => {
    const now = clock.now();
    return { items: contacts.map((contact) => toPartnerContactResponse(contact, now)) };
  };

  return async (app) => {
    // ---- organisations ----

    app.get(
      '/api/partner-organisations',
      {
        config: { access: anyStaff },
        schema: {
          tags,
          summary: 'Search the partner organisations by name and type',
          querystring: listPartnerOrganisationsQuery,
          response: { 200: z.object({ items: z.array(partnerOrganisationSchema) }), ...problemResponses },
        },
      },
      async (request) => {
        const organisations = await listPartnerOrganisations(db, requestContext(request), request.query);
        return { items: organisations.map(toPartnerOrganisationResponse) };
      },
    );

    app.post(
      '/api/partner-organisations',
      {
        config: { access: registerKeepers },
        schema: {
          tags,
          summary: 'Add a partner organisation',
          body: createPartnerOrganisationBody,
          response: { 201: partnerOrganisationSchema, ...writeProblems },
        },
      },
      async (request, reply) => {
        const organisation = await createPartnerOrganisation(
          db,
          requestContext(request),
          request.body,
          clock,
        );
        return reply.code(201).send(toPartnerOrganisationResponse(organisation));
      },
    );

    app.get(
      '/api/partner-organisations/:id',
      {
        config: { access: anyStaff },
        schema: {
          tags,
          summary: 'One partner organisation with its own channels',
          description: eTagDescription,
          params: idParams,
          response: { 200: partnerOrganisationDetailSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const found = await getPartnerOrganisationWithChannels(
          db,
          requestContext(request),
          request.params.id,
        );
        return withETag(reply, {
          ...toPartnerOrganisationResponse(found.organisation),
          channels: found.channels.map(toChannelResponse),
        });
      },
    );

    app.patch(
      '/api/partner-organisations/:id',
      versionedUpdate({
        access: registerKeepers,
        tags,
        summary: 'Change a partner organisation’s details',
        params: idParams,
        body: updatePartnerOrganisationBody,
        answer: partnerOrganisationSchema,
        problems: writeProblems,
      }),
      async (request, reply) =>
        withETag(
          reply,
          toPartnerOrganisationResponse(
            await updatePartnerOrganisation(db, requestContext(request), versionedChange(request, clock)),
          ),
        ),
    );

    app.get(
      '/api/partner-organisations/:id/contacts',
      {
        config: { access: anyStaff },
        schema: {
          tags,
          summary: 'The named contacts of a partner organisation',
          params: idParams,
          querystring: organisationContactsQuery,
          response: { 200: contactList, ...problemResponses },
        },
      },
      async (request) => {
        const contacts = await listContactsOfOrganisation(
          db,
          requestContext(request),
          request.params.id,
          request.query,
        );
        return toContactList(contacts);
      },
    );

    app.post(
      '/api/partner-organisations/:id/contacts',
      {
        config: { access: registerKeepers },
        schema: {
          tags,
          summary: 'Add a named contact to a partner organisation (counts as verified now)',
          params: idParams,
          body: createPartnerContactBody,
          response: { 201: partnerContactSchema, ...writeProblems },
        },
      },
      async (request, reply) => {
        const contact = await createPartnerContact(db, requestContext(request), {
          partnerOrganisationId: request.params.id,
          input: request.body,
          clock,
        });
        return reply.code(201).send(toPartnerContactResponse(contact, clock.now()));
      },
    );

    app.get(
      '/api/partner-organisations/:id/contacts/:contactId',
      {
        config: { access: anyStaff },
        schema: {
          tags,
          summary: 'One contact of a partner organisation, with their channels',
          description: eTagDescription,
          params: contactParams,
          response: { 200: partnerContactDetailSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        withETag(
          reply,
          await contactWithChannels(
            await getContactOfOrganisation(
              db,
              requestContext(request),
              request.params.id,
              request.params.contactId,
            ),
          ),
        ),
    );

    registerChannelRoutes(
      '/api/partner-organisations',
      (id) => ({ partnerOrganisationId: id }),
      'organisation',
    );

    // ---- contacts ----

    app.get(
      '/api/partner-contacts',
      {
        config: { access: anyStaff },
        schema: {
          tags,
          summary: 'Search the named contacts by name, type and organisation',
          querystring: listPartnerContactsQuery,
          response: { 200: contactList, ...problemResponses },
        },
      },
      async (request) => {
        const contacts = await listPartnerContacts(db, requestContext(request), request.query);
        return toContactList(contacts);
      },
    );

    app.get(
      '/api/partner-contacts/stale',
      {
        config: { access: anyStaff },
        schema: {
          tags,
          summary: 'Contacts not verified within your organisation’s verification period, oldest first',
          querystring: pageQuery,
          response: { 200: contactList, ...problemResponses },
        },
      },
      async (request) => {
        const contacts = await listStalePartnerContacts(db, requestContext(request), request.query, clock);
        return toContactList(contacts);
      },
    );

    app.get(
      '/api/partner-contacts/:id',
      {
        config: { access: anyStaff },
        schema: {
          tags,
          summary: 'One named contact with their channels',
          description: eTagDescription,
          params: idParams,
          response: { 200: partnerContactDetailSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        withETag(
          reply,
          await contactWithChannels(
            await getPartnerContactWithChannels(db, requestContext(request), request.params.id),
          ),
        ),
    );

    app.patch(
      '/api/partner-contacts/:id',
      versionedUpdate({
        access: registerKeepers,
        tags,
        summary: 'Change a contact’s details',
        params: idParams,
        body: updatePartnerContactBody,
        answer: partnerContactSchema,
        problems: writeProblems,
      }),
      async (request, reply) =>
        withETag(
          reply,
          toPartnerContactResponse(
            await updatePartnerContact(db, requestContext(request), versionedChange(request, clock)),
            clock.now(),
          ),
        ),
    );

    app.post(
      '/api/partner-contacts/:id/verify',
      {
        config: { access: registerKeepers },
        schema: {
          tags,
          summary: 'Record that the contact’s details were checked and are correct',
          params: idParams,
          response: { 200: partnerContactSchema, ...writeProblems },
        },
      },
      async (request) =>
        toPartnerContactResponse(
          await verifyPartnerContact(db, requestContext(request), request.params.id, clock),
          clock.now(),
        ),
    );

    app.post(
      '/api/partner-contacts/:id/end',
      {
        config: { access: registerKeepers },
        schema: {
          tags,
          summary: 'Record that the contact has moved on from the role (keeps their history)',
          params: idParams,
          body: endPartnerContactBody,
          response: { 200: partnerContactSchema, ...writeProblems },
        },
      },
      async (request) =>
        toPartnerContactResponse(
          await endPartnerContact(db, requestContext(request), {
            id: request.params.id,
            reason: request.body.reason,
            clock,
          }),
          clock.now(),
        ),
    );

    registerChannelRoutes('/api/partner-contacts', (id) => ({ partnerContactId: id }), 'contact');

    // ---- import ----

    app.post(
      '/api/partner-register/import',
      {
        config: { access: registerKeepers },
        schema: {
          tags,
          summary: 'Import organisations, contacts and channels from CSV: all rows or none',
          description:
            'Every row is checked first. If any row has a problem nothing is imported, and the answer lists each problem as `row N: column`.',
          body: importRegisterBody,
          response: { 201: importReportSchema, ...writeProblems },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await importPartnerRegister(db, requestContext(request), request.body.csv, clock)),
    );

    /** The same channel routes for organisations and contacts. */
    function registerChannelRoutes(
      prefix: string,
      ownerRef: (id: string) => ChannelOwnerRef,
      whose: 'organisation' | 'contact',
    ) {
      app.get(
        `${prefix}/:id/channel-now`,
        {
          config: { access: anyStaff },
          schema: {
            tags,
            summary:
              whose === 'contact'
                ? 'Which channel to use now to reach this contact (falls back to their organisation)'
                : 'Which of the organisation’s channels to use now',
            params: idParams,
            querystring: channelNowQuery,
            response: { 200: channelNowSchema, ...problemResponses },
          },
        },
        async (request) => {
          const choice = await findChannelNow(db, requestContext(request), {
            ref: ownerRef(request.params.id),
            urgency: request.query.urgency,
            clock,
          });
          return toChannelNowResponse(choice, clock.now(), request.query.urgency);
        },
      );

      app.post(
        `${prefix}/:id/channels`,
        {
          config: { access: registerKeepers },
          schema: {
            tags,
            summary: `Add a channel to the ${whose}`,
            params: idParams,
            body: createChannelBody,
            response: { 201: channelSchema, ...writeProblems },
          },
        },
        async (request, reply) => {
          const channel = await addChannel(db, requestContext(request), {
            ref: ownerRef(request.params.id),
            input: request.body,
            clock,
          });
          return reply.code(201).send(toChannelResponse(channel));
        },
      );

      app.patch(
        `${prefix}/:id/channels/:channelId`,
        versionedUpdate({
          access: registerKeepers,
          tags,
          summary: `Change one of the ${whose}’s channels`,
          description: `The version is the channel’s \`version\` in the ${whose}’s channels.`,
          params: channelParams,
          body: updateChannelBody,
          answer: channelSchema,
          problems: writeProblems,
        }),
        async (request, reply) =>
          withETag(
            reply,
            toChannelResponse(
              await updateChannel(db, requestContext(request), {
                ref: ownerRef(request.params.id),
                channelId: request.params.channelId,
                expectedVersion: expectedVersion(request),
                input: request.body,
                clock,
              }),
            ),
          ),
      );

      app.delete(
        `${prefix}/:id/channels/:channelId`,
        {
          config: { access: registerKeepers },
          schema: {
            tags,
            summary: `Remove one of the ${whose}’s channels`,
            params: channelParams,
            response: { 204: z.null(), ...writeProblems },
          },
        },
        async (request, reply) => {
          await removeChannel(db, requestContext(request), {
            ref: ownerRef(request.params.id),
            channelId: request.params.channelId,
            clock,
          });
          return reply.code(204).send(null);
        },
      );
    }
  };
}
