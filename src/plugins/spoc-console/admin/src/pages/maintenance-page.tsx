/**
 * "Manutenzioni": the organizations' maintenance activities in a calendar (month, week, list; FullCalendar,
 * in Rome time), coloured by state; each opens in a dialog to edit it and move it planned → in progress →
 * completed (or cancel it), every step e-mailing the organization (the server's Document Service middleware).
 */
import * as React from 'react';
import FullCalendar from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/daygrid';
import listPlugin from '@fullcalendar/list';
import luxonPlugin from '@fullcalendar/luxon3';
import itLocale from '@fullcalendar/core/locales/it';
import type { EventClickArg, EventInput, EventSourceFuncArg } from '@fullcalendar/core';
import { Box, Button, Field, Flex, Grid, Modal, SingleSelect, SingleSelectOption, Textarea, TextInput, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { DeskTabs } from '../components/desk-tabs';
import { PageNotices } from '../components/page-notices';
import { apiProblem } from '../components/errors';
import { useQueueOptions } from '../hooks/use-queue-options';
import { useEnumWord, useT } from '../messages';
import { toDateTimeLocal } from '../rules/console-ui-rules';
import { MAINTENANCE_COLORS, maintenanceForm, type MaintenanceFormValues } from '../rules/desk-rules';
import type { Maintenance } from '../types';

export function MaintenancePage() {
  const t = useT();
  const word = useEnumWord();
  const { locale } = useIntl();
  const { get } = useFetchClient();
  const calendar = React.useRef<FullCalendar>(null);
  const options = useQueueOptions();
  const [organization, setOrganization] = React.useState('');
  const [open, setOpen] = React.useState<Maintenance | 'new' | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);

  const events = React.useCallback(
    (range: EventSourceFuncArg, success: (events: EventInput[]) => void, failure: (error: Error) => void) => {
      const params = new URLSearchParams({ from: range.start.toISOString(), to: range.end.toISOString(), ...(organization ? { organization } : {}) });
      get<{ data: Maintenance[] }>(`/spoc-console/maintenance?${params}`)
        .then(({ data }) =>
          success(
            data.data.map((activity) => ({
              id: activity.documentId,
              title: `${activity.title}${activity.organization ? ` · ${activity.organization.name}` : ''}`,
              start: activity.actualStart ?? activity.scheduledStart ?? undefined,
              end: activity.actualEnd ?? activity.scheduledEnd ?? undefined,
              backgroundColor: MAINTENANCE_COLORS[activity.state].background,
              borderColor: MAINTENANCE_COLORS[activity.state].border,
              textColor: MAINTENANCE_COLORS[activity.state].text,
              extendedProps: { activity },
            }))
          )
        )
        .catch((error) => {
          setProblem(apiProblem(error).message);
          failure(error as Error);
        });
    },
    [get, organization]
  );

  const refresh = (message: string) => {
    setOpen(null);
    setNotice(message);
    calendar.current?.getApi().refetchEvents();
  };

  return (
    <Layouts.Root>
      <Page.Title>{t('maintenance.title')}</Page.Title>
      <Page.Main>
        <Layouts.Header
          title={t('maintenance.title')}
          subtitle={t('maintenance.subtitle')}
          primaryAction={
            <Button startIcon={<Plus />} onClick={() => setOpen('new')}>
              {t('maintenance.new')}
            </Button>
          }
        />
        <Layouts.Content>
          <DeskTabs />
          <Flex direction="column" alignItems="stretch" gap={4}>
            <PageNotices problem={problem} notice={notice} onProblemClose={() => setProblem(null)} onNoticeClose={() => setNotice(null)} />
            <Box style={{ maxWidth: 360 }}>
              <Field.Root name="organizationFilter">
                <Field.Label>{t('maintenance.filter')}</Field.Label>
                <SingleSelect value={organization} onChange={(value: string | number) => setOrganization(String(value))}>
                  <SingleSelectOption value="">{t('queue.filter.anyFem')}</SingleSelectOption>
                  {options.organizations.map((entry) => (
                    <SingleSelectOption key={entry.documentId} value={entry.documentId}>
                      {entry.name}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            </Box>
            <Flex gap={3} wrap="wrap" aria-label={t('maintenance.legend')} tag="ul">
              {(['planned', 'in_progress', 'completed', 'cancelled'] as const).map((state) => (
                <Flex key={state} gap={1} alignItems="center" tag="li">
                  <Box width="12px" height="12px" hasRadius style={{ background: MAINTENANCE_COLORS[state].background, border: `1px solid ${MAINTENANCE_COLORS[state].border}` }} />
                  <Typography variant="pi">{word(state)}</Typography>
                </Flex>
              ))}
            </Flex>
            <Box background="neutral0" padding={4} hasRadius shadow="tableShadow" data-maintenance-calendar>
              <FullCalendar
                ref={calendar}
                plugins={[dayGridPlugin, listPlugin, luxonPlugin]}
                initialView="dayGridMonth"
                timeZone="Europe/Rome"
                locales={[itLocale]}
                locale={locale.startsWith('it') ? 'it' : 'en-gb'}
                headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,dayGridWeek,listMonth' }}
                // Words, not FullCalendar's chevron icons (role="img" with no text: screen readers would hear nothing).
                buttonIcons={false}
                buttonText={{ prev: t('maintenance.previous'), next: t('maintenance.next'), today: t('maintenance.today'), month: t('maintenance.month'), week: t('maintenance.week'), list: t('maintenance.list') }}
                height="auto"
                events={events}
                eventClick={(click: EventClickArg) => setOpen(click.event.extendedProps.activity as Maintenance)}
                eventDisplay="block"
              />
            </Box>
          </Flex>
          {open && <MaintenanceDialog activity={open === 'new' ? null : open} onClose={() => setOpen(null)} onSaved={refresh} />}
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
}

function MaintenanceDialog({ activity, onClose, onSaved }: { activity: Maintenance | null; onClose: () => void; onSaved: (message: string) => void }) {
  const t = useT();
  const word = useEnumWord();
  const { formatDate } = useIntl();
  const { post, put } = useFetchClient();
  const options = useQueueOptions();
  const [form, setForm] = React.useState<MaintenanceFormValues>(() => maintenanceForm(activity, toDateTimeLocal));
  const [outcome, setOutcome] = React.useState('');
  const [error, setError] = React.useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = React.useState(false);
  const editable = !activity || ['planned', 'in_progress'].includes(activity.state);
  const set = (name: keyof MaintenanceFormValues, value: string) => setForm((current) => ({ ...current, [name]: value }));
  const fieldError = (name: string) => (error?.field === name ? error.message : undefined);
  const when = (iso: string | null) => (iso ? formatDate(iso, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Rome' }) : '—');

  const run = async (request: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await request();
      onSaved(message);
    } catch (failure) {
      const problem = apiProblem(failure);
      setError({ field: problem.field, message: problem.message });
    } finally {
      setBusy(false);
    }
  };
  const body = () => ({
    title: form.title.trim(),
    type: form.type,
    organization: form.organization,
    scheduledStart: form.scheduledStart ? new Date(form.scheduledStart).toISOString() : undefined,
    scheduledEnd: form.scheduledEnd ? new Date(form.scheduledEnd).toISOString() : undefined,
    affectedServices: form.affectedServices.trim() || null,
    description: form.description.trim() || null,
    tickets: form.tickets
      .split(/[\s,;]+/)
      .map((key) => key.trim())
      .filter(Boolean),
  });
  const save = () =>
    run(() => (activity ? put(`/spoc-console/maintenance/${activity.documentId}`, body()) : post('/spoc-console/maintenance', body())), t(activity ? 'maintenance.saved' : 'maintenance.planned', { title: form.title.trim() }));
  const perform = (action: 'start' | 'complete' | 'cancel') =>
    run(() => post(`/spoc-console/maintenance/${activity!.documentId}/${action}`, outcome.trim() ? { outcome: outcome.trim() } : {}), t(`maintenance.done.${action}`, { title: activity!.title }));

  const text = (name: keyof MaintenanceFormValues, label: string, type = 'text', required = false) => (
    <Field.Root name={name} required={required} error={fieldError(name)}>
      <Field.Label>{label}</Field.Label>
      <TextInput type={type} value={form[name]} disabled={!editable} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set(name, event.target.value)} />
      <Field.Error />
    </Field.Root>
  );

  return (
    <Modal.Root open onOpenChange={(isOpen: boolean) => !isOpen && onClose()}>
      <Modal.Content style={{ maxWidth: 880, width: '90vw' }}>
        <Modal.Header>
          <Modal.Title>{activity ? activity.title : t('maintenance.new')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {activity && (
              <Typography textColor="neutral700" data-maintenance-state={activity.state}>
                {t('maintenance.stateLine', { state: word(activity.state), start: when(activity.actualStart), end: when(activity.actualEnd) })}
              </Typography>
            )}
            <Grid.Root gap={4}>
              <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
                {text('title', t('maintenance.field.title'), 'text', true)}
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                <Field.Root name="type" error={fieldError('type')}>
                  <Field.Label>{t('maintenance.field.type')}</Field.Label>
                  <SingleSelect value={form.type} disabled={!editable} onChange={(value: string | number) => set('type', String(value))}>
                    {(['planned', 'preventive', 'corrective', 'evolutive'] as const).map((type) => (
                      <SingleSelectOption key={type} value={type}>
                        {word(type)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <Field.Root name="organization" required error={fieldError('organization')}>
                  <Field.Label>{t('new.organization')}</Field.Label>
                  <SingleSelect value={form.organization} disabled={!editable} placeholder={t('quarantine.chooseOrganization')} onChange={(value: string | number) => set('organization', String(value))}>
                    {options.organizations.map((entry) => (
                      <SingleSelectOption key={entry.documentId} value={entry.documentId}>
                        {entry.name}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                {text('scheduledStart', t('maintenance.field.scheduledStart'), 'datetime-local', true)}
              </Grid.Item>
              <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                {text('scheduledEnd', t('maintenance.field.scheduledEnd'), 'datetime-local', true)}
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                {text('affectedServices', t('maintenance.field.affectedServices'))}
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <Field.Root name="description" error={fieldError('description')}>
                  <Field.Label>{t('maintenance.field.description')}</Field.Label>
                  <Textarea value={form.description} disabled={!editable} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => set('description', event.target.value)} />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={12} direction="column" alignItems="stretch">
                <Field.Root name="tickets" hint={t('maintenance.field.ticketsHint')} error={fieldError('tickets')}>
                  <Field.Label>{t('maintenance.field.tickets')}</Field.Label>
                  <TextInput value={form.tickets} disabled={!editable} placeholder="HD-…" onChange={(event: React.ChangeEvent<HTMLInputElement>) => set('tickets', event.target.value)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              </Grid.Item>
              {activity && activity.actions.length > 0 && (
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <Field.Root name="outcome" hint={t('maintenance.field.outcomeHint')} error={fieldError('outcome')}>
                    <Field.Label>{t('maintenance.field.outcome')}</Field.Label>
                    <Textarea value={outcome} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setOutcome(event.target.value)} />
                    <Field.Hint />
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
              )}
              {activity?.outcome && (
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <Typography>{t('maintenance.outcomeLine', { outcome: activity.outcome })}</Typography>
                </Grid.Item>
              )}
            </Grid.Root>
            {error && !error.field && (
              <Typography textColor="danger600" role="alert">
                {error.message}
              </Typography>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('common.close')}</Button>
          </Modal.Close>
          <Flex gap={2}>
            {activity?.actions.includes('cancel') && (
              <Button variant="danger-light" onClick={() => perform('cancel')} disabled={busy}>
                {t('maintenance.action.cancel')}
              </Button>
            )}
            {activity?.actions.includes('start') && (
              <Button variant="secondary" onClick={() => perform('start')} disabled={busy}>
                {t('maintenance.action.start')}
              </Button>
            )}
            {activity?.actions.includes('complete') && (
              <Button variant="secondary" onClick={() => perform('complete')} disabled={busy}>
                {t('maintenance.action.complete')}
              </Button>
            )}
            {editable && (
              <Button onClick={save} loading={busy}>
                {t(activity ? 'common.save' : 'maintenance.plan')}
              </Button>
            )}
          </Flex>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
