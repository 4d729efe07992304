import { useQuery } from '@tanstack/react-query';
import { DateTime } from 'luxon';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, download } from '../api/client';
import type { Channel, Priority } from '../api/types';
import { useSession } from '../auth/session';
import { FactList } from '../components/fact-list';
import { Field } from '../components/field';
import { ScrollTable } from '../components/scroll-table';
import { ErrorMessage, Loading } from '../components/status-messages';
import { formatDate, formatDateTime, romeDay, TIME_ZONE, type Language } from '../format/dates';
import { formatPercent } from '../format/numbers';

interface MaintenanceItem {
  documentId: string;
  title: string;
  type: string;
  state: string;
  scheduledStart: string | null;
  scheduledEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  outcome: string | null;
}

/** GET /api/portal/reports/activity: the organization's period in numbers. */
interface ActivityReport {
  period: { from: string; to: string; timeZone: string };
  tickets: {
    opened: number;
    takenInCharge: number;
    restored: number;
    closed: number;
    cancelled: number;
    open: number;
    byChannel: Partial<Record<Channel, number>>;
    byPriority: Partial<Record<Priority, number>>;
  };
  resolutions: Array<{ documentId: string; number: string; title: string; priority: string; restoredAt: string | null; closedAt: string | null; resolution: string | null }>;
  maintenance: { planned: MaintenanceItem[]; inProgress: MaintenanceItem[]; completed: MaintenanceItem[] };
  monthly: Array<{ month: string; priority: string; tickets: number; takeChargeMetPercent: number | null; restoreMetPercent: number | null }>;
}

const PRIORITY_COLOURS: Record<string, string> = { P1: '#a61b1b', P2: '#b35900', P3: '#0b5c8a', P4: '#3b6b1f' };

function defaultPeriod() {
  const today = DateTime.now().setZone(TIME_ZONE);
  return { from: today.minus({ months: 2 }).startOf('month').toISODate()!, to: romeDay(new Date()) };
}

