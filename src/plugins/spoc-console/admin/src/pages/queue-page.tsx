/**
 * The queue ("Coda"): open tickets, most urgent first, with the running clock's countdown ticking every second
 * (corrected by the server's time), tabs with counts, filters and search, pages; the whole view lives in the
 * URL, so a link or a reload shows the same queue. The live stream reloads it on every ticket change.
 */
import * as React from 'react';
import {
  Alert,
  Box,
  Button,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tabs,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { Plus, Search } from '@strapi/icons';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { ClockBadge } from '../components/clock-badge';
import { DeskTabs } from '../components/desk-tabs';
import { LiveIndicator } from '../components/live-indicator';
import { apiProblem } from '../components/errors';
import { useLiveTicketEvents } from '../hooks/use-live-events';
import { useNow } from '../hooks/use-now';
import { useSingleFlight } from '../hooks/use-single-flight';
import { useQueueOptions } from '../hooks/use-queue-options';
import { useEnumWord, useT } from '../messages';
import { PAGE_SIZES, QUEUE_TABS, clockOffset, searchOfView, viewFromSearch, withFilter, type QueueFilter, type QueueView } from '../rules/console-ui-rules';
import type { QueueAnswer } from '../types';
import { newTicketPath, ticketPath } from '../paths';

export function QueuePage() {
  const t = useT();
  const word = useEnumWord();
  const { formatDate } = useIntl();
  const { get } = useFetchClient();
  const location = useLocation();
  const navigate = useNavigate();
  const view = React.useMemo(() => viewFromSearch(location.search), [location.search]);
  const options = useQueueOptions();
  const now = useNow();
  const [answer, setAnswer] = React.useState<QueueAnswer | null>(null);
  const [offset, setOffset] = React.useState(0);
  const [error, setError] = React.useState<string | null>(null);
  const [search, setSearch] = React.useState(view.filters.q ?? '');
  const currentSearch = React.useRef('');
  currentSearch.current = searchOfView(view);

  const go = (next: QueueView) => navigate({ search: `?${searchOfView(next)}` });

  const load = useSingleFlight(async () => {
    const search = currentSearch.current;
    const sentAt = Date.now();
    try {
      const { data } = await get<QueueAnswer>(`/spoc-console/queue?${search}`);
      // The view changed meanwhile: the run that follows reads the new one.
      if (search !== currentSearch.current) return;
      setOffset(clockOffset(data.meta.serverTime, sentAt, Date.now()));
      setAnswer(data);
      setError(null);
    } catch (failure) {
      setError(apiProblem(failure).message);
    }
  });

  React.useEffect(() => load(), [load, location.search]);
  React.useEffect(() => setSearch(view.filters.q ?? ''), [view.filters.q]);

  const live = useLiveTicketEvents(load, load);

  const filterSelect = (name: QueueFilter, label: string, values: Array<{ value: string; label: string }>, anyLabel = t('queue.filter.any')) => (
    <Box minWidth="160px" key={name}>
      <SingleSelect
        aria-label={label}
        value={view.filters[name] ?? ''}
        onChange={(value: string | number) => go(withFilter(view, name, String(value) || null))}
        size="S"
      >
        <SingleSelectOption value="">{`${label}: ${anyLabel}`}</SingleSelectOption>
        {values.map((option) => (
          <SingleSelectOption key={option.value} value={option.value}>
            {option.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Box>
  );

  const counts = answer?.meta.counts;
  const pagination = answer?.meta.pagination;
  const when = (value: string) => formatDate(value, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' });

  return (
    <Layouts.Root>
      <Page.Title>{t('queue.title')}</Page.Title>
      <Page.Main>
        <Layouts.Header
          title={t('queue.title')}
          subtitle={t('queue.subtitle')}
          primaryAction={
            <Button tag={RouterLink} to={newTicketPath()} startIcon={<Plus />}>
              {t('queue.new')}
            </Button>
          }
          secondaryAction={<LiveIndicator connected={live} />}
        />
        <Layouts.Content>
          <DeskTabs />
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Tabs.Root value={view.tab} onValueChange={(tab: string) => go({ ...view, tab: tab as QueueView['tab'], page: 1 })}>
              <Tabs.List aria-label={t('queue.tabs')}>
                {QUEUE_TABS.map((tab) => (
                  <Tabs.Trigger key={tab} value={tab}>
                    {t(`queue.tab.${tab}`)}
                    {counts ? ` (${counts[tab]})` : ''}
                  </Tabs.Trigger>
                ))}
              </Tabs.List>
              {QUEUE_TABS.map((tab) => (
                <Tabs.Content key={tab} value={tab}>
                  {tab === view.tab && (
                    <Box paddingTop={4}>
                      <Flex gap={2} wrap="wrap" alignItems="flex-end" tag="form" role="search" onSubmit={(event: React.FormEvent) => {
                        event.preventDefault();
                        go(withFilter(view, 'q', search.trim() || null));
                      }}>
                        <Box minWidth="320px">
                          <TextInput
                            aria-label={t('queue.search')}
                            placeholder={t('queue.search')}
                            name="q"
                            size="S"
                            value={search}
                            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setSearch(event.target.value)}
                            startAction={<Search aria-hidden />}
                          />
                        </Box>
                        <Button type="submit" variant="secondary" size="S">
                          {t('queue.search.submit')}
                        </Button>
                        {filterSelect('priority', t('col.priority'), options.priorities.map((value) => ({ value, label: word(value) })), t('queue.filter.anyFem'))}
                        {filterSelect('state', t('col.state'), options.states.map((value) => ({ value, label: word(value) })))}
                        {filterSelect('channel', t('col.channel'), options.channels.map((value) => ({ value, label: word(value) })))}
                        {filterSelect('organization', t('col.organization'), options.organizations.map((org) => ({ value: org.documentId, label: org.name })), t('queue.filter.anyFem'))}
                        {filterSelect('category', t('col.category'), options.categories.map((category) => ({ value: category.documentId, label: category.name })), t('queue.filter.anyFem'))}
                        {Object.keys(view.filters).length > 0 && (
                          <Button variant="tertiary" size="S" onClick={() => go({ ...view, filters: {}, page: 1 })}>
                            {t('queue.clear')}
                          </Button>
                        )}
                      </Flex>
                    </Box>
                  )}
                </Tabs.Content>
              ))}
            </Tabs.Root>

            {error && (
              <Alert variant="danger" closeLabel={t('common.close')} onClose={() => setError(null)}>
                {t('queue.loadError', { message: error })}
              </Alert>
            )}

            {!answer ? (
              <Page.Loading />
            ) : answer.data.length === 0 ? (
              <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
                <Typography tag="p">{t('queue.empty')}</Typography>
              </Box>
            ) : (
              <Table colCount={8} rowCount={answer.data.length + 1}>
                <Thead>
                  <Tr>
                    {(['col.number', 'col.title', 'col.organizationRequester', 'col.channel', 'col.priority', 'col.state', 'col.assignee', 'col.due'] as const).map((key) => (
                      <Th key={key}>
                        <Typography variant="sigma">{t(key)}</Typography>
                      </Th>
                    ))}
                  </Tr>
                </Thead>
                <Tbody>
                  {answer.data.map((row) => (
                    <Tr key={row.documentId} data-ticket={row.number}>
                      <Td>
                        <Typography fontWeight="bold">
                          <RouterLink to={ticketPath(row.documentId)}>
                            {row.number}
                          </RouterLink>
                        </Typography>
                      </Td>
                      <Td style={{ minWidth: 200, maxWidth: 320, whiteSpace: 'normal' }}>
                        <Typography>{row.title}</Typography>
                      </Td>
                      <Td style={{ whiteSpace: 'normal' }}>
                        <Flex direction="column" alignItems="flex-start">
                          <Typography>{row.organization?.name ?? '—'}</Typography>
                          {row.requester?.name && (
                            <Typography variant="pi" textColor="neutral600">
                              {row.requester.name}
                            </Typography>
                          )}
                        </Flex>
                      </Td>
                      <Td>
                        <Typography>{word(row.channel)}</Typography>
                      </Td>
                      <Td>
                        <Typography>{word(row.priority)}</Typography>
                      </Td>
                      <Td>
                        <Typography>{word(row.state)}</Typography>
                      </Td>
                      <Td>
                        <Typography>{row.assignee?.name ?? '—'}</Typography>
                      </Td>
                      <Td>
                        {row.clock ? (
                          <Flex direction="column" alignItems="flex-start" gap={1}>
                            <Typography variant="pi" textColor="neutral600">
                              {t(`clock.${row.clock.kind}`)}
                              {row.clock.dueAt ? ` · ${when(row.clock.dueAt)}` : ''}
                            </Typography>
                            <ClockBadge clock={row.clock} now={now} offset={offset} />
                          </Flex>
                        ) : (
                          <Typography textColor="neutral600">{t('clock.none')}</Typography>
                        )}
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}

            {pagination && (
              <Flex justifyContent="space-between" alignItems="center" gap={2} tag="nav" aria-label={t('queue.page', { page: pagination.page, pages: Math.max(1, pagination.pageCount) })}>
                <Typography textColor="neutral600">{t('queue.results', { total: pagination.total })}</Typography>
                <Flex gap={2} alignItems="center">
                  <Box minWidth="120px">
                    <SingleSelect aria-label={t('queue.pageSize')} size="S" value={String(view.pageSize)} onChange={(value: string | number) => go({ ...view, pageSize: Number(value), page: 1 })}>
                      {PAGE_SIZES.map((size) => (
                        <SingleSelectOption key={size} value={String(size)}>
                          {String(size)}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Box>
                  <Button variant="tertiary" size="S" disabled={pagination.page <= 1} onClick={() => go({ ...view, page: pagination.page - 1 })}>
                    {t('queue.previous')}
                  </Button>
                  <Typography>{t('queue.page', { page: pagination.page, pages: Math.max(1, pagination.pageCount) })}</Typography>
                  <Button variant="tertiary" size="S" disabled={pagination.page >= pagination.pageCount} onClick={() => go({ ...view, page: pagination.page + 1 })}>
                    {t('queue.next')}
                  </Button>
                </Flex>
              </Flex>
            )}
            <VisuallyHidden aria-live="polite">{answer ? t('queue.results', { total: answer.meta.pagination.total }) : ''}</VisuallyHidden>
          </Flex>
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
}
