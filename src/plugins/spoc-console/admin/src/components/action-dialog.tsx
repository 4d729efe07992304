import * as React from 'react';
import { Button, Checkbox, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { useT } from '../messages';
import { actionBody, actionNeeds, type ConsoleAction } from '../rules/console-ui-rules';

/** What the server says an action sends and stops (`notices` of the workspace), as lines to read. */
export function noticeLines(notice: unknown): string[] {
  if (!notice) return [];
  if (typeof notice === 'string') return [notice];
  if (Array.isArray(notice)) return notice.flatMap(noticeLines);
  if (typeof notice !== 'object') return [];
  const value = notice as Record<string, unknown>;
  const lines: string[] = [];
  if (typeof value.summary === 'string') lines.push(value.summary);
  if (typeof value.text === 'string') lines.push(value.text);
  const mails = (value.emails ?? value.mails ?? value.messages) as unknown;
  if (Array.isArray(mails)) {
    for (const mail of mails) {
      if (typeof mail === 'string') lines.push(mail);
      else if (mail && typeof mail === 'object') {
        const m = mail as Record<string, unknown>;
        const to = Array.isArray(m.to) ? m.to.join(', ') : (m.to ?? m.recipient ?? m.recipients ?? m.audience);
        const what = m.subject ?? m.template ?? m.description ?? m.label;
        lines.push([what, to].filter(Boolean).map(String).join(' → '));
      }
    }
  }
  const clock = value.stopsClock ?? value.clock ?? value.clocks;
  if (typeof clock === 'string') lines.push(clock);
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
  notice: unknown;
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
  const lines = noticeLines(notice);

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
