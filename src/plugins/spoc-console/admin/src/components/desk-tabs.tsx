/** The console's desks, one link each, on top of each desk's page: the queue, the phone, the call-backs, maintenance, and for supervisors the quarantine and the board. */
import { Badge, Button, Flex } from '@strapi/design-system';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import { useDeskStatus } from '../hooks/use-desk-status';
import { useT } from '../messages';
import { useConsoleUser } from '../hooks/use-console-user';
import { boardPath, callbacksPath, maintenancePath, phonePath, quarantinePath, queuePath } from '../paths';

export function DeskTabs() {
  const t = useT();
  const { pathname } = useLocation();
  const status = useDeskStatus();
  const { supervisor } = useConsoleUser();
  const desks = [
    { path: queuePath(), label: t('desk.queue'), count: null },
    { path: phonePath(), label: t('desk.phone'), count: status?.calls.length || null },
    { path: callbacksPath(), label: t('desk.callbacks'), count: status?.callbacks.open || null, alert: (status?.callbacks.overdue ?? 0) > 0 },
    { path: maintenancePath(), label: t('desk.maintenance'), count: null },
    ...(supervisor
      ? [
          { path: quarantinePath(), label: t('desk.quarantine'), count: null },
          { path: boardPath(), label: t('desk.board'), count: null },
        ]
      : []),
  ];
  return (
    <Flex tag="nav" aria-label={t('desk.tabs')} gap={2} paddingBottom={4}>
      {desks.map((desk) => {
        const current = pathname.endsWith(desk.path);
        return (
          <Button key={desk.path} tag={RouterLink} to={desk.path} variant={current ? 'secondary' : 'tertiary'} aria-current={current ? 'page' : undefined}>
            {desk.label}
            {desk.count !== null && (
              <Badge marginLeft={2} active={desk.alert}>
                {desk.count}
              </Badge>
            )}
          </Button>
        );
      })}
    </Flex>
  );
}
