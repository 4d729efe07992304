import * as React from 'react';
import { Button, Checkbox, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { useMailEventWord, useT } from '../messages';
import type { ActionNotice } from '../types';
import { actionBody, actionNeeds, type ConsoleAction } from '../rules/console-ui-rules';

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
  const needs = actionNeeds(action);
  const [reason, setReason] = React.useState('');
  const [resolution, setResolution] = React.useState('');
  const [attributable, setAttributable] = React.useState(false);
  const [missing, setMissing] = React.useState<'reason' | 'resolution' | null>(null);
  const lines = useNoticeLines(notice);

  const confirm = () => {
    const planned = actionBody(action, { reason, resolution, attributableToAdministration: attributable });
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
            {needs.reason && (
              <Field.Root name="reason" required error={missing === 'reason' ? t('field.required') : undefined}>
                <Field.Label>{t('field.reason')}</Field.Label>
                <Textarea value={reason} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setReason(event.target.value)} />
                <Field.Error />
              </Field.Root>
            )}
            {needs.attributable && (
              <Checkbox checked={attributable} onCheckedChange={(checked: boolean | 'indeterminate') => setAttributable(checked === true)}>
                {t('field.attributable')}
              </Checkbox>
            )}
            {needs.resolution && (
              <Field.Root name="resolution" required error={missing === 'resolution' ? t('field.required') : undefined}>
                <Field.Label>{t('field.resolution')}</Field.Label>
                <Textarea value={resolution} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setResolution(event.target.value)} />
                <Field.Error />
              </Field.Root>
            )}
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
