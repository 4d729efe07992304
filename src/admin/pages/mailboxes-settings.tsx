/**
 * Settings → Caselle e-mail, for supervisors: the IMAP mailboxes whose mail becomes tickets, with how
 * their reading goes (last reading, last error), and a form to add or change one, test its connection,
 * enable, disable or delete it. The server never sends a password back: the form leaves it empty, and an
 * empty password on save keeps the stored one.
 */
import * as React from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Dialog,
  Field,
  Flex,
  Grid,
  Modal,
  NumberInput,
  Table,
  Tbody,
  Td,
  TextInput,
  Toggle,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { ConnectionTest, MailboxView as Mailbox } from '../../plugins/email-intake/server/src/mailbox-view';
import { ColumnHeads } from './column-heads';
import { serverError } from './server-error';

type Form = Omit<Mailbox, 'id' | 'documentId' | 'source' | 'status' | 'key' | 'hasPassword'> & { password: string };
type FieldName = keyof Form;
type Notice = { variant: 'success' | 'danger'; text: string } | null;

const EMPTY: Form = { name: '', host: '', port: 993, secure: true, user: '', password: '', folder: 'INBOX', processedFolder: 'Processed', quarantineFolder: 'Quarantine', enabled: true };
const TEXT_FIELDS: Array<{ name: 'name' | 'host' | 'user' | 'folder' | 'processedFolder' | 'quarantineFolder'; label: string; hint?: string }> = [
  { name: 'name', label: 'Nome' },
  { name: 'host', label: 'Server IMAP', hint: 'Ad esempio imap.ente.it' },
  { name: 'user', label: 'Utente' },
  { name: 'folder', label: 'Cartella da leggere' },
  { name: 'processedFolder', label: 'Cartella dei messaggi elaborati' },
  { name: 'quarantineFolder', label: 'Cartella della quarantena' },
];
const REFRESH_MS = 10_000;

