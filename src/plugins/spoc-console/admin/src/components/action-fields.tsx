import * as React from 'react';
import { Checkbox, Field, Textarea } from '@strapi/design-system';
import { useT } from '../messages';
import { actionNeeds, type ConsoleAction } from '../rules/console-ui-rules';

export interface ActionInputs {
  reason: string;
  resolution: string;
  attributable: boolean;
}

export const NO_INPUTS: ActionInputs = { reason: '', resolution: '', attributable: false };

/** What a lifecycle action asks before it is sent: a reason, "attributable to the Administration", a resolution. */
export function ActionFields({
  action,
  value,
  onChange,
  missing = null,
}: {
  action: ConsoleAction;
  value: ActionInputs;
  onChange: (value: ActionInputs) => void;
  missing?: 'reason' | 'resolution' | null;
}) {
  const t = useT();
  const needs = actionNeeds(action);
  const text = (name: 'reason' | 'resolution', label: string) => (
    <Field.Root name={name} required error={missing === name ? t('field.required') : undefined}>
      <Field.Label>{label}</Field.Label>
      <Textarea value={value[name]} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange({ ...value, [name]: event.target.value })} />
      <Field.Error />
    </Field.Root>
  );
  return (
    <>
      {needs.reason && text('reason', t('field.reason'))}
      {needs.attributable && (
        <Checkbox checked={value.attributable} onCheckedChange={(checked: boolean | 'indeterminate') => onChange({ ...value, attributable: checked === true })}>
          {t('field.attributable')}
        </Checkbox>
      )}
      {needs.resolution && text('resolution', t('field.resolution'))}
    </>
  );
}
