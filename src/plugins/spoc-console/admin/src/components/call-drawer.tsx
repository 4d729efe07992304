/**
 * The call pop-up ("Chiamata in corso"): shown on every page of the panel while a call waits on the signed-in
 * operator (reported by the PBX naming them, or answered with "Chiamata in corso"). Who is calling as known
 * from the number, their open tickets and the last five closed, the running time; the call becomes a new
 * ticket (the console's form, prefilled), an update of an open ticket, or nothing.
 */
import * as React from 'react';
import { createPortal } from 'react-dom';
import { Badge, Box, Button, Field, Flex, IconButton, Link, TextInput, Textarea, Typography } from '@strapi/design-system';
import { ChevronDown, ChevronUp, Phone } from '@strapi/icons';
import { useFetchClient } from '@strapi/strapi/admin';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { refreshDeskStatus, useDeskStatus } from '../hooks/use-desk-status';
import { useNow } from '../hooks/use-now';
import { useEnumWord, useT } from '../messages';
import { newTicketPath, ticketPath } from '../paths';
import { callDurationMs, timerText } from '../rules/desk-rules';
import { telHref } from '../rules/console-ui-rules';
import type { CallDetail, DeskCall, DeskTicket } from '../types';
import { apiProblem } from './errors';

/** The pop-up, in a portal over the panel, for the newest waiting call (a count says when more wait). */
export function CallDrawer() {
  const status = useDeskStatus();
  const calls = status?.calls ?? [];
  const call = calls[calls.length - 1];
  if (!call) return null;
  return createPortal(
    <EventBoundary>
      <CallPanel key={call.documentId} call={call} waiting={calls.length} />
    </EventBoundary>,
    document.body
  );
}

/**
 * React sends a portal's events up its component tree, not the DOM's: the pop-up lives under the menu's link
 * (console-menu-icon.tsx), so a click in it would follow that link and a pointer over it would open the link's
 * tooltip. They stop here.
 */
const stop = (event: React.SyntheticEvent) => event.stopPropagation();
const BOUNDARY_EVENTS = ['onClick', 'onDoubleClick', 'onMouseDown', 'onMouseUp', 'onPointerDown', 'onPointerUp', 'onPointerMove', 'onKeyDown', 'onKeyUp', 'onFocus', 'onBlur', 'onTouchStart', 'onTouchEnd'] as const;
const boundaryHandlers = Object.fromEntries(BOUNDARY_EVENTS.map((name) => [name, stop]));

function EventBoundary({ children }: { children: React.ReactNode }) {
  return <div {...boundaryHandlers}>{children}</div>;
}

