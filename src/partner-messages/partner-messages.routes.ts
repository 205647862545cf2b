import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { confirmAdviceFromMessage, recordAdviceFromMessage } from '../advice/advice.service.ts';
import { requestContext } from '../auth/access.ts';
import { careRecordReaders as readers, careRecordWriters as writers } from '../auth/role-groups.ts';
import type { AppDependencies } from '../dependencies.ts';
import { idParams, problemResponses, problemSchema, writeProblems } from '../http/schemas.ts';
import { PARTNER_LINK_HEADER } from '../partner-access/partner-links.service.ts';
import { shareRefusedProblemSchema } from '../sharing/sharing.schemas.ts';
import { closeMessage, logContact, withdrawMessage } from './message-lifecycle.service.ts';
import { recordLinkHandedOver, resendLink, revokeLink } from './message-links.service.ts';
import { listMessages, viewMessage } from './message-reading.service.ts';
import {
  checkMessageBody,
  closeMessageBody,
  linkHandedOverBody,
  linkParams,
  logContactBody,
  messageDetailSchema,
  messageListQuery,
  messageSummarySchema,
  messageWarningSchema,
  partnerAcknowledgeBody,
  partnerDeclineBody,
  partnerRespondBody,
  partnerViewSchema,
  revokeLinkBody,
  sendMessageBody,
  sentMessageSchema,
  withdrawMessageBody,
} from './partner-messages.schemas.ts';
import { checkDraft, sendMessage } from './partner-messages.service.ts';
import { actAsPartner, viewAsPartner } from './partner-page.service.ts';

const tags = ['Partner messages'];
const partnerTags = ['Partner page (secure link)'];

