/**
 * The SPOC console's admin side, registered by the app's admin entry (src/admin/app.tsx): Strapi 5.54 builds
 * the panel from the app's entry, and our local plugins are resolved from their compiled server output, which
 * has no admin bundle of its own.
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import { ChartPie, Clock, Stack } from '@strapi/icons';
import { LIFECYCLE_DOCUMENT_ACTIONS, TicketConsolePanel } from './content-manager/ticket-panel';
import { PREFIX, translations } from './messages';
import { CONSOLE_PATH } from './paths';
import { ConsoleMenuIcon } from './components/console-menu-icon';
import { SUPERVISE, WORK } from './hooks/use-console-user';

export { translations };

const work = [{ action: WORK, subject: null }];

export function registerConsole(app: StrapiApp) {
  app.addMenuLink({
    to: CONSOLE_PATH.slice(1),
    // Not only an icon: it keeps the call pop-up and the call-backs' count on every page (console-menu-icon.tsx).
    icon: ConsoleMenuIcon,
    intlLabel: { id: `${PREFIX}.menu.console`, defaultMessage: 'Console SPOC' },
    Component: () => import('./pages/console-app'),
    permissions: work,
    position: 2,
  });
  app.widgets.register([
    {
      id: 'my-open-tickets',
      pluginId: 'spoc-console',
      icon: Stack,
      title: { id: `${PREFIX}.widget.mine`, defaultMessage: 'Le mie richieste aperte' },
      link: { label: { id: `${PREFIX}.widget.openQueue`, defaultMessage: 'Apri la coda' }, href: `${CONSOLE_PATH}?tab=mine` },
      component: async () => (await import('./widgets/queue-widgets')).MyOpenTicketsWidget,
      permissions: work,
    },
    {
      id: 'sla-at-risk',
      pluginId: 'spoc-console',
      icon: Clock,
      title: { id: `${PREFIX}.widget.risk`, defaultMessage: 'SLA a rischio' },
      link: { label: { id: `${PREFIX}.widget.openQueue`, defaultMessage: 'Apri la coda' }, href: `${CONSOLE_PATH}?tab=risk` },
      component: async () => (await import('./widgets/queue-widgets')).SlaAtRiskWidget,
      permissions: work,
    },
    {
      id: 'sla-board',
      pluginId: 'spoc-console',
      icon: ChartPie,
      title: { id: `${PREFIX}.widget.board`, defaultMessage: 'Cruscotto SLA' },
      link: { label: { id: `${PREFIX}.widget.openBoard`, defaultMessage: 'Apri il cruscotto' }, href: `${CONSOLE_PATH}/board` },
      component: async () => (await import('./widgets/board-widget')).BoardWidget,
      permissions: [{ action: SUPERVISE, subject: null }],
    },
  ]);
}

export function bootstrapConsole(app: StrapiApp) {
  const contentManager = app.getPlugin('content-manager') as unknown as {
    apis: { addEditViewSidePanel(panels: unknown[]): void; addDocumentAction(actions: unknown[]): void };
  };
  contentManager.apis.addEditViewSidePanel([TicketConsolePanel]);
  contentManager.apis.addDocumentAction(LIFECYCLE_DOCUMENT_ACTIONS);
}

export { SUPERVISE };