/** For the referent: activities, solutions and maintenance of a period, SLA compliance per month, and the downloads. */
export default function ReportsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const period = { from: params.get('from') ?? defaultPeriod().from, to: params.get('to') ?? defaultPeriod().to };
  const [draft, setDraft] = useState(period);
  const [downloading, setDownloading] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const report = useQuery({
    queryKey: ['report', period.from, period.to],
    queryFn: ({ signal }) =>
      api<{ data: ActivityReport }>(`/api/portal/reports/activity?from=${period.from}&to=${period.to}`, { signal }).then((r) => r.data),
    enabled: me.role === 'Referente',
  });

  if (me.role !== 'Referente') return <p className="alert alert-info">{t('reports.referentOnly')}</p>;

  const show = (event: FormEvent) => {
    event.preventDefault();
    setParams({ from: draft.from, to: draft.to });
  };

  const fetchFile = async (format: 'csv' | 'xlsx' | 'pdf') => {
    setDownloading(format);
    setDownloadError(null);
    try {
      await download(`/api/sla/report?format=${format}&from=${period.from}&to=${period.to}`, `report-sla-${period.from}_${period.to}.${format}`);
    } catch (caught) {
      setDownloadError((caught as Error).message);
    } finally {
      setDownloading(null);
    }
  };

  return (
    <>
      <h1>{t('reports.title')}</h1>
      <p>{t('reports.intro')}</p>
      <form className="filters" onSubmit={show} aria-label={t('reports.period')}>
        <Field id="report-from" label={t('reports.from')}>
          {(control) => <input {...control} type="date" required value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
        </Field>
        <Field id="report-to" label={t('reports.to')}>
          {(control) => <input {...control} type="date" required value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
        </Field>
        <div className="filter-actions">
          <button type="submit" className="button button-primary">
            {t('reports.show')}
          </button>
        </div>
      </form>

      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">{t('reports.downloads')}</h2>
        <p className="actions">
          {(['csv', 'xlsx', 'pdf'] as const).map((format) => (
            <button key={format} type="button" className="button button-secondary" disabled={downloading !== null} onClick={() => void fetchFile(format)}>
              {t(`reports.${format}`)}
            </button>
          ))}
        </p>
        {downloading && (
          <p role="status" className="hint">
            {t('reports.downloading')}
          </p>
        )}
        {downloadError && (
          <p className="alert alert-error" role="alert">
            {downloadError}
          </p>
        )}
      </section>

      {report.isPending && <Loading label={t('app.loading')} />}
      {report.isError && <ErrorMessage error={report.error} onRetry={() => void report.refetch()} />}
      {report.data && (
        <>
          <Activity report={report.data} />
          <Compliance report={report.data} />
          <section aria-labelledby="resolutions-heading">
            <h2 id="resolutions-heading">{t('reports.resolutions')}</h2>
            {report.data.resolutions.length === 0 ? (
              <p className="empty">{t('reports.noResolutions')}</p>
            ) : (
              <ScrollTable
                label={t('reports.resolutions')}
                columns={[t('list.number'), t('list.title'), t('list.priority'), t('detail.restoredAt'), t('detail.resolution')]}
              >
                {report.data.resolutions.map((row) => (
                  <tr key={row.documentId}>
                    <td>{row.number}</td>
                    <td>{row.title}</td>
                    <td>{row.priority}</td>
                    <td>{formatDateTime(row.restoredAt, language)}</td>
                    <td className="prewrap">{row.resolution ?? '—'}</td>
                  </tr>
                ))}
              </ScrollTable>
            )}
          </section>
          <section aria-labelledby="report-maintenance-heading">
            <h2 id="report-maintenance-heading">{t('reports.maintenance')}</h2>
            {(
              [
                ['planned', report.data.maintenance.planned],
                ['in_progress', report.data.maintenance.inProgress],
                ['completed', report.data.maintenance.completed],
              ] as const
            ).map(([state, items]) => (
              <div key={state}>
                <h3>
                  {t(`maintenance.${state}`)} ({items.length})
                </h3>
                {items.length > 0 && (
                  <ul>
                    {items.map((item) => (
                      <li key={item.documentId}>
                        {item.title} — {formatDate(item.actualStart ?? item.scheduledStart, language)}
                        {item.outcome ? `: ${item.outcome}` : ''}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </section>
        </>
      )}
    </>
  );
}

function Activity({ report }: { report: ActivityReport }) {
  const { t } = useTranslation();
  const figures: Array<[string, ReactNode]> = [
    [t('reports.opened'), report.tickets.opened],
    [t('reports.takenInCharge'), report.tickets.takenInCharge],
    [t('reports.restored'), report.tickets.restored],
    [t('reports.closed'), report.tickets.closed],
    [t('reports.cancelled'), report.tickets.cancelled],
    [t('reports.open'), report.tickets.open],
  ];
  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading">{t('reports.activity')}</h2>
      <FactList className="figures" rows={figures} />
      <div className="detail-grid">
        <CountTable caption={t('reports.byChannel')} counts={report.tickets.byChannel} label={(key) => t(`channel.${key}`)} />
        <CountTable caption={t('reports.byPriority')} counts={report.tickets.byPriority} label={(key) => t(`priority.${key}`)} />
      </div>
    </section>
  );
}

function CountTable<K extends string>({ caption, counts, label }: { caption: string; counts: Partial<Record<K, number>>; label: (key: K) => string }) {
  const { t } = useTranslation();
  return (
    <table className="data-table compact">
      <caption>{caption}</caption>
      <tbody>
        {(Object.entries(counts) as Array<[K, number]>).map(([key, value]) => (
          <tr key={key}>
            <th scope="row">{label(key)}</th>
            <td>
              {value} <span className="visually-hidden">{t('reports.tickets')}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The chart for the eye, and the same numbers as a table for everyone (screen readers included). */
function Compliance({ report }: { report: ActivityReport }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const months = [...new Set(report.monthly.map((row) => row.month))].sort();
  const priorities = [...new Set(report.monthly.map((row) => row.priority))].sort();
  const chartData = months.map((month) => ({
    month,
    ...Object.fromEntries(priorities.map((priority) => [priority, report.monthly.find((row) => row.month === month && row.priority === priority)?.restoreMetPercent ?? null])),
  }));
  const percent = (value: number | null) => formatPercent(value, language);
  return (
    <section aria-labelledby="compliance-heading">
      <h2 id="compliance-heading">{t('reports.compliance')}</h2>
      <figure className="chart" aria-labelledby="chart-caption">
        <figcaption id="chart-caption">{t('reports.chartTitle')}</figcaption>
        <div aria-hidden="true" style={{ width: '100%', height: 280 }}>
          <ResponsiveContainer>
            <BarChart data={chartData}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="month" />
              <YAxis domain={[0, 100]} unit="%" />
              <Tooltip />
              <Legend />
              {priorities.map((priority) => (
                <Bar key={priority} dataKey={priority} fill={PRIORITY_COLOURS[priority] ?? '#555'}>
                  {/* The value over each bar: a 0% bar has no height, and a month of such bars looked like an empty chart. */}
                  <LabelList dataKey={priority} position="top" formatter={(value: unknown) => (typeof value === 'number' ? percent(value) : '')} />
                </Bar>
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <ScrollTable
        label={t('reports.compliance')}
        columns={[t('reports.month'), t('list.priority'), t('reports.tickets'), t('reports.takeChargeMet'), t('reports.restoreMet')]}
      >
        {report.monthly.map((row) => (
          <tr key={`${row.month}-${row.priority}`}>
            <td>{row.month}</td>
            <td>{row.priority}</td>
            <td>{row.tickets}</td>
            <td>{percent(row.takeChargeMetPercent)}</td>
            <td>{percent(row.restoreMetPercent)}</td>
          </tr>
        ))}
      </ScrollTable>
    </section>
  );
}
