import { Link } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Link as RouterLink } from 'react-router-dom';
import { useT } from '../messages';
import { queuePath } from '../paths';

/** The way back to the queue, at the top of the console's other pages. */
export function BackToQueue() {
  const t = useT();
  return (
    <Link tag={RouterLink} to={queuePath()} startIcon={<ArrowLeft />}>
      {t('ws.back')}
    </Link>
  );
}
