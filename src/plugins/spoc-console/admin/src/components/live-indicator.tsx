import { Badge } from '@strapi/design-system';
import { useT } from '../messages';

/** Whether the page's live stream is connected. */
export function LiveIndicator({ connected }: { connected: boolean }) {
  const t = useT();
  return (
    <Badge variant={connected ? 'success' : 'neutral'} aria-live="polite" data-live={connected ? 'on' : 'off'}>
      {connected ? t('queue.live.on') : t('queue.live.off')}
    </Badge>
  );
}
