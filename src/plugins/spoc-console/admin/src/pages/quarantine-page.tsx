/**
 * "Quarantena", for supervisors: the messages the e-mail intake held (unknown sender, over the rate, too
 * large, unreadable…), each read safely (the sanitized HTML in a sandbox, or the text; the raw message only
 * as a download), and decided: a ticket of the chosen organization and requester (reported when the mail
 * arrived), a follow-up of an existing ticket, or discarded with a reason; the sender's domain can be
 * allowed to the organization. Every decision keeps who and when.
 */
import * as React from 'react';
import { Badge, Box, Button, Combobox, ComboboxOption, Field, Flex, Grid, Modal, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { DeskTabs } from '../components/desk-tabs';
import { PageNotices } from '../components/page-notices';
import { ViewTabs } from '../components/view-tabs';
import { apiProblem } from '../components/errors';
import { MailPreview, saveBlob } from '../components/mail-preview';
import { SUPERVISE } from '../hooks/use-console-user';
import { useQueueOptions } from '../hooks/use-queue-options';
import { useT } from '../messages';
import type { QuarantinePreview, QuarantinedMail } from '../types';

type View = 'held' | 'decided';

/** The decision note of a message added to an existing ticket (services/quarantine.ts `attach`). */
const ATTACHED = 'follow-up';

export function QuarantinePage() {
  return (
    <Page.Protect permissions={[{ action: SUPERVISE, subject: null }]}>
      <QuarantineDesk />
    </Page.Protect>
  );
}

function QuarantineDesk() {
  const t = useT();
  const { formatDate } = useIntl();
  const { get } = useFetchClient();
  const [view, setView] = React.useState<View>('held');
  const [messages, setMessages] = React.useState<QuarantinedMail[] | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);
  const [open, setOpen] = React.useState<string | null>(null);

  const load = React.useCallback(() => {
    get<{ data: QuarantinedMail[] }>(`/email-intake/quarantine?state=${view === 'held' ? 'held' : 'all'}`)
      .then(({ data }) => setMessages(view === 'held' ? data.data : data.data.filter((message) => message.state !== 'held')))
      .catch((error) => setProblem(apiProblem(error).message));
  }, [get, view]);
  React.useEffect(load, [load]);

  const when = (iso: string | null) => (iso ? formatDate(iso, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' }) : '—');
  const columns = view === 'held' ? ['receivedAt', 'sender', 'subject', 'reason'] : ['receivedAt', 'sender', 'subject', 'decision'];

  return (
    <Layouts.Root>
      <Page.Title>{t('quarantine.title')}</Page.Title>
      <Page.Main>
        <Layouts.Header title={t('quarantine.title')} subtitle={t('quarantine.subtitle')} />
        <Layouts.Content>
          <DeskTabs />
          <ViewTabs
            label={t('quarantine.title')}
            value={view}
            onChange={setView}
            tabs={[
              { value: 'held', label: t('quarantine.tab.held') },
              { value: 'decided', label: t('quarantine.tab.decided') },
            ]}
          >
            <PageNotices problem={problem} notice={notice} onProblemClose={() => setProblem(null)} onNoticeClose={() => setNotice(null)} />
            {messages && messages.length === 0 && <Typography>{t('quarantine.empty')}</Typography>}
            {messages && messages.length > 0 && (
              <Table colCount={columns.length + 1} rowCount={messages.length + 1}>
                <Thead>
                  <Tr>
                    {columns.map((column) => (
                      <Th key={column}>
                        <Typography variant="sigma">{t(`quarantine.col.${column}` as 'quarantine.col.sender')}</Typography>
                      </Th>
                    ))}
                    <Th>
                      <Typography variant="sigma">{t('quarantine.col.actions')}</Typography>
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {messages.map((message) => (
                    <Tr key={message.documentId} data-quarantined={message.documentId}>
                      <Td>
                        <Typography>{when(message.receivedAt)}</Typography>
                      </Td>
                      <Td>
                        <Typography>{message.sender ?? '—'}</Typography>
                      </Td>
                      <Td>
                        <Typography>{message.subject || t('quarantine.noSubject')}</Typography>
                      </Td>
                      <Td>
                        {view === 'held' ? (
                          <Badge title={message.reason ?? undefined}>{t(`quarantine.reason.${message.reasonCode}` as 'quarantine.reason.other')}</Badge>
                        ) : (
                          <Flex direction="column" alignItems="flex-start">
                            <Typography>
                              {message.state === 'discarded'
                                ? t('quarantine.decided.discarded')
                                : t(message.decisionNote === ATTACHED ? 'quarantine.decided.attached' : 'quarantine.decided.converted', { number: message.ticketNumber ?? '' })}
                            </Typography>
                            {message.decisionNote && message.state === 'discarded' && <Typography variant="pi">{message.decisionNote}</Typography>}
                            <Typography variant="pi" textColor="neutral600">
                              {t('callbacks.by', { name: message.decidedBy ?? '—', time: when(message.decidedAt) })}
                            </Typography>
                          </Flex>
                        )}
                      </Td>
                      <Td>
                        <Button size="S" variant={view === 'held' ? 'default' : 'tertiary'} onClick={() => setOpen(message.documentId)} aria-label={`${t('quarantine.open')}: ${message.subject ?? message.sender ?? ''}`}>
                          {t('quarantine.open')}
                        </Button>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
          </ViewTabs>
          {open && (
            <DecisionDialog
              documentId={open}
              when={when}
              onClose={() => setOpen(null)}
              onDecided={(message) => {
                setOpen(null);
                setNotice(message);
                load();
              }}
              onNotice={setNotice}
            />
          )}
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
}

interface Requester {
  documentId: string;
  name: string;
  email?: string | null;
}

function DecisionDialog({
  documentId,
  when,
  onClose,
  onDecided,
  onNotice,
}: {
  documentId: string;
  when: (iso: string | null) => string;
  onClose: () => void;
  onDecided: (message: string) => void;
  onNotice: (message: string) => void;
}) {
  const t = useT();
  const { get, post } = useFetchClient();
  const options = useQueueOptions();
  const [mail, setMail] = React.useState<QuarantinePreview | null>(null);
  const [organization, setOrganization] = React.useState('');
  const [requesters, setRequesters] = React.useState<Requester[]>([]);
  const [requester, setRequester] = React.useState('');
  const [ticket, setTicket] = React.useState('');
  const [reason, setReason] = React.useState('');
  const [error, setError] = React.useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = React.useState(false);

  React.useEffect(() => {
    get<{ data: QuarantinePreview }>(`/email-intake/quarantine/${documentId}`)
      .then(({ data }) => setMail(data.data))
      .catch((failure) => setError({ message: apiProblem(failure).message }));
  }, [get, documentId]);

  React.useEffect(() => {
    setRequesters([]);
    setRequester('');
    if (!organization) return;
    get<{ data: Requester[] }>(`/spoc-console/organizations/${organization}/requesters`)
      .then(({ data }) => setRequesters(data.data))
      .catch(() => setRequesters([]));
  }, [get, organization]);

  const run = async (path: string, body: Record<string, unknown>, done: (data: Record<string, string>) => void) => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await post<{ data: Record<string, string> }>(`/email-intake/quarantine/${documentId}/${path}`, body);
      done(data.data);
    } catch (failure) {
      const problem = apiProblem(failure);
      setError({ field: problem.field, message: problem.message });
    } finally {
      setBusy(false);
    }
  };
  const convert = () => run('convert', { organization, ...(requester ? { requester } : {}) }, (data) => onDecided(t('quarantine.converted', { number: data.ticketNumber })));
  const attach = () => run('attach', { ticket: ticket.trim() }, (data) => onDecided(t('quarantine.attached', { number: data.ticketNumber })));
  const discard = () => run('discard', { reason: reason.trim() }, () => onDecided(t('quarantine.discarded')));
  const allowDomain = () => run('allow-domain', { organization }, (data) => onNotice(t('quarantine.domainAllowed', { domain: data.domain, organization: data.organization })));
  const download = async () => {
    try {
      const { data } = await get<Blob>(`/email-intake/quarantine/${documentId}/raw`, { responseType: 'blob' });
      saveBlob(data, `${documentId}.eml`);
    } catch (failure) {
      setError({ message: apiProblem(failure).message });
    }
  };
  const held = mail?.state === 'held';
  const fieldError = (name: string) => (error?.field === name ? error.message : undefined);

  return (
    <Modal.Root open onOpenChange={(isOpen: boolean) => !isOpen && onClose()}>
      <Modal.Content style={{ maxWidth: 960, width: '90vw' }}>
        <Modal.Header>
          <Modal.Title>{mail?.subject || t('quarantine.noSubject')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {mail && (
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Typography>{t('quarantine.from', { from: mail.from ? `${mail.from.name ? `${mail.from.name} ` : ''}<${mail.from.address}>` : (mail.sender ?? '—') })}</Typography>
                <Typography variant="pi" textColor="neutral700">
                  {t('quarantine.receivedAt', { time: when(mail.receivedAt), mailbox: mail.mailbox ?? '—' })}
                </Typography>
                <Typography variant="pi" textColor="neutral700" data-reason={mail.reasonCode}>
                  {/* The intake's own sentence (English, for the record) only when no word of ours says it. */}
                  {mail.reasonCode === 'other' ? `${t('quarantine.reason.other')}: ${mail.reason ?? ''}` : t(`quarantine.reason.${mail.reasonCode}` as 'quarantine.reason.other')}
                </Typography>
                {mail.attachments.length > 0 && (
                  <Typography variant="pi">{t('quarantine.attachments', { names: mail.attachments.map((attachment) => attachment.name ?? '—').join(', ') })}</Typography>
                )}
              </Flex>
            )}
            {mail && <MailPreview html={mail.html} text={mail.text} title={t('quarantine.preview')} />}
            <Box>
              <Button variant="tertiary" onClick={download}>
                {t('quarantine.download')}
              </Button>
            </Box>
            {error && !error.field && (
              <Typography textColor="danger600" role="alert">
                {error.message}
              </Typography>
            )}
            {held && (
              <Grid.Root gap={4}>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Flex direction="column" alignItems="stretch" gap={2} tag="section" aria-label={t('quarantine.convert')}>
                    <Typography variant="delta" tag="h3">
                      {t('quarantine.convert')}
                    </Typography>
                    <Field.Root name="organization" required error={fieldError('organization')}>
                      <Field.Label>{t('new.organization')}</Field.Label>
                      <SingleSelect value={organization} onChange={(value: string | number) => setOrganization(String(value))} placeholder={t('quarantine.chooseOrganization')}>
                        {options.organizations.map((entry) => (
                          <SingleSelectOption key={entry.documentId} value={entry.documentId}>
                            {entry.name}
                          </SingleSelectOption>
                        ))}
                      </SingleSelect>
                      <Field.Error />
                    </Field.Root>
                    <Field.Root name="requester" hint={t('quarantine.requesterHint')} error={fieldError('requester')}>
                      <Field.Label>{t('new.requester')}</Field.Label>
                      <Combobox value={requester || undefined} disabled={!organization} onChange={(value?: string) => setRequester(value ?? '')} onClear={() => setRequester('')} autocomplete={{ type: 'list', filter: 'contains' }}>
                        {requesters.map((entry) => (
                          <ComboboxOption key={entry.documentId} value={entry.documentId}>
                            {`${entry.name}${entry.email ? ` <${entry.email}>` : ''}`}
                          </ComboboxOption>
                        ))}
                      </Combobox>
                      <Field.Hint />
                      <Field.Error />
                    </Field.Root>
                    <Flex gap={2} wrap="wrap">
                      <Button onClick={convert} disabled={!organization || busy}>
                        {t('quarantine.convert')}
                      </Button>
                      <Button variant="secondary" onClick={allowDomain} disabled={!organization || busy}>
                        {t('quarantine.allowDomain')}
                      </Button>
                    </Flex>
                  </Flex>
                </Grid.Item>
                <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                  <Flex direction="column" alignItems="stretch" gap={2} tag="section" aria-label={t('quarantine.attach')}>
                    <Typography variant="delta" tag="h3">
                      {t('quarantine.attach')}
                    </Typography>
                    <Field.Root name="ticket" error={fieldError('ticket')} hint={t('call.attachHint')}>
                      <Field.Label>{t('quarantine.ticket')}</Field.Label>
                      <TextInput placeholder="HD-…" value={ticket} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setTicket(event.target.value)} />
                      <Field.Hint />
                      <Field.Error />
                    </Field.Root>
                    <Box>
                      <Button variant="secondary" onClick={attach} disabled={!ticket.trim() || busy}>
                        {t('call.attach', { number: ticket.trim().toUpperCase() || 'HD-…' })}
                      </Button>
                    </Box>
                  </Flex>
                  <Flex direction="column" alignItems="stretch" gap={2} paddingTop={4} tag="section" aria-label={t('quarantine.discard')}>
                    <Typography variant="delta" tag="h3">
                      {t('quarantine.discard')}
                    </Typography>
                    <Field.Root name="reason" error={fieldError('reason')}>
                      <Field.Label>{t('quarantine.discardReason')}</Field.Label>
                      <TextInput value={reason} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setReason(event.target.value)} />
                      <Field.Error />
                    </Field.Root>
                    <Box>
                      <Button variant="danger-light" onClick={discard} disabled={!reason.trim() || busy}>
                        {t('quarantine.discard')}
                      </Button>
                    </Box>
                  </Flex>
                </Grid.Item>
              </Grid.Root>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
