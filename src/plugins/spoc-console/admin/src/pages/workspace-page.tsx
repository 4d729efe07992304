/**
 * A ticket's workspace: header, the requester's phone and e-mail as links, both SLA clocks ticking, the action
 * bar with only the actions the state allows (each confirmed with what it does), assignment, classification,
 * supervisor tools, the composer and the whole timeline. A change by anyone reloads it live; an action on a
 * stale state shows the 409 in words and reloads.
 */
import * as React from 'react';
import DOMPurify from 'dompurify';
import { Alert, Badge, Box, Button, Flex, Grid, Link, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useParams } from 'react-router-dom';
import { ActionDialog } from '../components/action-dialog';
import { ClockCard, useExplanation } from '../components/clock-card';
import { Composer } from '../components/composer';
import { BackToQueue } from '../components/back-to-queue';
import { apiProblem } from '../components/errors';
import { LiveIndicator } from '../components/live-indicator';
import { Section } from '../components/section';
import { AssignSection, ClassifySection, SuperviseSection } from '../components/side-tools';
import { Timeline } from '../components/timeline';
import { useConsoleUser } from '../hooks/use-console-user';
import { useLiveTicketEvents } from '../hooks/use-live-events';
import { useNow } from '../hooks/use-now';
import { useSingleFlight } from '../hooks/use-single-flight';
import { useQueueOptions } from '../hooks/use-queue-options';
import { useEnumWord, useT } from '../messages';
import { actionBar, clockOffset, conflictDetails, telHref, type ConsoleAction } from '../rules/console-ui-rules';
import type { Workspace } from '../types';

type Notice = { variant: 'success' | 'danger' | 'warning'; text: string } | null;

