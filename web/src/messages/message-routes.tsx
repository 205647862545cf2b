import type { RouteObject } from 'react-router';
import { RequireRole } from '../auth/RequireSession.tsx';
import { AttentionPage } from './AttentionPage.tsx';
import { attentionReaders, messageReaders, messageWriters, outboxReaders, routeKeepers } from './access.ts';
import { EscalationRouteFormPage } from './EscalationRouteFormPage.tsx';
import { EscalationRoutesPage } from './EscalationRoutesPage.tsx';
import {
  CloseMessagePage,
  LogContactPage,
  RevokeLinkPage,
  WithdrawMessagePage,
} from './MessageActionPages.tsx';
import { MessageThreadPage } from './MessageThreadPage.tsx';
import { OutboxPage } from './OutboxPage.tsx';
import { SendMessagePage } from './SendMessagePage.tsx';

/** The pages inside the Partner messages section (the list is the section's page, in navigation.ts). */
export const messageRoutes: RouteObject[] = [
  { path: '/messages/new', element: <SendMessagePage />, roles: messageWriters },
  { path: '/messages/attention', element: <AttentionPage />, roles: attentionReaders },
  { path: '/messages/outbox', element: <OutboxPage />, roles: outboxReaders },
  { path: '/messages/escalation-routes', element: <EscalationRoutesPage />, roles: messageReaders },
  {
    path: '/messages/escalation-routes/:template/:urgency',
    element: <EscalationRouteFormPage />,
    roles: routeKeepers,
  },
  { path: '/messages/:messageId', element: <MessageThreadPage />, roles: messageReaders },
  { path: '/messages/:messageId/log-contact', element: <LogContactPage />, roles: messageWriters },
  { path: '/messages/:messageId/close', element: <CloseMessagePage />, roles: messageWriters },
  { path: '/messages/:messageId/withdraw', element: <WithdrawMessagePage />, roles: messageWriters },
  { path: '/messages/:messageId/links/:linkId/revoke', element: <RevokeLinkPage />, roles: messageWriters },
].map(({ path, element, roles }) => ({ path, element: <RequireRole roles={roles}>{element}</RequireRole> }));
