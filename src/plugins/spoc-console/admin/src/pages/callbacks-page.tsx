/**
 * "Richiamate": the progress notices the SLA policy wants given by phone, soonest due first, the overdue ones
 * marked; the referent's number as a `tel:` link; "Fatto" records the outcome (reached, not reached, message
 * left) and a note, which go into the ticket's timeline.
 */
import * as React from 'react';
import { Alert, Badge, Button, Field, Flex, Link, Modal, Radio, Table, Tbody, Td, Textarea, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { DeskTabs } from '../components/desk-tabs';
import { ViewTabs } from '../components/view-tabs';
import { apiProblem } from '../components/errors';
import { refreshDeskStatus, useDeskStatus } from '../hooks/use-desk-status';
import { useNow } from '../hooks/use-now';
import { useEnumWord, useT } from '../messages';
import { ticketPath } from '../paths';
import { overdueMs } from '../rules/desk-rules';
import { formatDuration, telHref } from '../rules/console-ui-rules';
import type { CallbackTask } from '../types';

const OUTCOMES = ['reached', 'not_reached', 'message_left'] as const;

export function CallbacksPage() {
  const t = useT();
  const word = useEnumWord();
  const { formatDate } = useIntl();
  const { get } = useFetchClient();
  const status = useDeskStatus();
  const now = useNow();
  const [state, setState] = React.useState<'open' | 'done'>('open');
  const [tasks, setTasks] = React.useState<CallbackTask[] | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [doing, setDoing] = React.useState<CallbackTask | null>(null);

  const load = React.useCallback(() => {
    get<{ data: CallbackTask[] }>(`/notifications/callbacks?state=${state}`)
      .then(({ data }) => setTasks(state === 'done' ? [...data.data].reverse() : data.data))
      .catch((error) => setProblem(apiProblem(error).message));
  }, [get, state]);
  React.useEffect(load, [load]);
  // A new task raised by the progress sweep changes the count every page polls: the list follows it.
  React.useEffect(load, [status?.callbacks.open]);

  const when = (iso: string) => formatDate(iso, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' });
  const units = { d: t('unit.days'), h: 'h', m: 'min', s: 's' };

  return (
    <Layouts.Root>
      <Page.Title>{t('callbacks.title')}</Page.Title>
      <Page.Main>
        <Layouts.Header title={t('callbacks.title')} subtitle={t('callbacks.subtitle')} />
        <Layouts.Content>
          <DeskTabs />
          <Flex direction="column" alignItems="stretch" gap={4}>
            <ViewTabs
              label={t('callbacks.title')}
              value={state}
              onChange={setState}
              tabs={[
                { value: 'open', label: t('callbacks.tab.open') },
                { value: 'done', label: t('callbacks.tab.done') },
              ]}
            >
              {problem && (
                <Alert variant="danger" closeLabel={t('common.close')} onClose={() => setProblem(null)}>
                  {problem}
                </Alert>
              )}
              {tasks && tasks.length === 0 && <Typography>{t('callbacks.empty')}</Typography>}
              {tasks && tasks.length > 0 && (
                <Table colCount={5} rowCount={tasks.length + 1}>
                  <Thead>
                    <Tr>
                      <Th>
                        <Typography variant="sigma">{t('callbacks.col.due')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('callbacks.col.ticket')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('callbacks.col.referent')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{t('callbacks.col.notice')}</Typography>
                      </Th>
                      <Th>
                        <Typography variant="sigma">{state === 'open' ? <span aria-hidden /> : t('callbacks.col.outcome')}</Typography>
                      </Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {tasks.map((task) => {
                      const late = task.state === 'open' ? overdueMs(task.dueAt, now) : 0;
                      return (
                        <Tr key={task.documentId} data-callback={task.documentId} data-overdue={late > 0 ? 'true' : undefined} style={late > 0 ? { background: '#fcecea' } : undefined}>
                          <Td>
                            <Flex direction="column" alignItems="flex-start">
                              <Typography>{when(task.dueAt)}</Typography>
                              {task.state === 'open' &&
                                (late > 0 ? (
                                  <Typography textColor="danger700" fontWeight="bold">
                                    {t('callbacks.overdue', { time: formatDuration(late, units) })}
                                  </Typography>
                                ) : (
                                  <Typography variant="pi" textColor="neutral600">
                                    {t('callbacks.dueIn', { time: formatDuration(Date.parse(task.dueAt) - now, units) })}
                                  </Typography>
                                ))}
                            </Flex>
                          </Td>
                          <Td>
                            {task.ticket ? (
                              <Flex direction="column" alignItems="flex-start">
                                <Link tag={RouterLink} to={ticketPath(task.ticket.documentId)}>
                                  {task.ticket.number}
                                </Link>
                                <Typography variant="pi" textColor="neutral700">
                                  {`${task.ticket.title} · ${word(task.ticket.priority)} · ${word(task.ticket.state)}${task.ticket.organization ? ` · ${task.ticket.organization}` : ''}`}
                                </Typography>
                              </Flex>
                            ) : (
                              '—'
                            )}
                          </Td>
                          <Td>
                            <Flex direction="column" alignItems="flex-start">
                              <Typography>{task.contactName ?? '—'}</Typography>
                              {task.contactPhone ? <Link href={telHref(task.contactPhone)}>{task.contactPhone}</Link> : <Typography textColor="neutral600">{t('callbacks.noPhone')}</Typography>}
                            </Flex>
                          </Td>
                          <Td>
                            <Typography>{t('callbacks.notice', { count: task.noticeCount })}</Typography>
                          </Td>
                          <Td>
                            {task.state === 'open' ? (
                              <Button size="S" onClick={() => setDoing(task)} aria-label={`${t('callbacks.done')} ${task.ticket?.number ?? ''}`.trim()}>
                                {t('callbacks.done')}
                              </Button>
                            ) : (
                              <Flex direction="column" alignItems="flex-start">
                                {task.outcome && <Badge active={task.outcome === 'reached'}>{word(task.outcome)}</Badge>}
                                {task.note && <Typography style={{ whiteSpace: 'pre-wrap' }}>{task.note}</Typography>}
                                <Typography variant="pi" textColor="neutral600">
                                  {t('callbacks.by', { name: task.doneBy ?? '—', time: task.calledAt ? when(task.calledAt) : '' })}
                                </Typography>
                              </Flex>
                            )}
                          </Td>
                        </Tr>
                      );
                    })}
                  </Tbody>
                </Table>
              )}
            </ViewTabs>
          </Flex>
          {doing && (
            <DoneDialog
              task={doing}
              onClose={() => setDoing(null)}
              onDone={() => {
                setDoing(null);
                load();
                refreshDeskStatus();
              }}
            />
          )}
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
}

function DoneDialog({ task, onClose, onDone }: { task: CallbackTask; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const word = useEnumWord();
  const { post } = useFetchClient();
  const [outcome, setOutcome] = React.useState<string>('');
  const [note, setNote] = React.useState('');
  const [error, setError] = React.useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = React.useState(false);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/notifications/callbacks/${task.documentId}/done`, { outcome, ...(note.trim() ? { note: note.trim() } : {}) });
      onDone();
    } catch (failure) {
      const problem = apiProblem(failure);
      setError({ field: problem.field, message: problem.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('callbacks.doneTitle', { number: task.ticket?.number ?? '' })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>{[task.contactName, task.contactPhone].filter(Boolean).join(' · ')}</Typography>
            <Field.Root name="outcome" required error={error?.field === 'outcome' ? error.message : undefined}>
              <Field.Label>{t('callbacks.outcome')}</Field.Label>
              <Radio.Group value={outcome} onValueChange={setOutcome} aria-label={t('callbacks.outcome')}>
                {OUTCOMES.map((value) => (
                  <Radio.Item key={value} value={value}>
                    {word(value)}
                  </Radio.Item>
                ))}
              </Radio.Group>
              <Field.Error />
            </Field.Root>
            <Field.Root name="note" hint={t('callbacks.noteHint')} error={error?.field === 'note' ? error.message : undefined}>
              <Field.Label>{t('callbacks.note')}</Field.Label>
              <Textarea value={note} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setNote(event.target.value)} />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
            {error && !error.field && (
              <Typography textColor="danger600" role="alert">
                {error.message}
              </Typography>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.cancel')}</Button>
          </Modal.Close>
          <Button onClick={save} loading={busy} disabled={!outcome}>
            {t('callbacks.save')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
