/**
 * Home page widgets for operators: "Le mie richieste aperte" and "SLA a rischio", each a count and the first
 * few tickets, linked to the console's queue in the matching view.
 */
import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { Link as RouterLink } from 'react-router-dom';
import { ClockBadge } from '../components/clock-badge';
import { useNow } from '../hooks/use-now';
import { useT } from '../messages';
import { queuePath, ticketPath } from '../paths';
import { clockOffset, searchOfView, DEFAULT_VIEW, type QueueTab } from '../rules/console-ui-rules';
import type { QueueAnswer } from '../types';

function QueueWidget({ tab }: { tab: QueueTab }) {
  const t = useT();
  const { get } = useFetchClient();
  const now = useNow();
  const [answer, setAnswer] = React.useState<QueueAnswer | null>(null);
  const [offset, setOffset] = React.useState(0);
  const search = searchOfView({ ...DEFAULT_VIEW, tab, pageSize: 10 });

  React.useEffect(() => {
    const sentAt = Date.now();
    get<QueueAnswer>(`/spoc-console/queue?${search}`)
      .then(({ data }) => {
        setOffset(clockOffset(data.meta.serverTime, sentAt, Date.now()));
        setAnswer(data);
      })
      .catch(() => setAnswer(null));
  }, [get, search]);

  if (!answer) return <Typography textColor="neutral600">{t('common.loading')}</Typography>;
  const rows = answer.data.slice(0, 5);
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-widget={tab}>
      <Typography variant="beta" tag="p" data-count={answer.meta.counts[tab]}>
        <RouterLink to={queuePath(search)}>{t('widget.count', { count: answer.meta.counts[tab] })}</RouterLink>
      </Typography>
      {rows.length === 0 && <Typography textColor="neutral600">{t('widget.none')}</Typography>}
      <Flex direction="column" alignItems="stretch" gap={1} tag="ul">
        {rows.map((row) => (
          <Flex key={row.documentId} tag="li" justifyContent="space-between" gap={2}>
            <Box overflow="hidden">
              <Typography ellipsis>
                <RouterLink to={ticketPath(row.documentId)}>{row.number}</RouterLink> {row.title}
              </Typography>
            </Box>
            {row.clock && <ClockBadge clock={row.clock} now={now} offset={offset} />}
          </Flex>
        ))}
      </Flex>
    </Flex>
  );
}

export const MyOpenTicketsWidget = () => <QueueWidget tab="mine" />;
export const SlaAtRiskWidget = () => <QueueWidget tab="risk" />;
