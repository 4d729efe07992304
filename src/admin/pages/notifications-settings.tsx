/**
 * Settings → E-mail, for supervisors: where mail goes (mail-delivery.tsx), the messages being retried and
 * those that failed for good, each of the latter with a retry, and the
 * editor of the e-mail templates with a preview on a real ticket. The server checks every template
 * (placeholders, syntax) on preview and on save; this page shows what it answers.
 */
import * as React from 'react';
import {
  Alert,
  Box,
  Button,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Textarea,
  TextInput,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { ColumnHeads } from './column-heads';
import { CapturedMessages, DeliveryBanner, type Delivery } from './mail-delivery';
import { serverError } from './server-error';

interface Message {
  documentId: string;
  event: string;
  recipient: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  ticketNumber: string | null;
}

interface Pagination {
  page: number;
  pageCount: number;
  total: number;
}

interface Template {
  documentId: string;
  event: string;
  language: 'it' | 'en';
  subject: string;
  body: string;
}

interface Preview {
  subject: string;
  text: string;
  html: string;
}

type Notice = { variant: 'success' | 'danger'; text: string } | null;
type FieldErrors = Partial<Record<'subject' | 'body', string>>;

const PAGE_SIZE = 20;
const LANGUAGES = ['it', 'en'] as const;

/** A table cell's text, wrapped at `width` (anywhere, for e-mail addresses and error codes). */
function Wrapped({ width, children }: { width: string; children: React.ReactNode }) {
  return (
    <Box maxWidth={width} style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
      <Typography>{children}</Typography>
    </Box>
  );
}

export default function NotificationsSettingsPage() {
  const { get, post, put } = useFetchClient();
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: `notifications.settings.${id}`, defaultMessage }, values);
  const eventName = (event: string) => formatMessage({ id: `notifications.settings.events.${event}`, defaultMessage: event });
  const when = (value: string) => formatDate(value, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' });

  const [delivery, setDelivery] = React.useState<Delivery | null>(null);
  const [pendingRetry, setPendingRetry] = React.useState<{ messages: Message[]; total: number } | null>(null);
  const [failed, setFailed] = React.useState<{ messages: Message[]; pagination: Pagination } | null>(null);
  const [page, setPage] = React.useState(1);
  const [retrying, setRetrying] = React.useState<string | null>(null);
  const [outboxNotice, setOutboxNotice] = React.useState<Notice>(null);

  const [templates, setTemplates] = React.useState<Template[] | null>(null);
  const [placeholders, setPlaceholders] = React.useState<Record<string, string[]>>({});
  const [event, setEvent] = React.useState<string>('');
  const [language, setLanguage] = React.useState<'it' | 'en'>('it');
  const [draft, setDraft] = React.useState({ subject: '', body: '' });
  const [fieldErrors, setFieldErrors] = React.useState<FieldErrors>({});
  const [editorNotice, setEditorNotice] = React.useState<Notice>(null);
  const [preview, setPreview] = React.useState<Preview | null>(null);
  const [busy, setBusy] = React.useState<'preview' | 'save' | null>(null);
  const [loadError, setLoadError] = React.useState(false);

  const loadFailed = React.useCallback(
    (pageNumber: number) =>
      get<{ data: Message[]; meta: { pagination: Pagination } }>(`/notifications/messages?state=failed&page=${pageNumber}&pageSize=${PAGE_SIZE}`)
        .then(({ data }) => setFailed({ messages: data.data, pagination: data.meta.pagination }))
        .catch(() => setLoadError(true)),
    [get]
  );

  React.useEffect(() => {
    loadFailed(page);
  }, [loadFailed, page]);

  React.useEffect(() => {
    get<{ data: Delivery }>('/notifications/delivery')
      .then(({ data }) => setDelivery(data.data))
      .catch(() => setLoadError(true));
    // Retried messages are few (they leave the list once sent or failed for good): the first hundred.
    get<{ data: Message[]; meta: { pagination: Pagination } }>('/notifications/messages?state=retrying&pageSize=100')
      .then(({ data }) => setPendingRetry({ messages: data.data, total: data.meta.pagination.total }))
      .catch(() => setLoadError(true));
  }, [get]);

  React.useEffect(() => {
    get<{ data: Template[]; meta: { placeholders: Record<string, string[]> } }>('/notifications/templates')
      .then(({ data }) => {
        setTemplates(data.data);
        setPlaceholders(data.meta.placeholders);
        setEvent(Object.keys(data.meta.placeholders)[0] ?? '');
      })
      .catch(() => setLoadError(true));
  }, [get]);

  const current = templates?.find((template) => template.event === event && template.language === language) ?? null;

  // Choosing another event or language loads its stored text into the editor.
  React.useEffect(() => {
    setDraft({ subject: current?.subject ?? '', body: current?.body ?? '' });
    setFieldErrors({});
    setEditorNotice(null);
    setPreview(null);
    // Only when another template is chosen: a save keeps the editor as it is.
  }, [current?.documentId]);

  const retry = async (message: Message) => {
    setRetrying(message.documentId);
    setOutboxNotice(null);
    try {
      await post(`/notifications/messages/${message.documentId}/retry`, {});
      setOutboxNotice({ variant: 'success', text: t('retried', 'Messaggio a {recipient} rimesso in coda: sarà inviato a breve.', { recipient: message.recipient }) });
      await loadFailed(page);
    } catch (error) {
      setOutboxNotice({ variant: 'danger', text: serverError(error).message });
    } finally {
      setRetrying(null);
    }
  };

  /** A 400 that names the subject or the body is shown under that field; anything else above the editor. */
  const showError = (error: unknown) => {
    const { message, field } = serverError(error);
    if (field === 'subject' || field === 'body') setFieldErrors({ [field]: message });
    else setEditorNotice({ variant: 'danger', text: message });
  };

  const runPreview = async () => {
    setBusy('preview');
    setFieldErrors({});
    setEditorNotice(null);
    try {
      const { data } = await post<{ data: Preview }>('/notifications/templates/preview', { event, language, ...draft });
      setPreview(data.data);
    } catch (error) {
      setPreview(null);
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    if (!current) return;
    setBusy('save');
    setFieldErrors({});
    setEditorNotice(null);
    try {
      const { data } = await put<{ data: Template }>(`/notifications/templates/${current.documentId}`, draft);
      setTemplates((list) => (list ?? []).map((template) => (template.documentId === data.data.documentId ? data.data : template)));
      setEditorNotice({ variant: 'success', text: t('saved', 'Modello salvato: le prossime e-mail useranno il nuovo testo.') });
    } catch (error) {
      showError(error);
    } finally {
      setBusy(null);
    }
  };

  if (loadError) return <Page.Error />;
  if (!failed || !templates || !delivery || !pendingRetry) return <Page.Loading />;

  // Failed and retried messages share their first columns; a retried one has a next attempt, a failed one actions.
  const messageColumns = [
    t('date', 'Data'),
    t('event', 'Evento'),
    t('recipient', 'Destinatario'),
    t('subject', 'Oggetto'),
    t('attempts', 'Tentativi'),
    t('lastError', 'Ultimo errore'),
  ];
  const columns = [...messageColumns, t('ticket', 'Ticket'), t('actions', 'Azioni')];
  const retryColumns = [...messageColumns, t('nextAttempt', 'Prossimo tentativo'), t('ticket', 'Ticket')];

  return (
    <Layouts.Root>
      <Page.Title>{t('title', 'E-mail')}</Page.Title>
      <Page.Main>
        <Layouts.Header title={t('title', 'E-mail')} subtitle={t('subtitle', 'Messaggi non recapitati e modelli delle comunicazioni inviate dal servizio')} />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={8}>
            <DeliveryBanner delivery={delivery} />
            {delivery.mode === 'capture' && <CapturedMessages eventName={eventName} when={when} />}
            <Flex tag="section" direction="column" alignItems="stretch" gap={3} aria-labelledby="failed-messages">
              <Typography variant="delta" tag="h2" id="failed-messages">
                {t('failedTitle', 'Messaggi non recapitati')}
              </Typography>
              <Typography tag="p" textColor="neutral600">
                {t('failedHelp', 'E-mail che il servizio non è riuscito a consegnare dopo tutti i tentativi previsti. «Riprova» le rimette in coda così come erano state preparate.')}
              </Typography>
              {pendingRetry.messages.length > 0 && (
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <Typography variant="epsilon" tag="h3" id="retrying-messages">
                    {t('retryingTitle', 'In attesa di un nuovo tentativo ({total})', { total: pendingRetry.total })}
                  </Typography>
                  <Table colCount={retryColumns.length} rowCount={pendingRetry.messages.length + 1} aria-labelledby="retrying-messages">
                    <ColumnHeads columns={retryColumns} />
                    <Tbody>
                      {pendingRetry.messages.map((message) => (
                        <Tr key={message.documentId}>
                          <Td><Typography>{when(message.createdAt)}</Typography></Td>
                          <Td><Wrapped width="140px">{eventName(message.event)}</Wrapped></Td>
                          <Td><Wrapped width="200px">{message.recipient}</Wrapped></Td>
                          <Td><Wrapped width="240px">{message.subject}</Wrapped></Td>
                          <Td><Typography>{message.attempts}</Typography></Td>
                          <Td><Wrapped width="220px">{message.lastError ?? '—'}</Wrapped></Td>
                          <Td><Typography>{message.nextAttemptAt ? when(message.nextAttemptAt) : '—'}</Typography></Td>
                          <Td><Typography>{message.ticketNumber ?? '—'}</Typography></Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                </Flex>
              )}
              {outboxNotice && (
                <Alert variant={outboxNotice.variant} closeLabel={t('close', 'Chiudi')} onClose={() => setOutboxNotice(null)}>
                  {outboxNotice.text}
                </Alert>
              )}
              {failed.messages.length === 0 ? (
                pendingRetry.messages.length === 0 && <Typography tag="p">{t('noUndelivered', 'Nessun messaggio non recapitato né in attesa di un nuovo tentativo.')}</Typography>
              ) : (
                <>
                  {pendingRetry.messages.length > 0 && (
                    <Typography variant="epsilon" tag="h3" id="failed-for-good">
                      {t('failedForGoodTitle', 'Non recapitati dopo tutti i tentativi')}
                    </Typography>
                  )}
                  <Table colCount={columns.length} rowCount={failed.messages.length + 1}>
                    <ColumnHeads columns={columns} />
                    <Tbody>
                      {failed.messages.map((message) => (
                        <Tr key={message.documentId}>
                          <Td><Typography>{when(message.createdAt)}</Typography></Td>
                          {/* Long texts wrap within a bounded width, so that the table stays readable and the retry button near. */}
                          <Td><Wrapped width="140px">{eventName(message.event)}</Wrapped></Td>
                          <Td><Wrapped width="200px">{message.recipient}</Wrapped></Td>
                          <Td><Wrapped width="240px">{message.subject}</Wrapped></Td>
                          <Td><Typography>{message.attempts}</Typography></Td>
                          <Td><Wrapped width="220px">{message.lastError ?? '—'}</Wrapped></Td>
                          <Td><Typography>{message.ticketNumber ?? '—'}</Typography></Td>
                          <Td>
                            <Button size="S" variant="secondary" loading={retrying === message.documentId} disabled={retrying !== null} onClick={() => retry(message)}>
                              {t('retry', 'Riprova')}
                            </Button>
                          </Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                  {failed.pagination.pageCount > 1 && (
                    <Flex gap={3} alignItems="center">
                      <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                        {t('previous', 'Pagina precedente')}
                      </Button>
                      <Typography>{t('pageOf', 'Pagina {page} di {pageCount} ({total} messaggi)', { page, pageCount: failed.pagination.pageCount, total: failed.pagination.total })}</Typography>
                      <Button variant="tertiary" disabled={page >= failed.pagination.pageCount} onClick={() => setPage(page + 1)}>
                        {t('next', 'Pagina successiva')}
                      </Button>
                    </Flex>
                  )}
                </>
              )}
            </Flex>

            <Flex tag="section" direction="column" alignItems="stretch" gap={4} aria-labelledby="templates-editor">
              <Typography variant="delta" tag="h2" id="templates-editor">
                {t('templatesTitle', 'Modelli delle e-mail')}
              </Typography>
              <Flex gap={4} alignItems="flex-start" wrap="wrap">
                <Box minWidth="320px">
                  <Field.Root name="event" id="template-event">
                    <Field.Label>{t('event', 'Evento')}</Field.Label>
                    <SingleSelect value={event} onChange={(value) => setEvent(String(value))}>
                      {Object.keys(placeholders).map((name) => (
                        <SingleSelectOption key={name} value={name}>
                          {eventName(name)}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                </Box>
                <Box minWidth="200px">
                  <Field.Root name="language" id="template-language">
                    <Field.Label>{t('language', 'Lingua')}</Field.Label>
                    <SingleSelect value={language} onChange={(value) => setLanguage(value === 'en' ? 'en' : 'it')}>
                      {LANGUAGES.map((code) => (
                        <SingleSelectOption key={code} value={code}>
                          {code === 'it' ? t('italian', 'Italiano') : t('english', 'Inglese')}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                </Box>
              </Flex>
              {editorNotice && (
                <Alert variant={editorNotice.variant} closeLabel={t('close', 'Chiudi')} onClose={() => setEditorNotice(null)}>
                  {editorNotice.text}
                </Alert>
              )}
              {!current ? (
                <Typography tag="p">{t('noTemplate', 'Nessun modello per questo evento in questa lingua.')}</Typography>
              ) : (
                <>
                  <Field.Root name="subject" id="template-subject" error={fieldErrors.subject} required>
                    <Field.Label>{t('subject', 'Oggetto')}</Field.Label>
                    <TextInput value={draft.subject} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, subject: e.target.value })} />
                    <Field.Error />
                  </Field.Root>
                  <Field.Root name="body" id="template-body" error={fieldErrors.body} required>
                    <Field.Label>{t('body', 'Testo')}</Field.Label>
                    <Textarea value={draft.body} rows={14} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setDraft({ ...draft, body: e.target.value })} />
                    <Field.Error />
                  </Field.Root>
                  <Box>
                    <Typography variant="omega" fontWeight="bold" tag="h3" id="allowed-placeholders">
                      {t('placeholders', 'Segnaposto disponibili')}
                    </Typography>
                    <Typography tag="p" textColor="neutral600">
                      {t('placeholdersHelp', 'Vanno scritti tra doppie graffe, ad esempio {example}. Le sezioni ripetute si aprono con # e si chiudono con /.', { example: '{{ticket.number}}' })}
                    </Typography>
                    <Flex tag="ul" aria-labelledby="allowed-placeholders" paddingTop={2} gap={2} wrap="wrap">
                      {(placeholders[event] ?? []).map((name) => (
                        <Box tag="li" key={name} background="neutral100" paddingLeft={2} paddingRight={2} hasRadius>
                          <Typography tag="code" variant="pi">{`{{${name}}}`}</Typography>
                        </Box>
                      ))}
                    </Flex>
                  </Box>
                  <Flex gap={3}>
                    <Button variant="secondary" loading={busy === 'preview'} disabled={busy !== null} onClick={runPreview}>
                      {t('preview', 'Anteprima')}
                    </Button>
                    <Button loading={busy === 'save'} disabled={busy !== null} onClick={save}>
                      {t('save', 'Salva')}
                    </Button>
                  </Flex>
                  {preview && (
                    <Flex tag="section" direction="column" alignItems="stretch" gap={3} aria-labelledby="template-preview">
                      <Typography variant="delta" tag="h3" id="template-preview">
                        {event.startsWith('maintenance.')
                          ? t('previewTitleMaintenance', "Anteprima sull'ultimo intervento di manutenzione")
                          : t('previewTitle', "Anteprima sull'ultimo ticket registrato")}
                      </Typography>
                      <Typography tag="p">
                        <Typography fontWeight="bold">{t('previewSubject', 'Oggetto:')}</Typography> {preview.subject}
                      </Typography>
                      <iframe
                        title={t('previewHtml', 'Anteprima HTML del messaggio')}
                        sandbox=""
                        srcDoc={preview.html}
                        style={{ width: '100%', height: '360px', border: '1px solid #dcdce4', borderRadius: '4px', background: '#fff' }}
                      />
                      <Typography variant="omega" fontWeight="bold" tag="h4" id="preview-text">
                        {t('previewText', 'Versione solo testo')}
                      </Typography>
                      <Box tag="pre" aria-labelledby="preview-text" background="neutral100" padding={4} hasRadius style={{ whiteSpace: 'pre-wrap' }}>
                        <Typography>{preview.text}</Typography>
                      </Box>
                    </Flex>
                  )}
                </>
              )}
            </Flex>
          </Flex>
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
}
