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

/** The SLA plugin's explanation of the clocks, as the server sends it: text, lines, or labelled values. */
export function explanationLines(explanation: unknown): string[] {
  if (!explanation) return [];
  if (typeof explanation === 'string') return [explanation];
  if (Array.isArray(explanation)) return explanation.flatMap(explanationLines);
  if (typeof explanation === 'object') {
    return Object.entries(explanation as Record<string, unknown>).flatMap(([key, value]) =>
      typeof value === 'string' || typeof value === 'number' ? [`${key}: ${value}`] : explanationLines(value)
    );
  }
  return [String(explanation)];
}
