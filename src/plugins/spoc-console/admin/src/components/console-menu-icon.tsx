/**
 * The console's icon in the panel's main menu. The menu is on every page of the panel, so the icon is where
 * the console keeps watch while the operator is elsewhere: it hosts the call pop-up (one, however many times
 * the menu renders its links) and counts the call-backs overdue on the entry.
 */
import * as React from 'react';
import { Stack } from '@strapi/icons';
import { useDeskStatus } from '../hooks/use-desk-status';
import { useT } from '../messages';
import { CallDrawer } from './call-drawer';

let hosts = 0;

export function ConsoleMenuIcon(props: React.SVGProps<SVGSVGElement>) {
  const t = useT();
  const status = useDeskStatus();
  const [host, setHost] = React.useState(false);
  React.useEffect(() => {
    hosts += 1;
    setHost(hosts === 1);
    return () => {
      hosts -= 1;
    };
  }, []);
  const overdue = status?.callbacks.overdue ?? 0;
  return (
    <>
      <Stack {...props} />
      {overdue > 0 && (
        <span
          data-callbacks-overdue={overdue}
          aria-label={t('callbacks.menuCount', { count: overdue })}
          title={t('callbacks.menuCount', { count: overdue })}
          style={{ position: 'absolute', top: -6, right: -8, minWidth: 16, height: 16, padding: '0 4px', borderRadius: 8, background: '#d02b20', color: '#fff', fontSize: 10, lineHeight: '16px', fontWeight: 700, textAlign: 'center' }}
        >
          {overdue}
        </span>
      )}
      {host && <CallDrawer />}
    </>
  );
}
