/**
 * "Nuova richiesta": registering a call while it happens. Keyboard-first (the organization has the focus,
 * Tab walks the fields, Ctrl+Enter registers from anywhere), organization by type-ahead, the requester from
 * the organization's users or typed in, the targets the priority implies, and reportedAt = the moment the
 * form opened unless the operator sets an earlier one (more than 15 minutes back needs a reason). The number
 * is shown as soon as the server answers. Opened from a call's pop-up (`?call=`), it registers that call: the
 * caller prefilled as the number knows them, channel phone, reportedAt the call's start.
 */
import * as React from 'react';
import { Alert, Box, Button, Checkbox, Combobox, ComboboxOption, Field, Flex, Grid, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { BackToQueue } from '../components/back-to-queue';
import { apiProblem } from '../components/errors';
import { refreshDeskStatus } from '../hooks/use-desk-status';
import { useQueueOptions } from '../hooks/use-queue-options';
import { useEnumWord, useT } from '../messages';
import { newTicketPath, ticketPath } from '../paths';
import { reportedAtOfForm, toDateTimeLocal } from '../rules/console-ui-rules';
import type { CallDetail } from '../types';

interface Requester {
  documentId: string;
  name: string;
  email?: string | null;
  phone?: string | null;
}

interface Form {
  organization: string;
  requester: string;
  requesterName: string;
  requesterEmail: string;
  requesterPhone: string;
  title: string;
  description: string;
  category: string;
  kind: string;
  priority: string;
  channel: string;
  earlier: boolean;
  reportedAt: string;
  reportedAtReason: string;
}

const CHANNELS = ['phone', 'email', 'api'] as const;

/** The targets the chosen priority implies (GET /spoc-console/sla-targets), or null when no policy applies. */
function targetsOf(answer: { targets?: Array<{ priority: string; takeChargeMinutes: number; restoreMinutes: number }> } | null, priority: string) {
  const target = answer?.targets?.find((entry) => entry.priority === priority);
  return target ? { takeCharge: target.takeChargeMinutes, restore: target.restoreMinutes } : null;
}

export function NewTicketPage() {
  const t = useT();
  const word = useEnumWord();
  const { formatDate } = useIntl();
  const { get, post } = useFetchClient();
  const options = useQueueOptions();
  const [searchParams] = useSearchParams();
  const callParam = searchParams.get('call');
  const [fromCall, setFromCall] = React.useState<CallDetail | null>(null);
  /** The caller's portal account, chosen once the organization's users are loaded. */
  const callerAccount = React.useRef<string | null>(null);
  const [openedAt, setOpenedAt] = React.useState(() => new Date());
  const blank = React.useCallback(
    (): Form => ({
      organization: '',
      requester: '',
      requesterName: '',
      requesterEmail: '',
      requesterPhone: '',
      title: '',
      description: '',
      category: '',
      kind: 'incident',
      priority: 'P3',
      channel: 'phone',
      earlier: false,
      reportedAt: toDateTimeLocal(new Date()),
      reportedAtReason: '',
    }),
    []
  );
  const [form, setForm] = React.useState<Form>(blank);
  const [requesters, setRequesters] = React.useState<Requester[]>([]);
  const [targets, setTargets] = React.useState<{ takeCharge: number; restore: number } | null>(null);
  const [errors, setErrors] = React.useState<Partial<Record<keyof Form, string>>>({});
  const [problem, setProblem] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [created, setCreated] = React.useState<{ documentId: string; number: string } | null>(null);
  const formRef = React.useRef<HTMLFormElement>(null);

  const set = <K extends keyof Form>(name: K, value: Form[K]) => setForm((current) => ({ ...current, [name]: value }));

  React.useEffect(() => {
    setRequesters([]);
    set('requester', '');
    if (!form.organization) return;
    get<{ data: Requester[] }>(`/spoc-console/organizations/${form.organization}/requesters`)
      .then(({ data }) => {
        setRequesters(data.data);
        const account = callerAccount.current;
        callerAccount.current = null;
        if (account && data.data.some((requester) => requester.documentId === account)) set('requester', account);
      })
      .catch(() => setRequesters([]));
  }, [get, form.organization]);

  React.useEffect(() => {
    setFromCall(null);
    if (!callParam) return;
    get<{ data: CallDetail }>(`/spoc-console/calls/${encodeURIComponent(callParam)}`)
      .then(({ data }) => {
        const { call, caller } = data.data;
        setFromCall(data.data);
        setOpenedAt(new Date(call.startedAt));
        callerAccount.current = caller.requester?.documentId ?? null;
        setForm((current) => ({
          ...current,
          organization: caller.organization?.documentId ?? current.organization,
          requesterName: caller.requesterName ?? '',
          requesterEmail: caller.requesterEmail ?? '',
          requesterPhone: call.callerNumber ?? '',
          channel: 'phone',
          earlier: false,
        }));
      })
      .catch((error) => setProblem(apiProblem(error).message));
  }, [get, callParam]);

  React.useEffect(() => {
    const params = new URLSearchParams({ priority: form.priority, kind: form.kind, ...(form.organization ? { organization: form.organization } : {}) });
    get<{ data: Parameters<typeof targetsOf>[0] }>(`/spoc-console/sla-targets?${params}`)
      .then(({ data }) => setTargets(targetsOf(data.data, form.priority)))
      .catch(() => setTargets(null));
  }, [get, form.priority, form.kind, form.organization]);

  const picked = requesters.find((requester) => requester.documentId === form.requester) ?? null;

  const submit = async () => {
    setErrors({});
    setProblem(null);
    // A call's ticket is reported at the call's start, which the server takes from the call.
    const reported = fromCall ? { ok: true as const, reportedAt: undefined, reason: null } : reportedAtOfForm(openedAt, form.earlier ? form.reportedAt : null, form.reportedAtReason, new Date());
    if (!reported.ok) {
      setErrors({ [reported.field]: t(`new.problem.${reported.problem}`) });
      return;
    }
    const missing = (['organization', 'title', 'description'] as const).filter((name) => !form[name].trim());
    if (missing.length > 0) {
      setErrors(Object.fromEntries(missing.map((name) => [name, t('field.required')])));
      return;
    }
    setBusy(true);
    try {
      const body = {
        organization: form.organization,
        ...(form.requester
          ? { requester: form.requester }
          : { requesterName: form.requesterName.trim(), requesterEmail: form.requesterEmail.trim(), requesterPhone: form.requesterPhone.trim() }),
        title: form.title.trim(),
        description: form.description.trim(),
        ...(form.category ? { category: form.category } : {}),
        kind: form.kind,
        priority: form.priority,
        channel: form.channel,
        ...(reported.reportedAt ? { reportedAt: reported.reportedAt } : {}),
        ...(reported.reason ? { reportedAtReason: reported.reason } : {}),
        ...(fromCall ? { call: fromCall.call.documentId } : {}),
      };
      const { data } = await post<{ data: { documentId: string; number: string } }>('/spoc-console/tickets', body);
      setCreated({ documentId: data.data.documentId, number: data.data.number });
      if (fromCall) refreshDeskStatus();
    } catch (error) {
      const failure = apiProblem(error);
      if (failure.field && failure.field in form) setErrors({ [failure.field]: failure.message });
      else setProblem(failure.message);
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    setCreated(null);
    setForm(blank());
    setOpenedAt(new Date());
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const text = (name: keyof Form, label: string, props: { required?: boolean; type?: string; hint?: string } = {}) => (
    <Field.Root name={name} required={props.required} error={errors[name]} hint={props.hint}>
      <Field.Label>{label}</Field.Label>
      <TextInput type={props.type ?? 'text'} value={String(form[name])} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set(name, event.target.value as never)} />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
  const select = (name: keyof Form, label: string, values: Array<{ value: string; label: string }>, hint?: string) => (
    <Field.Root name={name} error={errors[name]} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={String(form[name])} onChange={(value: string | number) => set(name, String(value) as never)}>
        {values.map((option) => (
          <SingleSelectOption key={option.value} value={option.value}>
            {option.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );

  return (
    <Layouts.Root>
      <Page.Title>{t('new.title')}</Page.Title>
      <Page.Main>
        <Layouts.Header
          navigationAction={
            <BackToQueue />
          }
          title={t('new.title')}
          subtitle={fromCall ? t('call.registerSubtitle') : t('new.subtitle')}
        />
        <Layouts.Content>
          {created ? (
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Alert variant="success" closeLabel={t('common.close')} onClose={again} role="status" data-created={created.number}>
                {t('new.created', { number: created.number })}
              </Alert>
              <Flex gap={2}>
                <Button tag={RouterLink} to={ticketPath(created.documentId)}>
                  {t('new.open')}
                </Button>
                <Button variant="secondary" tag={RouterLink} to={newTicketPath()} onClick={again}>
                  {t('new.another')}
                </Button>
              </Flex>
            </Flex>
          ) : (
            <form
              ref={formRef}
              onKeyDown={onKeyDown}
              onSubmit={(event) => {
                event.preventDefault();
                void submit();
              }}
            >
              <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
                <Flex direction="column" alignItems="stretch" gap={5}>
                  <Typography textColor="neutral700" data-reported-at={openedAt.toISOString()} data-from-call={fromCall?.call.documentId}>
                    {fromCall
                      ? t('call.fromCall', { time: formatDate(openedAt, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Rome' }), number: fromCall.call.callerNumber ?? t('call.noNumber') })
                      : t('new.reportedAt', { time: formatDate(openedAt, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Rome' }) })}
                  </Typography>
                  <Grid.Root gap={4}>
                    <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                      <Field.Root name="organization" required error={errors.organization}>
                        <Field.Label>{t('new.organization')}</Field.Label>
                        <Combobox autoFocus value={form.organization || undefined} onChange={(value?: string) => set('organization', value ?? '')} autocomplete={{ type: 'list', filter: 'contains' }}>
                          {options.organizations.map((organization) => (
                            <ComboboxOption key={organization.documentId} value={organization.documentId}>
                              {organization.name}
                            </ComboboxOption>
                          ))}
                        </Combobox>
                        <Field.Error />
                      </Field.Root>
                    </Grid.Item>
                    <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                      <Field.Root name="requester" hint={picked ? [picked.email, picked.phone].filter(Boolean).join(' · ') : t('new.requesterHint')}>
                        <Field.Label>{t('new.requester')}</Field.Label>
                        <Combobox
                          value={form.requester || undefined}
                          disabled={!form.organization}
                          onChange={(value?: string) => set('requester', value ?? '')}
                          onClear={() => set('requester', '')}
                          autocomplete={{ type: 'list', filter: 'contains' }}
                        >
                          {requesters.map((requester) => (
                            <ComboboxOption key={requester.documentId} value={requester.documentId}>
                              {`${requester.name}${requester.email ? ` <${requester.email}>` : ''}`}
                            </ComboboxOption>
                          ))}
                        </Combobox>
                        <Field.Hint />
                      </Field.Root>
                    </Grid.Item>
                    {!form.requester && (
                      <>
                        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                          {text('requesterName', t('new.requesterName'))}
                        </Grid.Item>
                        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                          {text('requesterEmail', t('new.requesterEmail'), { type: 'email' })}
                        </Grid.Item>
                        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                          {text('requesterPhone', t('new.requesterPhone'), { type: 'tel' })}
                        </Grid.Item>
                      </>
                    )}
                    <Grid.Item col={12} direction="column" alignItems="stretch">
                      {text('title', t('new.title.field'), { required: true })}
                    </Grid.Item>
                    <Grid.Item col={12} direction="column" alignItems="stretch">
                      <Field.Root name="description" required error={errors.description}>
                        <Field.Label>{t('new.description')}</Field.Label>
                        <Textarea value={form.description} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => set('description', event.target.value)} />
                        <Field.Error />
                      </Field.Root>
                    </Grid.Item>
                    <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
                      {select('kind', t('new.kind'), ['incident', 'request'].map((value) => ({ value, label: word(value) })))}
                    </Grid.Item>
                    <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
                      {select(
                        'priority',
                        t('new.priority'),
                        (options.priorities.length ? options.priorities : ['P1', 'P2', 'P3', 'P4']).map((value) => ({ value, label: word(value) })),
                        targets ? t('new.targets', targets) : undefined
                      )}
                    </Grid.Item>
                    <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
                      {select('category', t('new.category'), [{ value: '', label: t('new.none') }, ...options.categories.map((category) => ({ value: category.documentId, label: category.name }))])}
                    </Grid.Item>
                    <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
                      {select('channel', t('new.channel'), (fromCall ? (['phone'] as const) : CHANNELS).map((value) => ({ value, label: value === 'api' ? t('new.channel.api') : word(value) })))}
                    </Grid.Item>
                    {!fromCall && (
                      <Grid.Item col={12} direction="column" alignItems="stretch">
                        <Checkbox checked={form.earlier} onCheckedChange={(checked: boolean | 'indeterminate') => set('earlier', checked === true)}>
                          {t('new.earlier')}
                        </Checkbox>
                      </Grid.Item>
                    )}
                    {form.earlier && (
                      <>
                        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                          {text('reportedAt', t('new.earlierAt'), { type: 'datetime-local' })}
                        </Grid.Item>
                        <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
                          {text('reportedAtReason', t('new.earlierReason'))}
                        </Grid.Item>
                      </>
                    )}
                  </Grid.Root>
                  {problem && (
                    <Alert variant="danger" closeLabel={t('common.close')} onClose={() => setProblem(null)}>
                      {problem}
                    </Alert>
                  )}
                  <Flex justifyContent="space-between" alignItems="center">
                    <Typography variant="pi" textColor="neutral600">
                      {t('new.shortcut')}
                    </Typography>
                    <Button type="submit" loading={busy}>
                      {t('new.submit')}
                    </Button>
                  </Flex>
                </Flex>
              </Box>
            </form>
          )}
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
}
