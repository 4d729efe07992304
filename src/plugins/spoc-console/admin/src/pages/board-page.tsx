/**
 * "Cruscotto", for supervisors: today's and this month's figures at a glance, each a chart, refreshed every
 * minute. The SLA figures are the SLA report's for the same month (the server builds both from one service);
 * each chart's rows lead to the queue filtered on them.
 */
import * as React from 'react';
import { Alert, Box, Flex, Grid, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { BarChart } from '../components/bar-chart';
import { DeskTabs } from '../components/desk-tabs';
import { apiProblem } from '../components/errors';
import { Section } from '../components/section';
import { SUPERVISE } from '../hooks/use-console-user';
import { useEnumWord, useT } from '../messages';
import { callbacksPath, queuePath } from '../paths';
import { formatDuration } from '../rules/console-ui-rules';
import { BOARD_REFRESH_MS, STATE_COLORS } from '../rules/desk-rules';
import type { BoardFigures } from '../types';

export function BoardPage() {
  return (
    <Page.Protect permissions={[{ action: SUPERVISE, subject: null }]}>
      <Board />
    </Page.Protect>
  );
}

function Board() {
  const t = useT();
  const word = useEnumWord();
  const { formatNumber, formatDate } = useIntl();
  const { get } = useFetchClient();
  const [figures, setFigures] = React.useState<BoardFigures | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);

  React.useEffect(() => {
    const load = () =>
      get<{ data: BoardFigures }>('/spoc-console/board')
        .then(({ data }) => setFigures(data.data))
        .catch((error) => setProblem(apiProblem(error).message));
    load();
    const timer = setInterval(load, BOARD_REFRESH_MS);
    return () => clearInterval(timer);
  }, [get]);

  const units = { d: t('unit.days'), h: 'h', m: 'min', s: 's' };
  const seconds = (value: number | null) => (value === null ? '—' : formatDuration(value * 1000, units));
  const euro = (value: number) => formatNumber(value, { style: 'currency', currency: 'EUR' });
  const share = (value: number | null) => (value === null ? '—' : `${formatNumber(value, { maximumFractionDigits: 2 })}%`);

  const priorities = figures ? [...new Set(figures.openTickets.map((row) => row.priority))].sort() : [];
  const states = ['new', 'in_charge', 'suspended', 'restored'] as const;

  return (
    <Layouts.Root>
      <Page.Title>{t('board.title')}</Page.Title>
      <Page.Main>
        <Layouts.Header
          title={t('board.title')}
          subtitle={figures ? t('board.subtitle', { month: formatDate(`${figures.periods.month.from}T12:00:00Z`, { month: 'long', year: 'numeric', timeZone: 'Europe/Rome' }), time: formatDate(figures.generatedAt, { timeStyle: 'short', timeZone: 'Europe/Rome' }) }) : t('common.loading')}
        />
        <Layouts.Content>
          <DeskTabs />
          {problem && (
            <Alert variant="danger" closeLabel={t('common.close')} onClose={() => setProblem(null)}>
              {problem}
            </Alert>
          )}
          {figures && (
            <Grid.Root gap={4}>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Section title={t('board.compliance')}>
                  <BarChart
                    label={t('board.compliance')}
                    max={100}
                    threshold={{ value: figures.compliance.takeCharge.threshold, label: t('board.threshold', { threshold: figures.compliance.takeCharge.threshold }) }}
                    bars={(['takeCharge', 'restore'] as const).map((clock) => {
                      const compliance = figures.compliance[clock];
                      return {
                        label: t(clock === 'takeCharge' ? 'clock.take_charge' : 'clock.restore'),
                        value: compliance.sharePercent ?? 0,
                        text: share(compliance.sharePercent),
                        color: compliance.meetsThreshold === false ? '#d02b20' : '#328048',
                      };
                    })}
                  />
                  <Typography variant="pi" textColor="neutral700" data-compliance-take-charge={`${figures.compliance.takeCharge.within}/${figures.compliance.takeCharge.failed}`}>
                    {t('board.complianceDetail', {
                      tcWithin: figures.compliance.takeCharge.within,
                      tcFailed: figures.compliance.takeCharge.failed,
                      rsWithin: figures.compliance.restore.within,
                      rsFailed: figures.compliance.restore.failed,
                    })}
                  </Typography>
                </Section>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Section title={t('board.today')}>
                  <Flex gap={6} wrap="wrap">
                    <Figure label={t('board.breachesToday')} value={String(figures.breachesToday.total)} to={queuePath('tab=risk')} alert={figures.breachesToday.total > 0} />
                    <Figure label={t('board.penalties')} value={euro(figures.penalties.afterCap)} data={String(figures.penalties.afterCap)} alert={figures.penalties.afterCap > 0} />
                    <Figure label={t('board.callbacksOverdue')} value={String(figures.callbacksOverdue)} to={callbacksPath()} alert={figures.callbacksOverdue > 0} />
                    <Figure label={t('board.breachesMonth')} value={String(figures.breachesThisMonth)} />
                  </Flex>
                </Section>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Section title={t('board.open')}>
                  <BarChart
                    label={t('board.open')}
                    bars={priorities.map((priority) => {
                      const rows = figures.openTickets.filter((row) => row.priority === priority);
                      return {
                        label: word(priority),
                        value: rows.reduce((sum, row) => sum + row.count, 0),
                        to: queuePath(`tab=open&priority=${priority}`),
                        segments: states.map((state) => ({ label: word(state), value: rows.find((row) => row.state === state)?.count ?? 0, color: STATE_COLORS[state] })),
                      };
                    })}
                  />
                  <Flex gap={3} wrap="wrap" tag="ul" aria-label={t('board.legend')}>
                    {states.map((state) => (
                      <Flex key={state} gap={1} alignItems="center" tag="li">
                        <Box style={{ width: 12, height: 12, background: STATE_COLORS[state], borderRadius: 2 }} />
                        <Typography variant="pi">{word(state)}</Typography>
                      </Flex>
                    ))}
                  </Flex>
                </Section>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Section title={t('board.registrationLag')}>
                  {figures.registrationLag.length === 0 ? (
                    <Typography textColor="neutral600">{t('board.none')}</Typography>
                  ) : (
                    <BarChart
                      label={t('board.registrationLag')}
                      bars={figures.registrationLag.map((row) => ({ label: word(row.channel), value: row.meanSeconds ?? 0, text: seconds(row.meanSeconds === null ? null : Math.round(row.meanSeconds)) }))}
                    />
                  )}
                  <Typography variant="pi" textColor="neutral600">
                    {t('board.registrationLagHint')}
                  </Typography>
                </Section>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Section title={t('board.mail')}>
                  <BarChart
                    label={t('board.mail')}
                    bars={[
                      { label: t('board.mailFailedToday'), value: figures.mail.failedToday, color: '#d02b20' },
                      { label: t('board.mailFailedMonth'), value: figures.mail.failedThisMonth, color: '#d02b20' },
                      { label: t('board.outbox'), value: figures.mail.backlog.waiting, color: '#d9822f' },
                    ]}
                  />
                  <Typography variant="pi" textColor="neutral700">
                    {figures.mail.backlog.oldestSeconds === null ? t('board.outboxEmpty') : t('board.outboxOldest', { time: seconds(figures.mail.backlog.oldestSeconds) })}
                  </Typography>
                </Section>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                <Section title={t('board.intake')}>
                  {figures.intake.length === 0 ? (
                    <Typography textColor="neutral600">{t('board.noMailbox')}</Typography>
                  ) : (
                    <BarChart
                      label={t('board.intake')}
                      bars={figures.intake.map((mailbox) => ({
                        label: mailbox.mailbox,
                        value: mailbox.lagSeconds ?? 0,
                        text: mailbox.lagSeconds === null ? t('board.neverRead') : t('board.ago', { time: seconds(mailbox.lagSeconds) }),
                        color: mailbox.lastError ? '#d02b20' : '#4945ff',
                      }))}
                    />
                  )}
                </Section>
              </Grid.Item>
            </Grid.Root>
          )}
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
}

/** One figure in large type, red when it calls for attention, leading to where it can be acted on. */
function Figure({ label, value, to, alert = false, data }: { label: string; value: string; to?: string; alert?: boolean; data?: string }) {
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-figure={label} data-value={data ?? value}>
      {to ? (
        <RouterLink to={to} style={{ color: 'inherit' }}>
          <Typography variant="alpha" tag="p" textColor={alert ? 'danger700' : 'primary700'} style={{ textDecoration: 'underline' }}>
            {value}
          </Typography>
        </RouterLink>
      ) : (
        <Typography variant="alpha" tag="p" textColor={alert ? 'danger700' : 'neutral800'}>
          {value}
        </Typography>
      )}
      <Typography variant="pi" textColor="neutral600">
        {label}
      </Typography>
    </Flex>
  );
}
