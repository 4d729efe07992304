import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { useTicket, useTimeline } from '../api/queries';
import { usePortalSettings } from '../api/settings';
import type { Clock, FollowUp, Media, Ticket, TimelineEvent } from '../api/types';
import { postWithProgress } from '../api/upload';
import { SlaBadge, StateBadge } from '../components/badges';
import { perFileProgress } from '../api/upload-progress';
import { FactList } from '../components/fact-list';
import { Field } from '../components/field';
import { FileDrop } from '../components/file-drop';
import { MailBody } from '../components/mail-body';
import { ErrorMessage, Loading } from '../components/status-messages';
import { formatDateTime, type Language } from '../format/dates';
import type { LiveTicketEvent } from '../live/live-updates';
import { NotFoundPage } from './not-found-page';

/** Everything public about one request, kept up to date by the live stream while the page is open. */
export function RequestDetailPage() {
  const { documentId = '' } = useParams();
  const { t } = useTranslation();
  const ticket = useTicket(documentId);
  const timeline = useTimeline(documentId);
  const settings = usePortalSettings();
  const [announcement, setAnnouncement] = useState('');

  // Tells screen-reader users that the page changed under them (the live stream refreshed it).
  useEffect(() => {
    const listener = (event: Event) => {
      if ((event as CustomEvent<LiveTicketEvent>).detail.ticketDocumentId === documentId) setAnnouncement(t('detail.updated'));
    };
    window.addEventListener('spoc:ticket-event', listener);
    return () => window.removeEventListener('spoc:ticket-event', listener);
  }, [documentId, t]);

  if (ticket.isPending) return <Loading label={t('app.loading')} />;
  if (ticket.isError) {
    if (ticket.error instanceof ApiError && ticket.error.status === 404) return <NotFoundPage />;
    return <ErrorMessage error={ticket.error} onRetry={() => void ticket.refetch()} />;
  }
  const data = ticket.data;

  return (
    <article className="ticket-detail" aria-labelledby="ticket-title">
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <p className="ticket-number">{data.number}</p>
      <h1 id="ticket-title">{data.title}</h1>
      <p>
        <StateBadge state={data.state} />
      </p>
      {data.state === 'suspended' && data.suspensionReason && <p className="alert alert-warning">{t('detail.suspended', { reason: data.suspensionReason })}</p>}
      {data.state === 'cancelled' && data.cancellationReason && <p className="alert alert-info">{t('detail.cancelled', { reason: data.cancellationReason })}</p>}
      {data.state === 'restored' && <SolvedAnswer ticket={data} />}
      <div className="detail-grid">
        <Facts ticket={data} />
        <SlaClocks ticket={data} />
      </div>
      {(data.descriptionHtml || data.description) && (
        <section aria-labelledby="description-heading">
          <h2 id="description-heading">{t('detail.description')}</h2>
          <MailBody html={data.descriptionHtml} text={data.description} />
        </section>
      )}
      {data.resolution && (
        <section aria-labelledby="resolution-heading">
          <h2 id="resolution-heading">{t('detail.resolution')}</h2>
          <p className="prewrap">{data.resolution}</p>
        </section>
      )}
      {data.attachments && data.attachments.length > 0 && (
        <section aria-labelledby="attachments-heading">
          <h2 id="attachments-heading">{t('detail.attachments')}</h2>
          <AttachmentList files={data.attachments} />
        </section>
      )}
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('detail.timeline')}</h2>
        {timeline.isPending && <Loading label={t('app.loading')} />}
        {timeline.isError && <ErrorMessage error={timeline.error} onRetry={() => void timeline.refetch()} />}
        {timeline.data && <Timeline events={timeline.data} followUps={data.followUps ?? []} />}
      </section>
      {settings.data &&
        (settings.data.openForRequester.includes(data.state) ? <FollowUpForm ticket={data} /> : <p className="alert alert-info">{t('detail.followUpClosed')}</p>)}
    </article>
  );
}

function Facts({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const rows: Array<[string, string]> = [
    [t('detail.number'), ticket.number],
    [t('detail.priority'), t(`priority.${ticket.priority}`)],
    [t('detail.kind'), t(`kind.${ticket.kind}`)],
    [t('detail.category'), ticket.category?.name ?? '—'],
    [t('detail.service'), ticket.affectedService ?? '—'],
    [t('detail.channel'), t(`channel.${ticket.channel}`)],
    [t('detail.reportedAt'), formatDateTime(ticket.reportedAt, language)],
    [t('detail.takenInChargeAt'), formatDateTime(ticket.takenInChargeAt, language)],
    [t('detail.restoredAt'), formatDateTime(ticket.restoredAt, language)],
    [t('detail.closedAt'), formatDateTime(ticket.closedAt, language)],
  ];
  return (
    <section aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t('detail.facts')}</h2>
      <FactList className="facts" rows={rows} />
    </section>
  );
}

