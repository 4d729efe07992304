import { Box, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useT } from '../messages';
import { clockTone, displayedState, formatDuration, remainingAt, type ClockLike } from '../rules/console-ui-rules';

/**
 * A clock's state and its countdown, coloured by state: green on time, orange at risk, red breached, grey
 * paused. `now` ticks every second; `offset` is the server's clock minus the browser's.
 */
export function ClockBadge({ clock, now, offset, showDue = false }: { clock: ClockLike; now: number; offset: number; showDue?: boolean }) {
  const t = useT();
  const { formatDate } = useIntl();
  const remaining = remainingAt(clock, now, offset);
  const state = displayedState(clock, remaining);
  const tone = clockTone(state);
  const time = remaining === null ? null : formatDuration(remaining, { d: t('unit.days'), h: 'h', m: 'min', s: 's' });
  return (
    <Box
      tag="span"
      display="inline-block"
      background={tone.background}
      borderColor={tone.border}
      borderStyle="solid"
      borderWidth="1px"
      hasRadius
      paddingLeft={2}
      paddingRight={2}
      paddingTop={1}
      paddingBottom={1}
      data-clock-state={state}
    >
      <Typography textColor={tone.text} fontWeight="bold" variant="pi">
        {t(`clock.${state}`)}
      </Typography>
      {time !== null && (
        <Typography textColor={tone.text} variant="pi" data-countdown>
          {' · '}
          {remaining !== null && remaining < 0 ? t('clock.over', { time }) : t('clock.left', { time })}
        </Typography>
      )}
      {showDue && clock.dueAt && (
        <Typography textColor={tone.text} variant="pi">
          {' · '}
          {t('clock.due', { due: formatDate(clock.dueAt, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' }) })}
        </Typography>
      )}
    </Box>
  );
}
