/** A desk's two messages above its content: what went wrong (danger) and what was just done (success, announced). */
import { Alert } from '@strapi/design-system';
import { useT } from '../messages';

export function PageNotices({ problem, notice, onProblemClose, onNoticeClose }: { problem: string | null; notice?: string | null; onProblemClose: () => void; onNoticeClose?: () => void }) {
  const t = useT();
  return (
    <>
      {problem && (
        <Alert variant="danger" closeLabel={t('common.close')} onClose={onProblemClose}>
          {problem}
        </Alert>
      )}
      {notice && (
        <Alert variant="success" closeLabel={t('common.close')} onClose={onNoticeClose ?? (() => undefined)} role="status">
          {notice}
        </Alert>
      )}
    </>
  );
}
