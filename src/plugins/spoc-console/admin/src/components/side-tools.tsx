/**
 * The workspace's side tools: assignment (to me; to another operator for supervisors), classification with
 * the SLA recomputation previewed before saving, and for supervisors the chain verification and the
 * correction of reportedAt with a reason.
 */
import * as React from 'react';
import { Alert, Box, Button, Field, Flex, Modal, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { apiProblem } from './errors';
import { Section } from './section';
import { useConsoleUser } from '../hooks/use-console-user';
import { useEnumWord, useT } from '../messages';
import { toDateTimeLocal } from '../rules/console-ui-rules';
import type { QueueOptions, Workspace } from '../types';
import type { ChainVerdict } from '../../../../../api/ticket-event/hash-chain';

type Notice = { variant: 'success' | 'danger'; text: string } | null;

function NoticeAlert({ notice, onClose }: { notice: Notice; onClose: () => void }) {
  const t = useT();
  if (!notice) return null;
  return (
    <Alert variant={notice.variant} closeLabel={t('common.close')} onClose={onClose}>
      {notice.text}
    </Alert>
  );
}

export function AssignSection({ workspace, options, onChanged }: { workspace: Workspace; options: QueueOptions; onChanged: () => void }) {
  const t = useT();
  const { post } = useFetchClient();
  const user = useConsoleUser();
  const [other, setOther] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [notice, setNotice] = React.useState<Notice>(null);
  const { ticket } = workspace;

  const assign = async (assigneeId: number) => {
    setBusy(true);
    try {
      await post(`/spoc-console/tickets/${ticket.documentId}/assign`, { assigneeId });
      const name = options.operators.find((operator) => operator.id === assigneeId)?.name ?? String(assigneeId);
      setNotice({ variant: 'success', text: t('assign.done', { name }) });
      onChanged();
    } catch (error) {
      setNotice({ variant: 'danger', text: t('common.error', { message: apiProblem(error).message }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('assign.title')}>
      <Typography>{ticket.assignee?.name ?? t('ws.unassigned')}</Typography>
      {user.id !== null && ticket.assignee?.id !== user.id && (
        <Button variant="secondary" loading={busy} onClick={() => void assign(user.id!)}>
          {t('assign.me')}
        </Button>
      )}
      {user.supervisor && (
        <Flex gap={2} alignItems="flex-end">
          <Box grow={1}>
            <Field.Root name="assignee">
              <Field.Label>{t('assign.other')}</Field.Label>
              <SingleSelect placeholder={t('assign.pick')} value={other} onChange={(value: string | number) => setOther(String(value))}>
                {options.operators.map((operator) => (
                  <SingleSelectOption key={operator.id} value={String(operator.id)}>
                    {operator.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Box>
          <Button variant="secondary" disabled={!other} loading={busy} onClick={() => void assign(Number(other))}>
            {t('assign.submit')}
          </Button>
        </Flex>
      )}
      <NoticeAlert notice={notice} onClose={() => setNotice(null)} />
    </Section>
  );
}

interface Classification {
  priority: string;
  category: string;
  kind: string;
}

interface PreviewClock {
  kind: 'take_charge' | 'restore';
  targetMinutes: number;
  dueAt: string | null;
  before: { targetMinutes: number; dueAt: string | null } | null;
}
export function ClassifySection({ workspace, options, onChanged }: { workspace: Workspace; options: QueueOptions; onChanged: () => void }) {
  const t = useT();
  const word = useEnumWord();
  const { formatDate } = useIntl();
  const { post } = useFetchClient();
  const { ticket } = workspace;
  const initial: Classification = { priority: ticket.priority, category: ticket.category?.documentId ?? '', kind: ticket.kind };
  const [open, setOpen] = React.useState(false);
  const [form, setForm] = React.useState<Classification>(initial);
  const [preview, setPreview] = React.useState<{ policy: string | null; clocks: PreviewClock[] } | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [notice, setNotice] = React.useState<Notice>(null);
  const when = (value: string) => formatDate(value, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' });
  const body = () => ({ priority: form.priority, kind: form.kind, category: form.category || null });

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setNotice({ variant: 'danger', text: t('common.error', { message: apiProblem(error).message }) });
    } finally {
      setBusy(false);
    }
  };

  const change = (name: keyof Classification, value: string) => {
    setForm((current) => ({ ...current, [name]: value }));
    setPreview(null);
  };

  const previewIt = () =>
    run(async () => {
      const { data } = await post<{ data: { policy: string | null; clocks: PreviewClock[] } }>(`/spoc-console/tickets/${ticket.documentId}/classify/preview`, body());
      setPreview(data.data);
    });
  const save = () =>
    run(async () => {
      await post(`/spoc-console/tickets/${ticket.documentId}/classify`, body());
      setOpen(false);
      setNotice({ variant: 'success', text: t('classify.done') });
      onChanged();
    });

  const select = (name: keyof Classification, label: string, values: Array<{ value: string; label: string }>) => (
    <Field.Root name={name}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={form[name]} onChange={(value: string | number) => change(name, String(value))}>
        {values.map((option) => (
          <SingleSelectOption key={option.value} value={option.value}>
            {option.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );

  return (
    <Section title={t('classify.title')}>
      <Typography>
        {word(ticket.priority)} · {word(ticket.kind)} · {ticket.category?.name ?? t('classify.none')}
      </Typography>
      <Button
        variant="secondary"
        onClick={() => {
          setForm(initial);
          setPreview(null);
          setOpen(true);
        }}
      >
        {t('classify.open')}
      </Button>
      <NoticeAlert notice={notice} onClose={() => setNotice(null)} />
      {open && (
        <Modal.Root open onOpenChange={(value: boolean) => !value && setOpen(false)}>
          <Modal.Content>
            <Modal.Header>
              <Modal.Title>{t('classify.title')}</Modal.Title>
            </Modal.Header>
            <Modal.Body>
              <Flex direction="column" alignItems="stretch" gap={4}>
                {select('priority', t('col.priority'), (options.priorities.length ? options.priorities : ['P1', 'P2', 'P3', 'P4']).map((value) => ({ value, label: word(value) })))}
                {select('kind', t('col.kind'), ['incident', 'request'].map((value) => ({ value, label: word(value) })))}
                {select('category', t('col.category'), [{ value: '', label: t('classify.none') }, ...options.categories.map((category) => ({ value: category.documentId, label: category.name }))])}
                {preview && (
                  <Box background="primary100" padding={3} hasRadius data-preview>
                    <Typography fontWeight="bold">{t('classify.previewText', { policy: preview.policy ?? '—' })}</Typography>
                    <ul>
                      {preview.clocks.map((clock) => (
                        <li key={clock.kind}>
                          <Typography>
                            {t('classify.previewClock', {
                              clock: t(`clock.${clock.kind}`),
                              target: clock.targetMinutes,
                              due: clock.dueAt ? when(clock.dueAt) : '—',
                              before: clock.before ? `${clock.before.targetMinutes} min, ${clock.before.dueAt ? when(clock.before.dueAt) : '—'}` : '—',
                            })}
                          </Typography>
                        </li>
                      ))}
                    </ul>
                  </Box>
                )}
                <NoticeAlert notice={notice} onClose={() => setNotice(null)} />
              </Flex>
            </Modal.Body>
            <Modal.Footer>
              <Button variant="tertiary" onClick={() => void previewIt()} loading={busy}>
                {t('classify.preview')}
              </Button>
              <Button onClick={() => void save()} loading={busy}>
                {t('classify.save')}
              </Button>
            </Modal.Footer>
          </Modal.Content>
        </Modal.Root>
      )}
    </Section>
  );
}

export function SuperviseSection({ workspace, onChanged }: { workspace: Workspace; onChanged: () => void }) {
  const t = useT();
  const { get, post } = useFetchClient();
  const { ticket } = workspace;
  const [notice, setNotice] = React.useState<Notice>(null);
  const [busy, setBusy] = React.useState(false);
  const [correcting, setCorrecting] = React.useState(false);
  const [at, setAt] = React.useState(toDateTimeLocal(new Date(ticket.reportedAt)));
  const [reason, setReason] = React.useState('');
  const [fieldError, setFieldError] = React.useState<{ field?: string; message: string } | null>(null);

  const verify = async () => {
    setBusy(true);
    try {
      const { data } = await get<{ data: ChainVerdict }>(`/spoc-console/tickets/${ticket.documentId}/verify-timeline`);
      const verdict = data.data;
      setNotice(
        verdict.valid
          ? { variant: 'success', text: t('super.verifyOk', { count: verdict.checked }) }
          : { variant: 'danger', text: t('super.verifyBad', { detail: verdict.problems.map((problem) => `#${problem.seq}: ${problem.reason}`).join('; ') }) }
      );
    } catch (error) {
      setNotice({ variant: 'danger', text: t('common.error', { message: apiProblem(error).message }) });
    } finally {
      setBusy(false);
    }
  };

  const correct = async () => {
    setBusy(true);
    setFieldError(null);
    try {
      await post(`/spoc-console/tickets/${ticket.documentId}/correct-reported-at`, { reportedAt: new Date(at).toISOString(), reason });
      setCorrecting(false);
      setNotice({ variant: 'success', text: t('super.correctDone') });
      onChanged();
    } catch (error) {
      const problem = apiProblem(error);
      setFieldError({ field: problem.field, message: problem.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('super.title')}>
      <Flex gap={2} wrap="wrap">
        <Button variant="secondary" loading={busy} onClick={() => void verify()}>
          {t('super.verify')}
        </Button>
        <Button variant="secondary" onClick={() => setCorrecting(true)}>
          {t('super.correct')}
        </Button>
      </Flex>
      <NoticeAlert notice={notice} onClose={() => setNotice(null)} />
      {correcting && (
        <Modal.Root open onOpenChange={(value: boolean) => !value && setCorrecting(false)}>
          <Modal.Content>
            <Modal.Header>
              <Modal.Title>{t('super.correct')}</Modal.Title>
            </Modal.Header>
            <Modal.Body>
              <Flex direction="column" alignItems="stretch" gap={4}>
                <Field.Root name="reportedAt" error={fieldError?.field === 'reportedAt' ? fieldError.message : undefined}>
                  <Field.Label>{t('super.correctAt')}</Field.Label>
                  <TextInput type="datetime-local" value={at} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setAt(event.target.value)} />
                  <Field.Error />
                </Field.Root>
                <Field.Root name="reason" required error={fieldError?.field === 'reason' ? fieldError.message : undefined}>
                  <Field.Label>{t('field.reason')}</Field.Label>
                  <Textarea value={reason} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setReason(event.target.value)} />
                  <Field.Error />
                </Field.Root>
                {fieldError && !fieldError.field && <Typography textColor="danger600">{fieldError.message}</Typography>}
              </Flex>
            </Modal.Body>
            <Modal.Footer>
              <Button variant="tertiary" onClick={() => setCorrecting(false)}>
                {t('common.cancel')}
              </Button>
              <Button loading={busy} onClick={() => void correct()}>
                {t('common.save')}
              </Button>
            </Modal.Footer>
          </Modal.Content>
        </Modal.Root>
      )}
    </Section>
  );
}
