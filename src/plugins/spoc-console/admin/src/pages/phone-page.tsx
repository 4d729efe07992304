/**
 * "Telefono": the calls of a day (Rome), everyone's or one operator's, with what each became (a ticket, nothing,
 * still waiting, unanswered), and "Chiamata in corso" for a desk with no PBX: the call is recorded when the
 * operator answers, and its pop-up takes over from there.
 */
import * as React from 'react';
import { Alert, Badge, Button, Field, Flex, Link, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Phone } from '@strapi/icons';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { DeskTabs } from '../components/desk-tabs';
import { apiProblem } from '../components/errors';
import { refreshDeskStatus, useDeskStatus } from '../hooks/use-desk-status';
import { useNow } from '../hooks/use-now';
import { useQueueOptions } from '../hooks/use-queue-options';
import { useT } from '../messages';
import { ticketPath } from '../paths';
import { callDurationMs, callFate, romeDay, timerText } from '../rules/desk-rules';
import { telHref } from '../rules/console-ui-rules';
import type { DeskCall } from '../types';

export function PhonePage() {
  const t = useT();
  const { formatDate } = useIntl();
  const { get, post } = useFetchClient();
  const options = useQueueOptions();
  const status = useDeskStatus();
  const now = useNow();
  const [day, setDay] = React.useState(() => romeDay(new Date()));
  const [operator, setOperator] = React.useState('');
  const [calls, setCalls] = React.useState<DeskCall[] | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [answering, setAnswering] = React.useState(false);

  const load = React.useCallback(() => {
    const params = new URLSearchParams({ day, ...(operator ? { operator } : {}) });
    get<{ data: DeskCall[] }>(`/spoc-console/calls?${params}`)
      .then(({ data }) => setCalls(data.data))
      .catch((error) => setProblem(apiProblem(error).message));
  }, [get, day, operator]);
  React.useEffect(load, [load]);
  // The operator's waiting calls change as they are answered and handled: the list follows them.
  const waitingKey = (status?.calls ?? []).map((call) => `${call.documentId}:${call.callerNumber ?? ''}:${call.endedAt ?? ''}`).join(',');
  React.useEffect(load, [waitingKey]);

  const answer = async () => {
    setAnswering(true);
    setProblem(null);
    try {
      await post('/spoc-console/calls', {});
      refreshDeskStatus();
    } catch (error) {
      setProblem(apiProblem(error).message);
    } finally {
      setAnswering(false);
    }
  };

  const time = (iso: string) => formatDate(iso, { timeStyle: 'medium', timeZone: 'Europe/Rome' });

  return (
    <Layouts.Root>
      <Page.Title>{t('phone.title')}</Page.Title>
      <Page.Main>
        <Layouts.Header
          title={t('phone.title')}
          subtitle={t('phone.subtitle')}
          primaryAction={
            <Button startIcon={<Phone />} onClick={answer} loading={answering} title={t('phone.answerHint')}>
              {t('phone.answer')}
            </Button>
          }
        />
        <Layouts.Content>
          <DeskTabs />
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <Field.Root name="day">
                <Field.Label>{t('phone.day')}</Field.Label>
                <TextInput type="date" value={day} onChange={(event: React.ChangeEvent<HTMLInputElement>) => event.target.value && setDay(event.target.value)} />
              </Field.Root>
              <Field.Root name="operator">
                <Field.Label>{t('phone.operator')}</Field.Label>
                <SingleSelect value={operator} onChange={(value: string | number) => setOperator(String(value))}>
                  <SingleSelectOption value="">{t('phone.anyOperator')}</SingleSelectOption>
                  {options.operators.map((entry) => (
                    <SingleSelectOption key={entry.id} value={String(entry.id)}>
                      {entry.name}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              {calls && <Typography textColor="neutral700">{t('phone.count', { count: calls.length })}</Typography>}
            </Flex>
            {problem && (
              <Alert variant="danger" closeLabel={t('common.close')} onClose={() => setProblem(null)}>
                {problem}
              </Alert>
            )}
            {calls && calls.length === 0 && <Typography>{t('phone.empty')}</Typography>}
            {calls && calls.length > 0 && (
              <Table colCount={5} rowCount={calls.length + 1}>
                <Thead>
                  <Tr>
                    <Th>
                      <Typography variant="sigma">{t('phone.col.startedAt')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('phone.col.duration')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('phone.col.number')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('phone.col.operator')}</Typography>
                    </Th>
                    <Th>
                      <Typography variant="sigma">{t('phone.col.outcome')}</Typography>
                    </Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {calls.map((call) => {
                    const fate = callFate(call);
                    return (
                      <Tr key={call.documentId} data-call-row={call.documentId}>
                        <Td>
                          <Typography>{time(call.startedAt)}</Typography>
                        </Td>
                        <Td>
                          <Typography>{timerText(callDurationMs(call, now))}</Typography>
                        </Td>
                        <Td>{call.callerNumber ? <Link href={telHref(call.callerNumber)}>{call.callerNumber}</Link> : <Typography textColor="neutral600">{t('call.noNumber')}</Typography>}</Td>
                        <Td>
                          <Typography>{call.operator?.name ?? '—'}</Typography>
                        </Td>
                        <Td>
                          {fate === 'ticket' && call.ticket ? (
                            <Link tag={RouterLink} to={ticketPath(call.ticket.documentId)}>
                              {`${call.ticket.number} · ${call.ticket.title}`}
                            </Link>
                          ) : (
                            <Badge active={fate === 'pending' || fate === 'unanswered'}>{t(`phone.fate.${fate as 'pending'}`)}</Badge>
                          )}
                        </Td>
                      </Tr>
                    );
                  })}
                </Tbody>
              </Table>
            )}
          </Flex>
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
}
