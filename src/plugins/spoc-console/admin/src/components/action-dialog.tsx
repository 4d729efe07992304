import * as React from 'react';
import { Button, Flex, Modal, Typography } from '@strapi/design-system';
import { useMailEventWord, useT } from '../messages';
import type { ActionNotice } from '../types';
import { actionBody, type ConsoleAction } from '../rules/console-ui-rules';
import { ActionFields, NO_INPUTS, type ActionInputs } from './action-fields';

/** What an action sends and which clock it stops, pauses or resumes, as the lines of its confirmation. */
function useNoticeLines(notice: ActionNotice | undefined): string[] {
  const t = useT();
  const eventWord = useMailEventWord();
  if (!notice) return [];
  const mails = notice.emails.filter((mail) => mail.recipients.length > 0);
  const lines = mails.map((mail) =>
    t('confirm.mail', { what: eventWord(mail.event), to: mail.recipients.map((recipient) => (recipient.name ? `${recipient.name} <${recipient.address}>` : recipient.address)).join(', ') })
  );
  if (mails.length === 0) lines.push(t('confirm.noMails'));
  const { stops, pauses, resumes } = notice.clocks;
  if (stops) lines.push(t('confirm.stops', { clock: t(`clock.${stops}`) }));
  if (pauses) lines.push(t('confirm.pauses', { clock: t(`clock.${pauses}`) }));
  if (resumes) lines.push(t('confirm.resumes', { clock: t(`clock.${resumes}`) }));
  return lines;
}

/**
 * The confirmation of a lifecycle action: what happens (the server's notices: which e-mails go to whom,
 * which clock stops), and the reason or resolution the action needs.
 */
export function ActionDialog({
  action,
  number,
  notice,
  busy,
  onConfirm,
  onClose,
}: {
  action: ConsoleAction;
  number: string;
  notice: ActionNotice | undefined;
  busy: boolean;
  onConfirm: (body: Record<string, unknown>) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [inputs, setInputs] = React.useState<ActionInputs>(NO_INPUTS);
  const [missing, setMissing] = React.useState<'reason' | 'resolution' | null>(null);
  const lines = useNoticeLines(notice);

  const confirm = () => {
    const planned = actionBody(action, { reason: inputs.reason, resolution: inputs.resolution, attributableToAdministration: inputs.attributable });
    if (!planned.ok) {
      setMissing(planned.missing);
      return;
    }
    onConfirm(planned.body);
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('confirm.title', { action: t(`action.${action}`), number })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography tag="p">{t(`confirm.${action}`)}</Typography>
            {lines.length > 0 && (
              <ul style={{ paddingLeft: 20, listStyle: 'disc' }} data-notices>
                {lines.map((line) => (
                  <li key={line}>
                    <Typography>{line}</Typography>
                  </li>
                ))}
              </ul>
            )}
            <ActionFields action={action} value={inputs} onChange={setInputs} missing={missing} />
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {t('confirm.back')}
          </Button>
          <Button loading={busy} onClick={confirm} variant={action === 'cancel' ? 'danger' : 'default'}>
            {t('confirm.ok')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
