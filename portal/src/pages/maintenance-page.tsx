import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import listPlugin from '@fullcalendar/list';
import luxonPlugin from '@fullcalendar/luxon3';
import itLocale from '@fullcalendar/core/locales/it';
import enLocale from '@fullcalendar/core/locales/en-gb';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMaintenance } from '../api/queries';
import type { MaintenanceLog } from '../api/types';
import { ErrorMessage, Loading } from '../components/status-messages';
import { formatDateTime, TIME_ZONE, type Language } from '../format/dates';

const GROUPS = ['planned', 'in_progress', 'completed'] as const;

/** The organization's maintenance as a list grouped by state, or as a month calendar (FullCalendar). */
export default function MaintenancePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const maintenance = useMaintenance();

  return (
    <>
      <h1>{t('maintenance.title')}</h1>
      <p>{t('maintenance.intro')}</p>
      <div className="segmented" role="group" aria-label={t('maintenance.view')}>
        <button type="button" aria-pressed={view === 'list'} onClick={() => setParams({})}>
          {t('maintenance.list')}
        </button>
        <button type="button" aria-pressed={view === 'calendar'} onClick={() => setParams({ view: 'calendar' })}>
          {t('maintenance.calendar')}
        </button>
      </div>
      {maintenance.isPending && <Loading label={t('app.loading')} />}
      {maintenance.isError && <ErrorMessage error={maintenance.error} onRetry={() => void maintenance.refetch()} />}
      {maintenance.data && (view === 'list' ? <MaintenanceList logs={maintenance.data} /> : <MaintenanceCalendar logs={maintenance.data} />)}
    </>
  );
}

function MaintenanceList({ logs }: { logs: MaintenanceLog[] }) {
  const { t } = useTranslation();
  return (
    <>
      {GROUPS.map((state) => {
        const group = logs.filter((log) => log.state === state);
        return (
          <section key={state} aria-labelledby={`group-${state}`}>
            <h2 id={`group-${state}`}>
              {t(`maintenance.${state}`)} ({group.length})
            </h2>
            {group.length === 0 ? (
              <p className="empty">{t('maintenance.none')}</p>
            ) : (
              <ul className="cards">
                {group.map((log) => (
                  <MaintenanceCard key={log.documentId} log={log} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}

function MaintenanceCard({ log }: { log: MaintenanceLog }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const span = (start: string | null, end: string | null) => `${formatDateTime(start, language)} – ${formatDateTime(end, language)}`;
  return (
    <li className="card">
      <h3>{log.title}</h3>
      <p className="hint">{t(`maintenance.type.${log.type}`)}</p>
      <dl className="facts">
        <div>
          <dt>{t('maintenance.scheduled')}</dt>
          <dd>{span(log.scheduledStart, log.scheduledEnd)}</dd>
        </div>
        {(log.actualStart || log.actualEnd) && (
          <div>
            <dt>{t('maintenance.actual')}</dt>
            <dd>{span(log.actualStart, log.actualEnd)}</dd>
          </div>
        )}
        {log.affectedServices && (
          <div>
            <dt>{t('maintenance.services')}</dt>
            <dd>{log.affectedServices}</dd>
          </div>
        )}
        {log.outcome && (
          <div>
            <dt>{t('maintenance.outcome')}</dt>
            <dd>{log.outcome}</dd>
          </div>
        )}
      </dl>
      {log.description && <p className="prewrap">{log.description}</p>}
    </li>
  );
}

function MaintenanceCalendar({ logs }: { logs: MaintenanceLog[] }) {
  const { t, i18n } = useTranslation();
  const events = logs
    .filter((log) => log.state !== 'cancelled' && (log.actualStart ?? log.scheduledStart))
    .map((log) => ({
      id: log.documentId,
      title: `${log.title} (${t(`maintenance.${log.state}`)})`,
      start: log.actualStart ?? log.scheduledStart!,
      end: log.actualEnd ?? log.scheduledEnd ?? undefined,
      classNames: [`maintenance-${log.state}`],
    }));
  return (
    <div className="calendar">
      <FullCalendar
        plugins={[dayGridPlugin, listPlugin, luxonPlugin]}
        initialView="dayGridMonth"
        headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,listMonth' }}
        locale={i18n.language === 'en' ? enLocale : itLocale}
        // Rome's time whatever the browser's zone (the luxon plugin gives FullCalendar named time zones).
        timeZone={TIME_ZONE}
        events={events}
        height="auto"
        eventDisplay="block"
        // Text buttons: FullCalendar's arrow icons are images without a text alternative.
        buttonIcons={false}
        buttonText={{ prev: t('maintenance.previous'), next: t('maintenance.next'), today: t('maintenance.today'), month: t('maintenance.month'), list: t('maintenance.agenda') }}
      />
    </div>
  );
}
