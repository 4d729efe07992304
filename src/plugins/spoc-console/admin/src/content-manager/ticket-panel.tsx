/**
 * The Content Manager's ticket edit view, made a way into the console rather than a dead end: a side panel
 * with the state and both SLA clocks and a link "Apri nella console", and the lifecycle actions the state
 * allows as document actions, each confirmed with what it does.
 */
import * as React from 'react';
import { Flex, LinkButton, Typography } from '@strapi/design-system';
import { ActionFields, NO_INPUTS, type ActionInputs } from '../components/action-fields';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useDispatch } from 'react-redux';
import type { DocumentActionComponent, DocumentActionProps, PanelComponent } from '@strapi/content-manager/strapi-admin';
import { Link as RouterLink } from 'react-router-dom';
import { ClockBadge } from '../components/clock-badge';
import { apiProblem } from '../components/errors';
import { announceTicketChange, useWorkspaceSummary } from '../hooks/use-workspace-summary';
import { useLiveTicketEvents } from '../hooks/use-live-events';
import { useNow } from '../hooks/use-now';
import { useEnumWord, useT } from '../messages';
import { ticketPath } from '../paths';
import { ACTION_ORDER, actionBar, actionBody, type ConsoleAction } from '../rules/console-ui-rules';

const TICKET = 'api::ticket.ticket';

export const TicketConsolePanel: PanelComponent = ({ model, documentId }) => {
  const t = useT();
  const word = useEnumWord();
  const now = useNow();
  const isTicket = model === TICKET && Boolean(documentId);
  const { workspace } = useWorkspaceSummary(documentId, isTicket);
  // Another operator's action shows here too, and in the document actions the state allows.
  useLiveTicketEvents(
    (event) => {
      if (event.documentId === documentId) announceTicketChange(documentId);
    },
    undefined,
    isTicket && workspace !== null
  );
  if (!isTicket || !workspace) return null;
  return {
    title: t('cm.panel'),
    content: (
      <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-console-panel>
        <Typography>{t('cm.state', { state: word(workspace.ticket.state) })}</Typography>
        {workspace.sla.clocks.map((clock) => (
          <Flex key={clock.kind} direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="pi" textColor="neutral600">
              {t(`clock.${clock.kind}`)}
            </Typography>
            <ClockBadge clock={clock} now={now} offset={0} showDue />
          </Flex>
        ))}
        <LinkButton tag={RouterLink} to={ticketPath(workspace.ticket.documentId)} variant="secondary" fullWidth>
          {t('cm.open')}
        </LinkButton>
      </Flex>
    ),
  };
};

/** A document action's dialog body: what happens, and the fields it needs (they write into the action's ref). */
function ActionDialogBody({ action, into }: { action: ConsoleAction; into: React.MutableRefObject<ActionInputs> }) {
  const t = useT();
  const [value, setValue] = React.useState(into.current);
  const update = (next: ActionInputs) => {
    into.current = next;
    setValue(next);
  };
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%">
      <Typography>{t(`confirm.${action}`)}</Typography>
      <ActionFields action={action} value={value} onChange={update} />
    </Flex>
  );
}

/** One document action per lifecycle action; each shows only when the ticket's state allows it. */
function lifecycleAction(action: ConsoleAction): DocumentActionComponent {
  const Component: DocumentActionComponent = ({ model, documentId }: DocumentActionProps) => {
    const t = useT();
    const { post } = useFetchClient();
    const { toggleNotification } = useNotification();
    const isTicket = model === TICKET && Boolean(documentId);
    const { workspace } = useWorkspaceSummary(documentId, isTicket);
    const dispatch = useDispatch();
    const input = React.useRef<ActionInputs>(NO_INPUTS);
    if (!isTicket || !workspace || !actionBar(workspace.allowedActions).includes(action)) return null;
    return {
      label: t(`action.${action}`),
      position: ['panel'],
      variant: 'secondary',
      dialog: {
        type: 'dialog',
        title: t('confirm.title', { action: t(`action.${action}`), number: workspace.ticket.number }),
        content: <ActionDialogBody action={action} into={input} />,
        confirmLabel: t('confirm.ok'),
        onConfirm: async () => {
          const planned = actionBody(action, { reason: input.current.reason, resolution: input.current.resolution, attributableToAdministration: input.current.attributable });
          if (!planned.ok) {
            toggleNotification({ type: 'danger', message: `${t(`action.${action}`)}: ${t(planned.missing === 'reason' ? 'field.reason' : 'field.resolution')} — ${t('field.required')}` });
            return;
          }
          try {
            await post(`/spoc-console/tickets/${documentId}/actions/${action}`, planned.body);
            toggleNotification({ type: 'success', message: t('done.action', { action: t(`action.${action}`) }) });
          } catch (error) {
            toggleNotification({ type: 'danger', message: t('common.error', { message: apiProblem(error).message }) });
          }
          input.current = NO_INPUTS;
          // The edit view's form reads the document again: the Content Manager's own RTK Query tag for it, an
          // internal of Strapi 5.54 with no public API (tests/e2e/console.test.ts fails if an upgrade changes it).
          dispatch({ type: 'adminApi/invalidateTags', payload: [{ type: 'Document', id: `${model}_${documentId}` }] });
          announceTicketChange(documentId!);
        },
      },
    };
  };
  Component.displayName = `SpocConsoleAction(${action})`;
  return Component;
}

export const LIFECYCLE_DOCUMENT_ACTIONS: DocumentActionComponent[] = ACTION_ORDER.map(lifecycleAction);
