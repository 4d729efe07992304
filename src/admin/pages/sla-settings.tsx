/**
 * Settings → SLA: the calendars, policies and contract the SLA clocks and penalties are computed from,
 * at a glance, each with a link to edit it for those who may. Editing happens in the content manager, whose
 * validation (the engine's own checks of a calendar) and permissions apply; operators read it all.
 */
import * as React from 'react';
import { Box, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useAuth, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

interface Calendar {
  documentId: string;
  name: string;
  timeZone: string;
  alwaysOpen: boolean;
  italianHolidays: boolean;
  patronDay?: string | null;
  hours?: Record<string, Array<[string, string]>> | null;
}

interface Policy {
  documentId: string;
  name: string;
  isDefault: boolean;
  kind?: string | null;
  calendar?: { name: string } | null;
  [target: string]: unknown;
}

interface Contract {
  contractValue?: number;
  capShare?: number;
  complianceThreshold?: number;
}

const PRIORITIES = ['p1', 'p2', 'p3', 'p4'];
// PostgreSQL's jsonb does not keep the keys' order: the week is put back in order here.
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const CM = '/admin/content-manager';

/** What the contract request gave: the contract, none configured, or none this user may read. */
type ContractState = { contract: Contract } | { missing: true } | { forbidden: true };

function contractState(request: Promise<{ data: unknown }>): Promise<ContractState> {
  return request.then(
    (res) => {
      const contract = (res.data as { data?: Contract | null }).data;
      return contract ? { contract } : { missing: true };
    },
    // useFetchClient's FetchError carries the HTTP status of Strapi's error body.
    (reason: { status?: number }) => {
      const status = reason?.status;
      if (status === 403) return { forbidden: true };
      if (status === 404) return { missing: true };
      throw reason;
    }
  );
}

function minutes(value: unknown): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return '—';
  return n % 60 === 0 ? `${n / 60} h` : `${n} min`;
}

export default function SlaSettingsPage() {
  const { get } = useFetchClient();
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: `sla.settings.${id}`, defaultMessage });
  const permissions = useAuth('SlaSettingsPage', (state) => state.permissions);
  const canEdit = (uid: string) => permissions.some((p) => p.action === 'plugin::content-manager.explorer.update' && p.subject === uid);
  const [data, setData] = React.useState<{ calendars: Calendar[]; policies: Policy[]; contract: ContractState } | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    Promise.all([
      get<{ results: Calendar[] }>('/content-manager/collection-types/plugin::sla.calendar?pageSize=100'),
      get<{ results: Policy[] }>('/content-manager/collection-types/plugin::sla.policy?pageSize=100&populate=calendar'),
      contractState(get('/content-manager/single-types/plugin::sla.contract')),
    ])
      .then(([calendars, policies, contract]) => setData({ calendars: calendars.data.results, policies: policies.data.results, contract }))
      .catch((reason: Error) => setError(reason.message));
  }, [get]);

  if (error) return <Page.Error />;
  if (!data) return <Page.Loading />;

  return (
    <Layouts.Root>
      <Page.Title>{t('title', 'SLA')}</Page.Title>
      <Page.Main>
        <Layouts.Header title={t('title', 'SLA')} subtitle={t('subtitle', 'Calendari, politiche e contratto da cui si calcolano tempi di presa in carico, ripristino e penali')} />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Box>
              <Typography variant="delta" tag="h2">{t('policies', 'Politiche SLA')}</Typography>
              <Table colCount={canEdit('plugin::sla.policy') ? 4 : 3} rowCount={data.policies.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('name', 'Nome')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('calendar', 'Calendario')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('targets', 'Target: presa in carico / ripristino')}</Typography></Th>
                    {canEdit('plugin::sla.policy') && <Th><Typography variant="sigma">{t('edit', 'Modifica')}</Typography></Th>}
                  </Tr>
                </Thead>
                <Tbody>
                  {data.policies.map((policy) => (
                    <Tr key={policy.documentId}>
                      <Td><Typography>{policy.name}{policy.isDefault ? ` (${t('default', 'predefinita')})` : ''}</Typography></Td>
                      <Td><Typography>{policy.calendar?.name ?? '—'}</Typography></Td>
                      <Td>
                        <Typography>
                          {PRIORITIES.map((p) => `${p.toUpperCase()} ${minutes(policy[`${p}TakeChargeMinutes`])} / ${minutes(policy[`${p}RestoreMinutes`])}`).join(' · ')}
                        </Typography>
                      </Td>
                      {canEdit('plugin::sla.policy') && (
                        <Td><Link href={`${CM}/collection-types/plugin::sla.policy/${policy.documentId}`}>{t('edit', 'Modifica')}</Link></Td>
                      )}
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Box>
            <Box>
              <Typography variant="delta" tag="h2">{t('calendars', 'Calendari')}</Typography>
              <Table colCount={canEdit('plugin::sla.calendar') ? 4 : 3} rowCount={data.calendars.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('name', 'Nome')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('hours', 'Orario')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('holidays', 'Festività')}</Typography></Th>
                    {canEdit('plugin::sla.calendar') && <Th><Typography variant="sigma">{t('edit', 'Modifica')}</Typography></Th>}
                  </Tr>
                </Thead>
                <Tbody>
                  {data.calendars.map((calendar) => (
                    <Tr key={calendar.documentId}>
                      <Td><Typography>{calendar.name}</Typography></Td>
                      <Td>
                        <Typography>
                          {calendar.alwaysOpen
                            ? t('always', '24 ore su 24, 7 giorni su 7')
                            : Object.entries(calendar.hours ?? {})
                                .sort(([a], [b]) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b))
                                .map(([day, pairs]) => `${t(`day.${day}`, day)} ${pairs.map(([from, to]) => `${from}–${to}`).join(', ')}`)
                                .join('; ')}
                          {` (${calendar.timeZone})`}
                        </Typography>
                      </Td>
                      <Td>
                        <Typography>
                          {calendar.alwaysOpen
                            ? '—'
                            : [calendar.italianHolidays ? t('national', 'nazionali') : null, calendar.patronDay ? `${t('patron', 'patrono')} ${calendar.patronDay}` : null]
                                .filter(Boolean)
                                .join(', ') || '—'}
                        </Typography>
                      </Td>
                      {canEdit('plugin::sla.calendar') && (
                        <Td><Link href={`${CM}/collection-types/plugin::sla.calendar/${calendar.documentId}`}>{t('edit', 'Modifica')}</Link></Td>
                      )}
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            </Box>
            <Box>
              <Typography variant="delta" tag="h2">{t('contract', 'Contratto e penali')}</Typography>
              <Typography tag="p">
                {'contract' in data.contract
                  ? `${t('value', 'Valore')}: € ${Number(data.contract.contract.contractValue ?? 0).toLocaleString('it-IT')} — ${t('threshold', 'soglia')}: ${data.contract.contract.complianceThreshold}% — ${t('cap', 'tetto penali')}: ${Number(data.contract.contract.capShare ?? 0) * 100}%`
                  : 'forbidden' in data.contract
                    ? t('contractForbidden', 'Il tuo ruolo non consente di leggere il contratto')
                    : t('noContract', 'Nessun contratto configurato')}
              </Typography>
              {canEdit('plugin::sla.contract') && <Link href={`${CM}/single-types/plugin::sla.contract`}>{t('edit', 'Modifica')}</Link>}
            </Box>
          </Flex>
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
}