export default function MailboxesSettingsPage() {
  const { get, post, put, del } = useFetchClient();
  const { formatMessage, formatDate } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: `mailboxes.settings.${id}`, defaultMessage }, values);
  const when = (value: string | null) => (value ? formatDate(value, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Rome' }) : '—');
  /** A failure in words: the reason in the panel's language, then the server's own text. */
  const failure = (code: string | null, message: string) => `${formatMessage({ id: `mailboxes.settings.failures.${code ?? 'other'}`, defaultMessage: code ?? '' })}: ${message}`;

  const [mailboxes, setMailboxes] = React.useState<Mailbox[] | null>(null);
  const [loadError, setLoadError] = React.useState(false);
  const [notice, setNotice] = React.useState<Notice>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  const [editing, setEditing] = React.useState<{ documentId: string | null; form: Form } | null>(null);
  const [fieldErrors, setFieldErrors] = React.useState<Partial<Record<FieldName, string>>>({});
  const [formNotice, setFormNotice] = React.useState<Notice>(null);
  const [deleting, setDeleting] = React.useState<Mailbox | null>(null);

  const load = React.useCallback(
    () =>
      get<{ data: Mailbox[] }>('/email-intake/mailboxes')
        .then(({ data }) => setMailboxes(data.data))
        .catch(() => setLoadError(true)),
    [get]
  );

  // The readers record their passes in the background: the list follows them.
  React.useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const testResult = (result: ConnectionTest): Notice =>
    result.ok ? { variant: 'success', text: `${t('testOk', 'Connessione riuscita')}: ${result.message}` } : { variant: 'danger', text: failure(result.code, result.message) };

  const run = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    try {
      await work();
    } catch (error) {
      setNotice({ variant: 'danger', text: serverError(error).message });
    } finally {
      setBusy(null);
    }
  };

  const testStored = (mailbox: Mailbox) =>
    run(`test:${mailbox.id}`, async () => {
      const { data } = await post<{ data: ConnectionTest }>(`/email-intake/mailboxes/${mailbox.id}/test`, {});
      setNotice(testResult(data.data));
    });

  const toggle = (mailbox: Mailbox) =>
    run(`toggle:${mailbox.id}`, async () => {
      await put(`/email-intake/mailboxes/${mailbox.documentId}`, { enabled: !mailbox.enabled });
      setNotice({
        variant: 'success',
        text: mailbox.enabled ? t('disabled', 'Casella «{name}» disattivata: non viene più letta.', { name: mailbox.name }) : t('enabled', 'Casella «{name}» attivata: la lettura inizia ora.', { name: mailbox.name }),
      });
      await load();
    });

  const remove = (mailbox: Mailbox) =>
    run(`delete:${mailbox.id}`, async () => {
      await del(`/email-intake/mailboxes/${mailbox.documentId}`);
      setDeleting(null);
      setNotice({ variant: 'success', text: t('deleted', 'Casella «{name}» eliminata.', { name: mailbox.name }) });
      await load();
    });

  const openForm = (mailbox: Mailbox | null) => {
    setFieldErrors({});
    setFormNotice(null);
    setEditing(
      mailbox
        ? {
            documentId: mailbox.documentId,
            form: { ...EMPTY, ...Object.fromEntries(Object.keys(EMPTY).map((key) => [key, mailbox[key as keyof Mailbox] ?? EMPTY[key as FieldName]])), password: '' } as Form,
          }
        : { documentId: null, form: { ...EMPTY } }
    );
  };

  const setField = <K extends FieldName>(name: K, value: Form[K]) => setEditing((current) => current && { ...current, form: { ...current.form, [name]: value } });

  /** A 400 that names a field is shown under it; anything else above the form. */
  const formError = (error: unknown) => {
    const { message, field } = serverError(error);
    if (field && field in EMPTY) setFieldErrors({ [field]: message });
    else setFormNotice({ variant: 'danger', text: message });
  };

  /** Runs one of the form's actions; its error goes under the field it names, or above the form. */
  const submit = async (key: string, work: (form: Form, documentId: string | null) => Promise<void>) => {
    if (!editing) return;
    setBusy(key);
    setFieldErrors({});
    setFormNotice(null);
    try {
      await work(editing.form, editing.documentId);
    } catch (error) {
      formError(error);
    } finally {
      setBusy(null);
    }
  };

  const testForm = () =>
    submit('form:test', async (form, documentId) => {
      const { data } = await post<{ data: ConnectionTest }>(documentId ? `/email-intake/mailboxes/${documentId}/test` : '/email-intake/mailboxes/test', form);
      setFormNotice(testResult(data.data));
    });

  const save = () =>
    submit('form:save', async (form, documentId) => {
      if (documentId) await put(`/email-intake/mailboxes/${documentId}`, form);
      else await post('/email-intake/mailboxes', form);
      setEditing(null);
      await load();
      setNotice({ variant: 'success', text: t('saved', 'Casella «{name}» salvata.', { name: form.name }) });
    });

  if (loadError) return <Page.Error />;
  if (!mailboxes) return <Page.Loading />;

  const stateBadge = (mailbox: Mailbox) => {
    const { state } = mailbox.status;
    const variant = state === 'ok' ? 'success' : state === 'error' ? 'danger' : 'neutral';
    const label = { ok: t('stateOk', 'In lettura'), error: t('stateError', 'In errore'), waiting: t('stateWaiting', 'In attesa della prima lettura'), disabled: t('stateDisabled', 'Disattivata') }[state];
    return <Badge variant={variant}>{label}</Badge>;
  };

  const columns = [t('name', 'Nome'), t('account', 'Account'), t('folders', 'Cartelle'), t('state', 'Stato'), t('lastPoll', 'Ultima lettura'), t('lastError', 'Ultimo errore'), t('actions', 'Azioni')];

  return (
    <Layouts.Root>
      <Page.Title>{t('title', 'Caselle e-mail')}</Page.Title>
      <Page.Main>
        <Layouts.Header
          title={t('title', 'Caselle e-mail')}
          subtitle={t('subtitle', 'Caselle IMAP i cui messaggi diventano ticket, risposte o quarantena')}
          primaryAction={<Button onClick={() => openForm(null)}>{t('add', 'Aggiungi casella')}</Button>}
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {notice && (
              <Alert variant={notice.variant} closeLabel={t('close', 'Chiudi')} onClose={() => setNotice(null)}>
                {notice.text}
              </Alert>
            )}
            {mailboxes.length === 0 ? (
              <Typography tag="p">{t('none', 'Nessuna casella configurata: le e-mail non vengono lette.')}</Typography>
            ) : (
              <Table colCount={columns.length} rowCount={mailboxes.length + 1}>
                <ColumnHeads columns={columns} />
                <Tbody>
                  {mailboxes.map((mailbox) => (
                    <Tr key={mailbox.id}>
                      <Td>
                        <Typography fontWeight="bold">{mailbox.source === 'env' ? t('envName', "Variabili d'ambiente (IMAP_*)") : mailbox.name}</Typography>
                      </Td>
                      <Td>
                        <Typography>{`${mailbox.user} @ ${mailbox.host}:${mailbox.port}${mailbox.secure ? ' (TLS)' : ''}`}</Typography>
                      </Td>
                      <Td>
                        <Typography>{`${mailbox.folder} → ${mailbox.processedFolder} / ${mailbox.quarantineFolder}`}</Typography>
                      </Td>
                      <Td>{stateBadge(mailbox)}</Td>
                      <Td>
                        <Typography>{when(mailbox.status.lastPollAt)}</Typography>
                      </Td>
                      <Td>
                        <Box maxWidth="280px" style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
                          <Typography>{mailbox.status.lastError ? `${when(mailbox.status.lastErrorAt)} — ${failure(mailbox.status.lastErrorCode, mailbox.status.lastError)}` : '—'}</Typography>
                        </Box>
                      </Td>
                      <Td>
                        <Flex gap={2} wrap="wrap">
                          <Button size="S" variant="secondary" loading={busy === `test:${mailbox.id}`} disabled={busy !== null} onClick={() => testStored(mailbox)}>
                            {t('test', 'Prova connessione')}
                          </Button>
                          {mailbox.source === 'panel' && (
                            <>
                              <Button size="S" variant="tertiary" disabled={busy !== null} onClick={() => openForm(mailbox)}>
                                {t('edit', 'Modifica')}
                              </Button>
                              <Button size="S" variant="tertiary" loading={busy === `toggle:${mailbox.id}`} disabled={busy !== null} onClick={() => toggle(mailbox)}>
                                {mailbox.enabled ? t('disable', 'Disattiva') : t('enable', 'Attiva')}
                              </Button>
                              <Button size="S" variant="danger-light" disabled={busy !== null} onClick={() => setDeleting(mailbox)}>
                                {t('delete', 'Elimina')}
                              </Button>
                            </>
                          )}
                        </Flex>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
          </Flex>
        </Layouts.Content>
      </Page.Main>

      <Modal.Root open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        {editing && (
          <Modal.Content>
            <Modal.Header closeLabel={t('close', 'Chiudi')}>
              <Modal.Title>{editing.documentId ? t('editTitle', 'Modifica casella') : t('addTitle', 'Nuova casella')}</Modal.Title>
            </Modal.Header>
            <Modal.Body>
              <Flex direction="column" alignItems="stretch" gap={4}>
                {formNotice && (
                  <Alert variant={formNotice.variant} closeLabel={t('close', 'Chiudi')} onClose={() => setFormNotice(null)}>
                    {formNotice.text}
                  </Alert>
                )}
                <Grid.Root gap={4}>
                  {TEXT_FIELDS.map((field) => (
                    <Grid.Item key={field.name} col={6} s={12} direction="column" alignItems="stretch">
                      <Field.Root name={field.name} id={`mailbox-${field.name}`} error={fieldErrors[field.name]} hint={field.hint && t(`hints.${field.name}`, field.hint)} required>
                        <Field.Label>{t(`fields.${field.name}`, field.label)}</Field.Label>
                        <TextInput value={editing.form[field.name]} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setField(field.name, e.target.value)} />
                        <Field.Hint />
                        <Field.Error />
                      </Field.Root>
                    </Grid.Item>
                  ))}
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <Field.Root
                      name="password"
                      id="mailbox-password"
                      error={fieldErrors.password}
                      hint={editing.documentId ? t('hints.passwordKept', 'Lasciare vuoto per mantenere la password salvata') : undefined}
                      required={!editing.documentId}
                    >
                      <Field.Label>{t('fields.password', 'Password')}</Field.Label>
                      <TextInput type="password" autoComplete="new-password" value={editing.form.password} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setField('password', e.target.value)} />
                      <Field.Hint />
                      <Field.Error />
                    </Field.Root>
                  </Grid.Item>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <Field.Root name="port" id="mailbox-port" error={fieldErrors.port} required>
                      <Field.Label>{t('fields.port', 'Porta')}</Field.Label>
                      <NumberInput value={editing.form.port} onValueChange={(value) => setField('port', value ?? 0)} />
                      <Field.Error />
                    </Field.Root>
                  </Grid.Item>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <Field.Root name="secure" id="mailbox-secure" hint={t('hints.secure', 'TLS dalla connessione (porta 993); disattivare solo per server interni in chiaro')}>
                      <Field.Label>{t('fields.secure', 'TLS')}</Field.Label>
                      <Toggle onLabel={t('yes', 'Sì')} offLabel={t('no', 'No')} checked={editing.form.secure} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setField('secure', e.target.checked)} />
                      <Field.Hint />
                    </Field.Root>
                  </Grid.Item>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <Field.Root name="enabled" id="mailbox-enabled">
                      <Field.Label>{t('fields.enabled', 'Attiva')}</Field.Label>
                      <Toggle onLabel={t('yes', 'Sì')} offLabel={t('no', 'No')} checked={editing.form.enabled} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setField('enabled', e.target.checked)} />
                    </Field.Root>
                  </Grid.Item>
                </Grid.Root>
              </Flex>
            </Modal.Body>
            <Modal.Footer>
              <Modal.Close>
                <Button variant="tertiary">{t('cancel', 'Annulla')}</Button>
              </Modal.Close>
              <Flex gap={2}>
                <Button variant="secondary" loading={busy === 'form:test'} disabled={busy !== null} onClick={testForm}>
                  {t('test', 'Prova connessione')}
                </Button>
                <Button loading={busy === 'form:save'} disabled={busy !== null} onClick={save}>
                  {t('save', 'Salva')}
                </Button>
              </Flex>
            </Modal.Footer>
          </Modal.Content>
        )}
      </Modal.Root>

      <Dialog.Root open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        {deleting && (
          <Dialog.Content>
            <Dialog.Header>{t('deleteTitle', 'Eliminare la casella?')}</Dialog.Header>
            <Dialog.Body>
              <Dialog.Description>
                {t('deleteText', 'La casella «{name}» non sarà più letta. I messaggi già registrati e le cartelle sul server restano come sono.', { name: deleting.name })}
              </Dialog.Description>
            </Dialog.Body>
            <Dialog.Footer>
              <Dialog.Cancel>
                <Button variant="tertiary">{t('cancel', 'Annulla')}</Button>
              </Dialog.Cancel>
              <Button variant="danger" loading={busy === `delete:${deleting.id}`} onClick={() => remove(deleting)}>
                {t('delete', 'Elimina')}
              </Button>
            </Dialog.Footer>
          </Dialog.Content>
        )}
      </Dialog.Root>
    </Layouts.Root>
  );
}