export function WorkspacePage() {
  const { documentId = '' } = useParams<{ documentId: string }>();
  const t = useT();
  const word = useEnumWord();
  const { formatDate } = useIntl();
  const { get, post } = useFetchClient();
  const user = useConsoleUser();
  const explain = useExplanation();
  const options = useQueueOptions();
  const now = useNow();
  const [workspace, setWorkspace] = React.useState<Workspace | null>(null);
  const [offset, setOffset] = React.useState(0);
  const [loadError, setLoadError] = React.useState<{ status: number | null; message: string } | null>(null);
  const [notice, setNotice] = React.useState<Notice>(null);
  const [confirming, setConfirming] = React.useState<ConsoleAction | null>(null);
  const [busy, setBusy] = React.useState(false);
  const when = (value: string) => formatDate(value, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Rome' });

  const load = useSingleFlight(async () => {
    const sentAt = Date.now();
    try {
      const response = await get<{ data: Workspace; meta?: { serverTime?: string } }>(`/spoc-console/tickets/${documentId}`);
      const serverTime = response.data.meta?.serverTime ?? response.headers?.get?.('date') ?? null;
      if (serverTime) setOffset(clockOffset(new Date(serverTime).toISOString(), sentAt, Date.now()));
      setWorkspace(response.data.data);
      setLoadError(null);
    } catch (error) {
      const problem = apiProblem(error);
      setLoadError({ status: problem.status, message: problem.message });
    }
  });

  React.useEffect(() => {
    setWorkspace(null);
    load();
  }, [load, documentId]);

  const live = useLiveTicketEvents((event) => {
    if (event.documentId === documentId) load();
  }, load);

  const perform = async (action: ConsoleAction, body: Record<string, unknown>) => {
    if (!workspace) return;
    setBusy(true);
    try {
      await post(`/spoc-console/tickets/${documentId}/actions/${action}`, body);
      setNotice({ variant: 'success', text: t('done.action', { action: t(`action.${action}`) }) });
    } catch (error) {
      const problem = apiProblem(error);
      const conflict = problem.status === 409 ? conflictDetails(problem.details) : null;
      if (conflict) {
        const what = t(`conflict.${conflict.state}` as 'conflict.new');
        setNotice({
          variant: 'warning',
          text: conflict.by && conflict.at ? t('conflict.byAt', { what, by: conflict.by, at: formatDate(conflict.at, { timeStyle: 'short', timeZone: 'Europe/Rome' }) }) : t('conflict.plain', { what }),
        });
      } else {
        setNotice({ variant: 'danger', text: t('common.error', { message: problem.message }) });
      }
    } finally {
      setBusy(false);
      setConfirming(null);
      load();
    }
  };

  if (loadError && !workspace) {
    return (
      <Page.Main>
        <Box padding={8}>
          <Alert variant="danger" closeLabel={t('common.close')}>
            {t('ws.loadError', { message: loadError.message })}
          </Alert>
          <Box paddingTop={4}>
            <BackToQueue />
          </Box>
        </Box>
      </Page.Main>
    );
  }
  if (!workspace) return <Page.Loading />;

  const { ticket, sla } = workspace;
  const actions = actionBar(workspace.allowedActions);
  const explanation = explain(sla.explanation);
  const detail = (label: string, value: React.ReactNode) => (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Typography tag="div">{value}</Typography>
    </Flex>
  );

  return (
    <Layouts.Root>
      <Page.Title>{`${ticket.number} — ${ticket.title}`}</Page.Title>
      <Page.Main>
        <Layouts.Header
          navigationAction={
            <BackToQueue />
          }
          title={`${ticket.number} · ${ticket.title}`}
          subtitle={
            <Flex gap={2} wrap="wrap" tag="span">
              <Badge data-state={ticket.state}>{word(ticket.state)}</Badge>
              <Badge>{word(ticket.priority)}</Badge>
              <Typography textColor="neutral600">{ticket.organization?.name ?? '—'}</Typography>
            </Flex>
          }
          secondaryAction={<LiveIndicator connected={live} />}
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {notice && (
              <Alert variant={notice.variant} closeLabel={t('common.close')} onClose={() => setNotice(null)} role="status">
                {notice.text}
              </Alert>
            )}
            <Box background="neutral0" padding={4} hasRadius shadow="tableShadow" tag="section" aria-label={t('ws.actions')}>
              <Flex gap={2} wrap="wrap" data-action-bar>
                {actions.length === 0 && <Typography textColor="neutral600">{t('ws.noActions')}</Typography>}
                {actions.map((action) => (
                  <Button key={action} variant={action === 'cancel' ? 'danger-light' : action === actions[0] ? 'default' : 'secondary'} onClick={() => setConfirming(action)}>
                    {t(`action.${action}`)}
                  </Button>
                ))}
              </Flex>
            </Box>
            <Grid.Root gap={4}>
              <Grid.Item col={8} s={12} direction="column" alignItems="stretch" gap={4}>
                <Section title={t('ws.details')}>
                  <Grid.Root gap={4}>
                    <Grid.Item col={6} s={12}>
                      {detail(
                        t('col.requester'),
                        ticket.requester && (ticket.requester.name || ticket.requester.email || ticket.requester.phone) ? (
                          <Flex direction="column" alignItems="flex-start" gap={1}>
                            {ticket.requester.name && <Typography>{ticket.requester.name}</Typography>}
                            {ticket.requester.phone && (
                              <Link href={telHref(ticket.requester.phone)} aria-label={t('ws.call', { phone: ticket.requester.phone })}>
                                {ticket.requester.phone}
                              </Link>
                            )}
                            {ticket.requester.email && (
                              <Link href={`mailto:${ticket.requester.email}`} aria-label={t('ws.mail', { email: ticket.requester.email })}>
                                {ticket.requester.email}
                              </Link>
                            )}
                          </Flex>
                        ) : (
                          '—'
                        )
                      )}
                    </Grid.Item>
                    <Grid.Item col={6} s={12}>
                      {detail(t('col.organization'), ticket.organization?.name ?? '—')}
                    </Grid.Item>
                    <Grid.Item col={3} s={6}>
                      {detail(t('col.channel'), word(ticket.channel))}
                    </Grid.Item>
                    <Grid.Item col={3} s={6}>
                      {detail(t('col.kind'), word(ticket.kind))}
                    </Grid.Item>
                    <Grid.Item col={3} s={6}>
                      {detail(t('col.category'), ticket.category?.name ?? '—')}
                    </Grid.Item>
                    <Grid.Item col={3} s={6}>
                      {detail(t('col.reportedAt'), `${when(ticket.reportedAt)}${ticket.reportedAtCorrected ? ` ${t('ws.reportedAtCorrected')}` : ''}`)}
                    </Grid.Item>
                  </Grid.Root>
                  {ticket.descriptionHtml && (
                    <Box paddingTop={2}>
                      <Typography variant="sigma" textColor="neutral600">
                        {t('ws.description')}
                      </Typography>
                      {/* The e-mail's HTML as received: cleaned again here, as the portal does, before it reaches the page. */}
                      <Typography tag="div" paddingTop={1} dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(ticket.descriptionHtml) }} />
                    </Box>
                  )}
                  {ticket.resolution && detail(t('ws.resolution'), ticket.resolution)}
                </Section>
                <Composer workspace={workspace} onSent={load} />
                <Timeline workspace={workspace} />
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch" gap={4}>
                <Section title={t('ws.clocks')}>
                  {sla.clocks.length === 0 && <Typography>{t('clock.none')}</Typography>}
                  {sla.clocks.map((clock) => (
                    <ClockCard key={clock.kind} clock={clock} now={now} offset={offset} />
                  ))}
                  {explanation.length > 0 && (
                    <details>
                      <summary>
                        <Typography variant="pi" fontWeight="bold">
                          {t('clock.explanation')}
                        </Typography>
                      </summary>
                      <ul>
                        {explanation.map((line) => (
                          <li key={line}>
                            <Typography variant="pi">{line}</Typography>
                          </li>
                        ))}
                      </ul>
                    </details>
                  )}
                </Section>
                <AssignSection workspace={workspace} options={options} onChanged={load} />
                <ClassifySection workspace={workspace} options={options} onChanged={load} />
                {user.supervisor && <SuperviseSection workspace={workspace} onChanged={load} />}
              </Grid.Item>
            </Grid.Root>
          </Flex>
        </Layouts.Content>
      </Page.Main>
      {confirming && (
        <ActionDialog
          action={confirming}
          number={ticket.number}
          notice={workspace.notices?.actions?.[confirming]}
          busy={busy}
          onConfirm={(body) => void perform(confirming, body)}
          onClose={() => setConfirming(null)}
        />
      )}
    </Layouts.Root>
  );
}