export function partnerMessagesRoutes({ db, clock, config }: AppDependencies): FastifyPluginAsyncZod {
  const settings = { clock, config };
  return async (app) => {
    app.post(
      '/api/messages/check',
      {
        config: { access: writers },
        schema: {
          tags,
          summary: 'Check a draft message for clarity (warnings only; never refuses)',
          body: checkMessageBody,
          response: { 200: z.object({ warnings: z.array(messageWarningSchema) }), ...problemResponses },
        },
      },
      async (request) => ({ warnings: await checkDraft(db, requestContext(request), request.body, clock) }),
    );

    app.post(
      '/api/messages',
      {
        config: { access: writers },
        schema: {
          tags,
          summary: 'Send a message to a partner contact',
          description:
            'A request must have a summary saying when, the impact, the mitigations in place, the ask and its ' +
            'type, and a deadline; the send is refused with field errors when any is missing. A message about ' +
            'a person passes the sharing gate for its categories first: refused, nothing is sent (403 with the ' +
            'reasons). The contact is emailed a secure link; the link is also returned once, here.',
          body: sendMessageBody,
          response: { 201: sentMessageSchema, ...writeProblems, 403: shareRefusedProblemSchema },
        },
      },
      async (request, reply) => {
        const sent = await sendMessage(db, requestContext(request), request.body, settings);
        return reply.code(201).send(sent);
      },
    );

    app.get(
      '/api/messages',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'Messages: open, awaiting acknowledgement, awaiting response, overdue, escalated, or all',
          querystring: messageListQuery,
          response: { 200: z.object({ items: z.array(messageSummarySchema) }), ...problemResponses },
        },
      },
      async (request) => ({ items: await listMessages(db, requestContext(request), request.query, clock) }),
    );

    app.get(
      '/api/messages/:id',
      {
        config: { access: readers },
        schema: {
          tags,
          summary: 'A message with its thread, escalation steps and links (audited)',
          params: idParams,
          response: { 200: messageDetailSchema, ...problemResponses },
        },
      },
      async (request) => viewMessage(db, requestContext(request), request.params.id, clock),
    );

    app.post(
      '/api/messages/:id/contacts',
      {
        config: { access: writers },
        schema: {
          tags,
          summary: 'Log a phone call or a reply that came another way',
          description:
            'With an outcome, the request moves on as if the partner had used the link. With isAdvice, the ' +
            'advice is recorded; advice not given in writing is followed by a request for written confirmation.',
          params: idParams,
          body: logContactBody,
          response: { 200: messageDetailSchema, ...writeProblems, 403: shareRefusedProblemSchema },
        },
      },
      async (request) =>
        logContact(
          db,
          requestContext(request),
          request.params.id,
          request.body,
          settings,
          recordAdviceFromMessage,
        ),
    );

    app.post(
      '/api/messages/:id/close',
      {
        config: { access: writers },
        schema: {
          tags,
          summary: 'Close the message; any escalation still pending stops',
          params: idParams,
          body: closeMessageBody,
          response: { 200: messageDetailSchema, ...writeProblems },
        },
      },
      async (request) => closeMessage(db, requestContext(request), request.params.id, request.body, clock),
    );

    app.post(
      '/api/messages/:id/withdraw',
      {
        config: { access: writers },
        schema: {
          tags,
          summary: 'Withdraw the message: its links stop working and its escalation ends',
          params: idParams,
          body: withdrawMessageBody,
          response: { 200: messageDetailSchema, ...writeProblems },
        },
      },
      async (request) => withdrawMessage(db, requestContext(request), request.params.id, request.body, clock),
    );

    app.post(
      '/api/messages/:id/links',
      {
        config: { access: writers },
        schema: {
          tags,
          summary: 'Email the contact a new secure link',
          params: idParams,
          response: { 201: sentMessageSchema, ...writeProblems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await resendLink(db, requestContext(request), request.params.id, settings)),
    );

    app.post(
      '/api/messages/:id/links/:linkId/revoke',
      {
        config: { access: writers },
        schema: {
          tags,
          summary: 'Stop one link working',
          params: linkParams,
          body: revokeLinkBody,
          response: { 200: messageDetailSchema, ...writeProblems },
        },
      },
      async (request) =>
        revokeLink(
          db,
          requestContext(request),
          request.params.id,
          request.params.linkId,
          request.body,
          clock,
        ),
    );

    app.post(
      '/api/messages/:id/links/:linkId/handed-over',
      {
        config: { access: writers },
        schema: {
          tags,
          summary: 'Record that the link was given to the partner another way',
          description:
            'When no email carried the link (no mail server, or the partner asked by phone). A disclosure like an email: the sharing gate is asked now for the link’s contact; refused, 403 with the reasons.',
          params: linkParams,
          body: linkHandedOverBody,
          response: { 200: messageDetailSchema, ...writeProblems, 403: shareRefusedProblemSchema },
        },
      },
      async (request) =>
        recordLinkHandedOver(
          db,
          requestContext(request),
          { messageId: request.params.id, linkId: request.params.linkId },
          request.body,
          clock,
        ),
    );

    // ---- the partner's page ----

    const caller = (request: { headers: Record<string, unknown>; id: string; ip: string }) => ({
      token: request.headers[PARTNER_LINK_HEADER],
      requestId: request.id,
      ip: request.ip,
    });
    const partnerOptions = {
      recordAdvice: recordAdviceFromMessage,
      confirmAdvice: confirmAdviceFromMessage,
      links: { publicUrl: config.publicUrl, keyFile: config.mfaKeyFile },
    };
    const linkHeader = z.object({
      [PARTNER_LINK_HEADER]: z
        .string()
        .max(100)
        .optional()
        .describe('The token from the secure link (after #)'),
    });
    const partnerProblems = {
      400: problemSchema,
      401: problemSchema,
      403: problemSchema,
      409: problemSchema,
    };

    app.get(
      '/api/partner/message',
      {
        config: { access: 'partner_link' },
        schema: {
          tags: partnerTags,
          summary: 'The message this link was sent with, and its thread',
          headers: linkHeader,
          response: { 200: partnerViewSchema, ...partnerProblems },
        },
      },
      async (request) => viewAsPartner(db, caller(request), clock),
    );

    // Each of the partner's answers reaches the message through the link, and is answered with the
    // page as it now stands.
    const partnerAction = <Body extends z.ZodType>(
      path: string,
      summary: string,
      body: Body,
      action: (input: z.infer<Body>) => Parameters<typeof actAsPartner>[2],
    ) =>
      app.post(
        `/api/partner/message/${path}`,
        {
          config: { access: 'partner_link' },
          schema: {
            tags: partnerTags,
            summary,
            headers: linkHeader,
            body,
            response: { 200: partnerViewSchema, ...partnerProblems },
          },
        },
        async (request) =>
          actAsPartner(db, caller(request), action(request.body as z.infer<Body>), clock, partnerOptions),
      );

    partnerAction('acknowledge', 'Acknowledge receipt', partnerAcknowledgeBody, (input) => ({
      kind: 'acknowledged',
      ...input,
    }));
    partnerAction('accept', 'Accept the request', partnerAcknowledgeBody, (input) => ({
      kind: 'accepted',
      ...input,
    }));
    partnerAction('decline', 'Decline the request, with a reason', partnerDeclineBody, (input) => ({
      kind: 'declined',
      ...input,
    }));
    partnerAction(
      'respond',
      'Respond: an answer, a decision, advice, or that the action is done',
      partnerRespondBody,
      (input) => ({
        kind: 'respond',
        name: input.name,
        role: input.role,
        responseKind: input.kind,
        response: input.response,
      }),
    );
  };
}
