/** The home page's "Cruscotto SLA" for supervisors: this month's compliance of both clocks, the penalties, today's breaches. */
import * as React from 'react';
import { Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { BarChart } from '../components/bar-chart';
import { useT } from '../messages';
import type { BoardFigures } from '../types';

export function BoardWidget() {
  const t = useT();
  const { formatNumber } = useIntl();
  const { get } = useFetchClient();
  const [figures, setFigures] = React.useState<BoardFigures | null>(null);
  React.useEffect(() => {
    get<{ data: BoardFigures }>('/spoc-console/board')
      .then(({ data }) => setFigures(data.data))
      .catch(() => setFigures(null));
  }, [get]);
  if (!figures) return <Typography textColor="neutral600">{t('common.loading')}</Typography>;
  const share = (value: number | null) => (value === null ? '—' : `${formatNumber(value, { maximumFractionDigits: 2 })}%`);
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-widget="board">
      <BarChart
        label={t('board.compliance')}
        max={100}
        threshold={{ value: figures.compliance.takeCharge.threshold, label: t('board.threshold', { threshold: figures.compliance.takeCharge.threshold }) }}
        bars={(['takeCharge', 'restore'] as const).map((clock) => ({
          label: t(clock === 'takeCharge' ? 'clock.take_charge' : 'clock.restore'),
          value: figures.compliance[clock].sharePercent ?? 0,
          text: share(figures.compliance[clock].sharePercent),
          color: figures.compliance[clock].meetsThreshold === false ? '#d02b20' : '#328048',
        }))}
      />
      <Typography>
        {`${t('board.penalties')}: ${formatNumber(figures.penalties.afterCap, { style: 'currency', currency: 'EUR' })} · ${t('board.breachesToday')}: ${figures.breachesToday.total}`}
      </Typography>
    </Flex>
  );
}