function CallPanel({ call, waiting }: { call: DeskCall; waiting: number }) {
  const t = useT();
  const word = useEnumWord();
  const { formatDate } = useIntl();
  const { get, post, put } = useFetchClient();
  const navigate = useNavigate();
  const location = useLocation();
  const now = useNow();
  const [detail, setDetail] = React.useState<CallDetail | null>(null);
  const [minimized, setMinimized] = React.useState(false);
  const [number, setNumber] = React.useState('');
  const [target, setTarget] = React.useState('');
  const [note, setNote] = React.useState('');
  const [problem, setProblem] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const headingId = `call-${call.documentId}`;
  // The form registering this very call says so itself: the pop-up would only hide the form's buttons.
  const onItsForm = location.pathname.endsWith(newTicketPath()) && new URLSearchParams(location.search).get('call') === call.documentId;
  const small = minimized;

  const load = React.useCallback(() => {
    get<{ data: CallDetail }>(`/spoc-console/calls/${call.documentId}`)
      .then(({ data }) => setDetail(data.data))
      .catch((error) => setProblem(apiProblem(error).message));
  }, [get, call.documentId, call.callerNumber]);
  React.useEffect(load, [load]);

  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await run();
      refreshDeskStatus();
    } catch (error) {
      setProblem(apiProblem(error).message);
    } finally {
      setBusy(false);
    }
  };
  const saveNumber = () => act(() => put(`/spoc-console/calls/${call.documentId}`, { callerNumber: number.trim() }));
  const hangUp = () => act(() => put(`/spoc-console/calls/${call.documentId}`, { ended: true }));
  const dismiss = () => act(() => post(`/spoc-console/calls/${call.documentId}/dismiss`, {}));
  const attach = () => act(() => post(`/spoc-console/calls/${call.documentId}/attach`, { ticket: target.trim(), ...(note.trim() ? { note: note.trim() } : {}) }));
  const register = () => navigate(`${newTicketPath()}?call=${encodeURIComponent(call.documentId)}`);

  const caller = detail?.caller;
  const who = detail ? (caller?.requesterName ?? t('call.unknownCaller')) : t('common.loading');
  const timer = timerText(callDurationMs(call, now));
  const when = (iso: string | null) => (iso ? formatDate(iso, { dateStyle: 'short', timeZone: 'Europe/Rome' }) : '');
  if (onItsForm) return null;

  return (
    <Box
      role="dialog"
      aria-labelledby={headingId}
      data-call={call.documentId}
      position="fixed"
      background="neutral0"
      shadow="popupShadow"
      hasRadius
      borderColor="primary200"
      borderStyle="solid"
      borderWidth="1px"
      padding={small ? 3 : 5}
      style={{ right: 24, bottom: 24, zIndex: 3, width: small ? 360 : 440, maxHeight: 'calc(100vh - 48px)', overflowY: 'auto' }}
    >
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Flex justifyContent="space-between" alignItems="center" gap={2}>
          <Flex gap={2} alignItems="center">
            <Phone aria-hidden />
            <Typography id={headingId} variant="delta" tag="h2">
              {call.endedAt ? t('call.ended') : t('call.title')}
            </Typography>
            <Typography variant="omega" fontWeight="bold" aria-label={t('call.timer')} data-call-timer>
              {timer}
            </Typography>
          </Flex>
          <Flex gap={1} alignItems="center">
            {waiting > 1 && <Badge>{t('call.waiting', { count: waiting })}</Badge>}
            <IconButton label={minimized ? t('call.expand') : t('call.minimize')} onClick={() => setMinimized(!minimized)} variant="ghost">
              {minimized ? <ChevronUp /> : <ChevronDown />}
            </IconButton>
          </Flex>
        </Flex>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          <Typography fontWeight="bold" data-caller-name>
            {who}
          </Typography>
          {caller?.organization && <Typography textColor="neutral700">{caller.organization.name}</Typography>}
          {call.callerNumber ? (
            <Link href={telHref(call.callerNumber)}>{call.callerNumber}</Link>
          ) : (
            <Typography textColor="neutral600">{t('call.noNumber')}</Typography>
          )}
          <Typography variant="pi" textColor="neutral600">
            {t('call.startedAt', { time: formatDate(call.startedAt, { timeStyle: 'medium', timeZone: 'Europe/Rome' }) })}
          </Typography>
        </Flex>
        {!small && (
          <>
            {!call.callerNumber && (
              <Flex gap={2} alignItems="flex-end">
                <Field.Root name="callerNumber" style={{ flex: 1 }}>
                  <Field.Label>{t('call.number')}</Field.Label>
                  <TextInput type="tel" value={number} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setNumber(event.target.value)} />
                </Field.Root>
                <Button variant="secondary" disabled={!number.trim() || busy} onClick={saveNumber}>
                  {t('call.saveNumber')}
                </Button>
              </Flex>
            )}
            <TicketList title={t('call.openTickets')} tickets={detail?.openTickets ?? null} empty={t('call.noOpenTickets')} word={word} when={when} onPick={(ticket) => setTarget(ticket.number)} pickLabel={t('call.pick')} />
            <TicketList title={t('call.closedTickets')} tickets={detail?.closedTickets ?? null} empty={t('call.noClosedTickets')} word={word} when={when} />
            <Flex direction="column" alignItems="stretch" gap={2} tag="form" onSubmit={(event: React.FormEvent) => (event.preventDefault(), void attach())}>
              <Field.Root name="ticket" hint={t('call.attachHint')}>
                <Field.Label>{t('call.attachTo')}</Field.Label>
                <TextInput placeholder="HD-…" value={target} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setTarget(event.target.value)} />
                <Field.Hint />
              </Field.Root>
              {target.trim() && (
                <Field.Root name="note">
                  <Field.Label>{t('call.note')}</Field.Label>
                  <Textarea value={note} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setNote(event.target.value)} />
                </Field.Root>
              )}
              {target.trim() && (
                <Button type="submit" variant="secondary" loading={busy}>
                  {t('call.attach', { number: target.trim().toUpperCase() })}
                </Button>
              )}
            </Flex>
          </>
        )}
        {problem && (
          <Typography textColor="danger600" role="alert">
            {problem}
          </Typography>
        )}
        <Flex gap={2} wrap="wrap">
          <Button onClick={register} disabled={busy}>
            {t('call.register')}
          </Button>
          {!small && (
            <>
              {!call.endedAt && (
                <Button variant="tertiary" onClick={hangUp} disabled={busy}>
                  {t('call.hangUp')}
                </Button>
              )}
              <Button variant="tertiary" onClick={dismiss} disabled={busy}>
                {t('call.dismiss')}
              </Button>
            </>
          )}
        </Flex>
      </Flex>
    </Box>
  );
}

function TicketList({
  title,
  tickets,
  empty,
  word,
  when,
  onPick,
  pickLabel,
}: {
  title: string;
  tickets: DeskTicket[] | null;
  empty: string;
  word: (value: string) => string;
  when: (iso: string | null) => string;
  onPick?: (ticket: DeskTicket) => void;
  pickLabel?: string;
}) {
  return (
    <Flex direction="column" alignItems="stretch" gap={1} tag="section" aria-label={title}>
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        {title}
      </Typography>
      {tickets && tickets.length === 0 && <Typography textColor="neutral600">{empty}</Typography>}
      {(tickets ?? []).map((ticket) => (
        <Flex key={ticket.documentId} gap={2} alignItems="center" justifyContent="space-between">
          <Flex direction="column" alignItems="flex-start">
            <Link tag={RouterLink} to={ticketPath(ticket.documentId)}>
              {ticket.number}
            </Link>
            <Typography variant="pi" textColor="neutral700">
              {`${ticket.title} · ${word(ticket.state)} · ${word(ticket.priority)} · ${when(ticket.closedAt ?? ticket.reportedAt)}`}
            </Typography>
          </Flex>
          {onPick && pickLabel && (
            <Button size="S" variant="ghost" onClick={() => onPick(ticket)} aria-label={`${pickLabel} ${ticket.number}`}>
              {pickLabel}
            </Button>
          )}
        </Flex>
      ))}
    </Flex>
  );
}
