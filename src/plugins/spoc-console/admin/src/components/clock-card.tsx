import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { ClockBadge } from './clock-badge';
import { useT } from '../messages';
import type { WorkspaceClock } from '../types';

/** One SLA clock of the workspace: state and countdown, target, start, due, stop, and its pauses. */
export function ClockCard({ clock, now, offset }: { clock: WorkspaceClock; now: number; offset: number }) {
  const t = useT();
  const { formatDate } = useIntl();
  const when = (value: string | null | undefined) => (value ? formatDate(value, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' }) : '—');
  const rows: Array<[string, string]> = [
    [t('clock.startedAt'), when(clock.startedAt)],
    [t('clock.dueAt'), when(clock.dueAt)],
    [t('clock.stoppedAt'), when(clock.stoppedAt)],
  ];
  return (
    <Box padding={4} hasRadius borderColor="neutral200" borderStyle="solid" borderWidth="1px" data-clock={clock.kind}>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex justifyContent="space-between" gap={2} wrap="wrap">
          <Typography variant="omega" fontWeight="bold" tag="h3">
            {t(`clock.${clock.kind}`)}
          </Typography>
          <ClockBadge clock={clock} now={now} offset={offset} />
        </Flex>
        {clock.targetMinutes !== null && (
          <Typography variant="pi" textColor="neutral700">
            {t('clock.target', { minutes: clock.targetMinutes })}
          </Typography>
        )}
        <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '4px 12px', margin: 0 }}>
          {rows.map(([label, value]) => (
            <Flex key={label} style={{ display: 'contents' }}>
              <Typography tag="dt" variant="pi" textColor="neutral600">
                {label}
              </Typography>
              <Typography tag="dd" variant="pi" style={{ margin: 0 }}>
                {value}
              </Typography>
            </Flex>
          ))}
        </dl>
        {clock.pausedIntervals && clock.pausedIntervals.length > 0 && (
          <Box>
            <Typography variant="pi" fontWeight="bold">
              {t('clock.paused.intervals')}
            </Typography>
            <ul>
              {clock.pausedIntervals.map((pause) => (
                <li key={pause.from}>
                  <Typography variant="pi">
                    {when(pause.from)} → {pause.to ? when(pause.to) : '…'}
                    {pause.reason ? ` · ${pause.reason}` : ''}
                  </Typography>
                </li>
              ))}
            </ul>
          </Box>
        )}
      </Flex>
    </Box>
  );
}

/** The SLA plugin's explanation (GET /sla/tickets/:id/explain, as the workspace carries it), in sentences. */
interface Explanation {
  policy?: { name: string; calendar?: { name?: string }; warningFractions?: number[] };
  takeCharge?: { targetMinutes: number; workingMinutes: number };
  restore?: { targetMinutes: number; elapsedMinutes: number; pausedMinutes: number; suspensions?: Array<{ from: string; to: string | null; reason?: string | null }> };
}

export function useExplanation(): (explanation: unknown) => string[] {
  const t = useT();
  const { formatDate, formatNumber } = useIntl();
  const when = (value: string | null) => (value ? formatDate(value, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' }) : '…');
  const minutes = (value: number) => formatNumber(Math.round(value));
  return (value) => {
    if (!value || typeof value !== 'object') return [];
    const explanation = value as Explanation;
    const lines: string[] = [];
    if (explanation.policy) lines.push(t('explain.policy', { policy: explanation.policy.name, calendar: explanation.policy.calendar?.name ?? '—' }));
    if (explanation.takeCharge) lines.push(t('explain.takeCharge', { elapsed: minutes(explanation.takeCharge.workingMinutes), target: minutes(explanation.takeCharge.targetMinutes) }));
    if (explanation.restore) {
      const { restore } = explanation;
      lines.push(t('explain.restore', { elapsed: minutes(restore.elapsedMinutes), target: minutes(restore.targetMinutes), paused: minutes(restore.pausedMinutes) }));
      for (const period of restore.suspensions ?? []) lines.push(t('explain.suspension', { from: when(period.from), to: when(period.to), reason: period.reason ?? '—' }));
    }
    const fractions = explanation.policy?.warningFractions ?? [];
    if (fractions.length > 0) lines.push(t('explain.warnings', { fractions: fractions.map((fraction) => `${Math.round(fraction * 100)}%`).join(', ') }));
    return lines;
  };
}