function SlaClocks({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  if (!ticket.sla) return null;
  const clocks: Array<[string, Clock]> = [
    [t('sla.takeCharge'), ticket.sla.takeCharge],
    [t('sla.restore'), ticket.sla.restore],
  ];
  return (
    <section aria-labelledby="sla-heading">
      <h2 id="sla-heading">{t('detail.sla')}</h2>
      <p className="hint">{t('sla.policy', { policy: ticket.sla.policy })}</p>
      <FactList
        className="facts"
        rows={clocks.map(([label, clock]) => [
          label,
          <>
            <SlaBadge clock={clock} />
            <br />
            {t('sla.due')}: {formatDateTime(clock.dueAt, language)}
          </>,
        ])}
      />
    </section>
  );
}

function AttachmentList({ files }: { files: Media[] }) {
  return (
    <ul className="attachments">
      {files.map((file) => (
        <li key={file.documentId}>
          <a href={file.url} target="_blank" rel="noopener noreferrer">
            {file.name}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The public timeline, with each follow-up's text and files where the event names it. */
function Timeline({ events, followUps }: { events: TimelineEvent[]; followUps: FollowUp[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const byDocumentId = new Map(followUps.map((followUp) => [followUp.documentId, followUp]));
  if (events.length === 0) return <p>{t('detail.noEvents')}</p>;
  return (
    <ol className="timeline">
      {events.map((event) => {
        const data = event.data ?? {};
        const followUp = typeof data.followUp === 'string' ? byDocumentId.get(data.followUp) : undefined;
        const label = t(`event.${event.type}`, { defaultValue: t('event.other', { type: event.type }), recipient: String(data.recipient ?? '') });
        return (
          <li key={event.documentId} className={`timeline-item event-${event.type.replace(/\./g, '-')}`}>
            <p className="timeline-head">
              <span className="timeline-title">{label}</span>{' '}
              <time dateTime={event.at}>{formatDateTime(event.at, language)}</time>
              {event.actorName && <span className="hint"> — {t('detail.from', { name: event.actorName })}</span>}
            </p>
            {typeof data.reason === 'string' && data.reason && <p className="prewrap">{data.reason}</p>}
            {typeof data.resolution === 'string' && data.resolution && <p className="prewrap">{data.resolution}</p>}
            {followUp && (
              <div className="follow-up">
                <MailBody html={followUp.bodyHtml} text={followUp.body} />
                {followUp.attachments && followUp.attachments.length > 0 && <AttachmentList files={followUp.attachments} />}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function FollowUpForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const limits = usePortalSettings().data?.attachments;
  const queries = useQueryClient();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const form = new FormData();
    form.append('data', JSON.stringify({ ticket: ticket.documentId, body }));
    for (const file of files) form.append('files', file, file.name);
    setMessage(null);
    setProgress(files.map(() => 0));
    try {
      await postWithProgress('/api/follow-ups', form, (fraction) => setProgress(perFileProgress(files, fraction)));
      setBody('');
      setFiles([]);
      setMessage({ kind: 'success', text: t('detail.followUpSent') });
      await queries.invalidateQueries({ queryKey: ['ticket', ticket.documentId] });
    } catch (caught) {
      setMessage({ kind: 'error', text: (caught as Error).message });
    } finally {
      setProgress(null);
    }
  };

  return (
    <section aria-labelledby="follow-up-heading" className="follow-up-form">
      <h2 id="follow-up-heading">{t('detail.followUp')}</h2>
      <p className="hint">{t('detail.followUpHint')}</p>
      <form onSubmit={submit}>
        <Field id="follow-up-body" label={t('detail.followUpBody')}>
          {(control) => <textarea {...control} rows={4} required value={body} onChange={(e) => setBody(e.target.value)} />}
        </Field>
        {limits && (
          <Field id="follow-up-files" label={t('form.attachments')}>
            {(control) => <FileDrop id={control.id} files={files} onChange={setFiles} limits={limits} progress={progress} disabled={progress !== null} />}
          </Field>
        )}
        {message && (
          <p className={`alert alert-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={progress !== null || !body.trim()}>
          {t('detail.followUpSend')}
        </button>
      </form>
    </section>
  );
}

/** The requester's answer once the service is restored: solved closes the request, not solved reopens it. */
function SolvedAnswer({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [explaining, setExplaining] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const answer = async (action: 'close' | 'reopen') => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/tickets/${encodeURIComponent(ticket.documentId)}/${action}`, {
        method: 'POST',
        json: { data: action === 'reopen' ? { reason } : {} },
      });
      await queries.invalidateQueries({ queryKey: ['ticket', ticket.documentId] });
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const reopen = (event: FormEvent) => {
    event.preventDefault();
    void answer('reopen');
  };

  return (
    <section className="solved-answer" aria-labelledby="solved-heading">
      <h2 id="solved-heading">{t('detail.solvedQuestion')}</h2>
      <p>{t('detail.solvedHint')}</p>
      {!explaining ? (
        <p className="actions">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void answer('close')}>
            {t('detail.solved')}
          </button>
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => setExplaining(true)}>
            {t('detail.notSolved')}
          </button>
        </p>
      ) : (
        <form onSubmit={reopen}>
          <Field id="not-solved-reason" label={t('detail.notSolvedReason')}>
            {(control) => <textarea {...control} rows={3} required value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />}
          </Field>
          <button type="submit" className="button button-primary" disabled={busy || !reason.trim()}>
            {t('detail.notSolved')}
          </button>
        </form>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
