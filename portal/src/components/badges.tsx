import { useTranslation } from 'react-i18next';
import type { Clock, Sla, TicketState } from '../api/types';
import { formatDuration, type Language } from '../format/dates';

export function StateBadge({ state }: { state: TicketState }) {
  const { t } = useTranslation();
  return <span className={`badge state-${state}`}>{t(`state.${state}`)}</span>;
}

/** The clock that matters now: take-in-charge until it stops, then restore. */
export function currentClock(sla: Sla | null): { name: 'takeCharge' | 'restore'; clock: Clock } | null {
  if (!sla) return null;
  // A clock's elapsed time is set when it stops (presentClock in the SLA plugin).
  return sla.takeCharge.elapsedMinutes === null ? { name: 'takeCharge', clock: sla.takeCharge } : { name: 'restore', clock: sla.restore };
}

/** On time / at risk / breached, with the time left or the delay, in words as well as colour. */
export function SlaBadge({ clock, showTime = true }: { clock: Clock; showTime?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const remaining = clock.remainingMs;
  let time = '';
  if (showTime && remaining !== null && ['on_time', 'at_risk'].includes(clock.state)) time = t('sla.left', { time: formatDuration(remaining, language) });
  if (showTime && remaining !== null && clock.state === 'breached') time = t('sla.late', { time: formatDuration(remaining, language) });
  return (
    <span className={`badge sla-${clock.state}`}>
      {t(`sla.${clock.state}`)}
      {time && <span className="badge-detail"> · {time}</span>}
    </span>
  );
}
