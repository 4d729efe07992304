/**
 * Where the service's e-mail goes, on Settings → E-mail: a banner for the delivery mode (an error when
 * production has no SMTP server), and in development without SMTP the messages captured as .eml files,
 * each with a preview and a download. The preview's HTML is rendered inert, in a sandbox with no scripts.
 */
import * as React from 'react';
import { Alert, Box, Button, Flex, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { ColumnHeads } from './column-heads';
import { serverError } from './server-error';
import { MailPreview, saveBlob } from '../../plugins/spoc-console/admin/src/components/mail-preview';

export type Delivery =
  | { mode: 'smtp'; host: string; port: number; secure: boolean; user: string | null; waiting: number }
  | { mode: 'capture'; directory: string; waiting: number }
  | { mode: 'missing'; waiting: number };

interface Captured {
  name: string;
  to: string;
  subject: string;
  event: string | null;
  date: string | null;
}

interface CapturedPreview extends Captured {
  from: string;
  text: string;
  html: string | null;
}

/** A banner that stays: the design system's Alert always has a close button, and this must not be dismissed. */
function Banner({ tone, title, children }: { tone: 'danger' | 'warning'; title: string; children: React.ReactNode }) {
  return (
    <Box role={tone === 'danger' ? 'alert' : 'status'} background={`${tone}100`} borderColor={`${tone}600`} hasRadius padding={5}>
      <Typography tag="p" fontWeight="bold" textColor="neutral800">
        {title}
      </Typography>
      <Typography tag="p" textColor="neutral800">
        {children}
      </Typography>
    </Box>
  );
}

/** The state of mail delivery in one banner: the error that matters in production, a notice in development. */
export function DeliveryBanner({ delivery }: { delivery: Delivery }) {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: `notifications.settings.delivery.${id}`, defaultMessage }, values);
  if (delivery.mode === 'missing') {
    return (
      <Banner tone="danger" title={t('missingTitle', 'E-mail non configurata: nessun messaggio viene consegnato')}>
        {t(
          'missing',
          'Il server SMTP non è impostato (SMTP_HOST). {waiting} messaggi restano in coda e saranno inviati quando SMTP_HOST sarà impostato e il servizio riavviato.',
          { waiting: delivery.waiting }
        )}
      </Banner>
    );
  }
  if (delivery.mode === 'capture') {
    return (
      <Banner tone="warning" title={t('captureTitle', 'E-mail trattenute (ambiente di sviluppo)')}>
        {t('capture', 'Nessun server SMTP impostato: le e-mail non vengono inviate, ma salvate come file .eml in {directory} ed elencate qui sotto.', { directory: delivery.directory })}
      </Banner>
    );
  }
  return (
    <Typography tag="p" textColor="neutral600">
      {t('smtp', 'Le e-mail sono inviate tramite il server SMTP {server}.', { server: `${delivery.host}:${delivery.port}` })}
    </Typography>
  );
}

/** The captured messages, newest first, and the one opened for preview. */
export function CapturedMessages({ eventName, when }: { eventName: (event: string) => string; when: (value: string) => string }) {
  const { get } = useFetchClient();
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: `notifications.settings.captured.${id}`, defaultMessage }, values);
  const [list, setList] = React.useState<{ messages: Captured[]; total: number } | null>(null);
  const [open, setOpen] = React.useState<CapturedPreview | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    get<{ data: Captured[]; meta: { total: number } }>('/notifications/captured')
      .then(({ data }) => setList({ messages: data.data, total: data.meta.total }))
      .catch((failure) => setError(serverError(failure).message));
  }, [get]);

  const preview = async (name: string) => {
    setError(null);
    try {
      const { data } = await get<{ data: CapturedPreview }>(`/notifications/captured/${encodeURIComponent(name)}`);
      setOpen(data.data);
    } catch (failure) {
      setError(serverError(failure).message);
    }
  };

  // The .eml comes through the authenticated client; the browser saves it, it never renders it.
  const download = async (name: string) => {
    setError(null);
    try {
      const { data } = await get<Blob>(`/notifications/captured/${encodeURIComponent(name)}/raw`, { responseType: 'blob' });
      saveBlob(data, name);
    } catch (failure) {
      setError(serverError(failure).message);
    }
  };

  const columns = [t('date', 'Data'), t('recipient', 'Destinatario'), t('subject', 'Oggetto'), t('template', 'Modello'), t('actions', 'Azioni')];

  return (
    <Flex tag="section" direction="column" alignItems="stretch" gap={3} aria-labelledby="captured-messages">
      <Typography variant="delta" tag="h2" id="captured-messages">
        {t('title', 'Messaggi trattenuti')}
      </Typography>
      {error && (
        <Alert variant="danger" closeLabel={t('close', 'Chiudi')} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {!list ? null : list.messages.length === 0 ? (
        <Typography tag="p">{t('none', 'Nessun messaggio trattenuto.')}</Typography>
      ) : (
        <>
          {list.total > list.messages.length && (
            <Typography tag="p" textColor="neutral600">
              {t('newest', 'I {shown} più recenti di {total}.', { shown: list.messages.length, total: list.total })}
            </Typography>
          )}
          <Table colCount={columns.length} rowCount={list.messages.length + 1}>
            <ColumnHeads columns={columns} />
            <Tbody>
              {list.messages.map((message) => (
                <Tr key={message.name} aria-selected={open?.name === message.name}>
                  <Td><Typography>{message.date ? when(message.date) : '—'}</Typography></Td>
                  <Td><Box maxWidth="200px" style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}><Typography>{message.to}</Typography></Box></Td>
                  <Td><Box maxWidth="320px" style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}><Typography>{message.subject}</Typography></Box></Td>
                  <Td><Typography>{message.event ? eventName(message.event) : '—'}</Typography></Td>
                  <Td>
                    <Flex gap={2}>
                      <Button size="S" variant="secondary" onClick={() => preview(message.name)} aria-label={t('previewOf', 'Anteprima di {subject}', { subject: message.subject })}>
                        {t('preview', 'Anteprima')}
                      </Button>
                      <Button size="S" variant="tertiary" onClick={() => download(message.name)} aria-label={t('downloadOf', 'Scarica .eml di {subject}', { subject: message.subject })}>
                        {t('download', 'Scarica .eml')}
                      </Button>
                    </Flex>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        </>
      )}
      {open && (
        <Flex tag="section" direction="column" alignItems="stretch" gap={2} aria-labelledby="captured-preview">
          <Typography variant="epsilon" tag="h3" id="captured-preview">
            {t('previewTitle', 'Messaggio trattenuto: {subject}', { subject: open.subject })}
          </Typography>
          <Typography tag="p">{t('fromTo', 'Da {from} a {to}', { from: open.from, to: open.to })}</Typography>
          <MailPreview html={open.html} text={open.text} title={t('previewHtml', 'Anteprima del messaggio trattenuto')} />
        </Flex>
      )}
    </Flex>
  );
}
