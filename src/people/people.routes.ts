import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestContext } from '../auth/access.ts';
import {
  careRecordReaders as peopleReaders,
  careRecordWriters as peopleWriters,
} from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import {
  eTagDescription,
  expectedVersion,
  versionedChange,
  versionedUpdate,
  withETag,
} from '../http/conditional.ts';
import { idParams, pageQuery, problemResponses, writeProblems } from '../http/schemas.ts';
import {
  addCircleMember,
  listPeopleOfPartnerContact,
  updateCircleMember,
  viewCircle,
} from './circle-of-support.service.ts';
import {
  addCircleMemberBody,
  circleMemberParams,
  circleMemberSchema,
  circleQuery,
  createPersonBody,
  createRepresentativeBody,
  endRepresentativeBody,
  linkedPersonSchema,
  listPeopleQuery,
  personSchema,
  representativeParams,
  representativeSchema,
  toCircleMemberResponse,
  toPersonResponse,
  toRepresentativeResponse,
  updateCircleMemberBody,
  updatePersonBody,
  updateRepresentativeBody,
} from './people.schemas.ts';
import {
  addRepresentative,
  createPerson,
  endRepresentative,
  listPeople,
  updatePerson,
  updateRepresentative,
  viewPerson,
  viewRepresentatives,
} from './people.service.ts';

// Admin is IT, not care: no admin reads or changes people's records. The auditor only reads.
const tags = ['People supported'];

/** The people a search finds, whether it came in the address or the body. */
const peopleFound = z.object({ items: z.array(personSchema) });

export function peopleRoutes({ db, clock }: AppDependencies): FastifyPluginAsyncZod {
  const findPeople = async (request: FastifyRequest, search: z.infer<typeof listPeopleQuery>) => ({
    items: (await listPeople(db, requestContext(request), search, clock)).map(toPersonResponse),
  });

  return async (app) => {
    app.get(
      '/api/people',
      {
        config: { access: peopleReaders },
        schema: {
          tags,
          summary: 'Search the people you support by name or NHS number, service, status or clinical flag',
          querystring: listPeopleQuery,
          response: { 200: peopleFound, ...problemResponses },
        },
      },
      async (request) => findPeople(request, request.query),
    );

    app.post(
      '/api/people/search',
      {
        config: { access: peopleReaders },
        schema: {
          tags,
          summary: 'Search the people you support, the search in the body rather than the address',
          description:
            'The same search and answer as GET /api/people. A name or NHS number in an address stays in browser histories and in the logs of proxies and load balancers; in the body it does not. Changes nothing.',
          body: listPeopleQuery,
          response: { 200: peopleFound, ...problemResponses },
        },
      },
      async (request) => findPeople(request, request.body),
    );

    app.post(
      '/api/people',
      {
        config: { access: peopleWriters },
        schema: {
          tags,
          summary: 'Add a person you support',
          body: createPersonBody,
          response: { 201: personSchema, ...writeProblems },
        },
      },
      async (request, reply) => {
        const person = await createPerson(db, requestContext(request), request.body, clock);
        return reply.code(201).send(toPersonResponse(person));
      },
    );

    app.get(
      '/api/people/:id',
      {
        config: { access: peopleReaders },
        schema: {
          tags,
          summary: 'One person’s record (the view is audited)',
          description: eTagDescription,
          params: idParams,
          response: { 200: personSchema, ...problemResponses },
        },
      },
      async (request, reply) =>
        withETag(
          reply,
          toPersonResponse(await viewPerson(db, requestContext(request), request.params.id, clock)),
        ),
    );

    app.patch(
      '/api/people/:id',
      versionedUpdate({
        access: peopleWriters,
        tags,
        summary: 'Change a person’s record',
        params: idParams,
        body: updatePersonBody,
        answer: personSchema,
        problems: writeProblems,
      }),
      async (request, reply) =>
        withETag(
          reply,
          toPersonResponse(await updatePerson(db, requestContext(request), versionedChange(request, clock))),
        ),
    );

    // ---- representatives ----

    app.get(
      '/api/people/:id/representatives',
      {
        config: { access: peopleReaders },
        schema: {
          tags,
          summary: 'The person’s attorneys, deputies, advocates and next of kin (the view is audited)',
          params: idParams,
          response: { 200: z.object({ items: z.array(representativeSchema) }), ...problemResponses },
        },
      },
      async (request) => {
        const representatives = await viewRepresentatives(
          db,
          requestContext(request),
          request.params.id,
          clock,
        );
        return { items: representatives.map(toRepresentativeResponse) };
      },
    );

    app.post(
      '/api/people/:id/representatives',
      {
        config: { access: peopleWriters },
        schema: {
          tags,
          summary: 'Record an attorney, deputy, advocate or next of kin',
          params: idParams,
          body: createRepresentativeBody,
          response: { 201: representativeSchema, ...writeProblems },
        },
      },
      async (request, reply) => {
        const representative = await addRepresentative(db, requestContext(request), {
          personId: request.params.id,
          input: request.body,
          clock: clock,
        });
        return reply.code(201).send(toRepresentativeResponse(representative));
      },
    );

    app.patch(
      '/api/people/:id/representatives/:representativeId',
      versionedUpdate({
        access: peopleWriters,
        tags,
        summary: 'Change a representative’s details',
        description: `The version is the representative’s \`version\` in the list.`,
        params: representativeParams,
        body: updateRepresentativeBody,
        answer: representativeSchema,
        problems: writeProblems,
      }),
      async (request, reply) =>
        withETag(
          reply,
          toRepresentativeResponse(
            await updateRepresentative(db, requestContext(request), {
              personId: request.params.id,
              id: request.params.representativeId,
              expectedVersion: expectedVersion(request),
              input: request.body,
              clock: clock,
            }),
          ),
        ),
    );

    app.post(
      '/api/people/:id/representatives/:representativeId/end',
      {
        config: { access: peopleWriters },
        schema: {
          tags,
          summary: 'Record that a representative no longer acts for the person (kept in the record)',
          params: representativeParams,
          body: endRepresentativeBody,
          response: { 200: representativeSchema, ...writeProblems },
        },
      },
      async (request) =>
        toRepresentativeResponse(
          await endRepresentative(db, requestContext(request), {
            personId: request.params.id,
            id: request.params.representativeId,
            reason: request.body.reason,
            clock: clock,
          }),
        ),
    );

    // ---- circle of support ----

    app.get(
      '/api/people/:id/circle',
      {
        config: { access: peopleReaders },
        schema: {
          tags,
          summary: 'The person’s circle of partners: who is their GP, social worker… (the view is audited)',
          params: idParams,
          querystring: circleQuery,
          response: { 200: z.object({ items: z.array(circleMemberSchema) }), ...problemResponses },
        },
      },
      async (request) => {
        const circle = await viewCircle(db, requestContext(request), {
          personId: request.params.id,
          includeEnded: request.query.includeEnded ?? false,
          clock: clock,
        });
        return { items: circle.map(toCircleMemberResponse) };
      },
    );

    app.post(
      '/api/people/:id/circle',
      {
        config: { access: peopleWriters },
        schema: {
          tags,
          summary: 'Add a partner contact to the person’s circle, with the role they hold',
          params: idParams,
          body: addCircleMemberBody,
          response: { 201: circleMemberSchema, ...writeProblems },
        },
      },
      async (request, reply) => {
        const member = await addCircleMember(
          db,
          requestContext(request),
          request.params.id,
          request.body,
          clock,
        );
        return reply.code(201).send(toCircleMemberResponse(member));
      },
    );

    app.patch(
      '/api/people/:id/circle/:memberId',
      versionedUpdate({
        access: peopleWriters,
        tags,
        summary: 'Change a role in the circle: make it primary, or record that it ended',
        description: `The version is the member’s \`version\` in the circle.`,
        params: circleMemberParams,
        body: updateCircleMemberBody,
        answer: circleMemberSchema,
        problems: writeProblems,
      }),
      async (request, reply) =>
        withETag(
          reply,
          toCircleMemberResponse(
            await updateCircleMember(db, requestContext(request), {
              personId: request.params.id,
              id: request.params.memberId,
              expectedVersion: expectedVersion(request),
              input: request.body,
              clock: clock,
            }),
          ),
        ),
    );

    app.get(
      '/api/partner-contacts/:id/people',
      {
        config: { access: peopleReaders },
        schema: {
          tags: [...tags, 'Partner register'],
          summary: 'The people a partner contact currently holds a role for (audited)',
          params: idParams,
          querystring: pageQuery,
          response: { 200: z.object({ items: z.array(linkedPersonSchema) }), ...problemResponses },
        },
      },
      async (request) => {
        const linked = await listPeopleOfPartnerContact(db, requestContext(request), {
          partnerContactId: request.params.id,
          ...request.query,
          clock: clock,
        });
        return {
          items: linked.map((link) => ({
            person: {
              id: link.person_id,
              givenName: link.given_name,
              familyName: link.family_name,
              preferredName: link.preferred_name,
              status: link.status,
              careServiceName: link.care_service_name,
            },
            circleMemberId: link.circle_member_id,
            role: link.role,
            isPrimary: link.is_primary,
            startedOn: link.started_on,
          })),
        };
      },
    );
  };
}
