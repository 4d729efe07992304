import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useCategories, useTickets, type TicketListView } from '../api/queries';
import type { Ticket } from '../api/types';
import { SlaBadge, StateBadge, currentClock } from '../components/badges';
import { CategoryOptions } from '../components/category-options';
import { Field } from '../components/field';
import { ErrorMessage, Loading } from '../components/status-messages';
import { useSession } from '../auth/session';
import { formatDateTime, type Language } from '../format/dates';

const STATES = ['new', 'in_charge', 'suspended', 'restored', 'closed', 'cancelled'] as const;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const SORTABLE = ['number', 'title', 'state', 'priority', 'channel', 'reportedAt'] as const;
type SortColumn = (typeof SORTABLE)[number];
const DEFAULT_SORT = 'reportedAt:desc';

function readView(params: URLSearchParams, canSeeOrganization: boolean): TicketListView {
  const list = (name: string) => (params.get(name) ?? '').split(',').filter(Boolean);
  const sort = params.get('sort') ?? DEFAULT_SORT;
  const [column, direction] = sort.split(':');
  return {
    mine: !canSeeOrganization || params.get('scope') !== 'organization',
    q: params.get('q') ?? '',
    state: list('state').filter((s) => (STATES as readonly string[]).includes(s)),
    priority: list('priority').filter((p) => (PRIORITIES as readonly string[]).includes(p)),
    category: params.get('category') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    sort: (SORTABLE as readonly string[]).includes(column) && ['asc', 'desc'].includes(direction) ? sort : DEFAULT_SORT,
    page: Math.max(1, Number(params.get('page')) || 1),
  };
}

/** "My requests", and for a referent the whole organization's: search, filters, sorting and page all live in the URL. */
export function RequestsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const language = i18n.language as Language;
  const [params, setParams] = useSearchParams();
  const isReferent = me.role === 'Referente';
  const view = readView(params, isReferent);
  const tickets = useTickets(view);
  const categories = useCategories();
  const [draft, setDraft] = useState(view);
  // Back/forward and bookmarked links change the URL: the form shows what the list shows.
  const paramsKey = params.toString();
  useEffect(() => setDraft(readView(new URLSearchParams(paramsKey), isReferent)), [paramsKey, isReferent]);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };

  const applyFilters = (event: FormEvent) => {
    event.preventDefault();
    update({
      q: draft.q.trim() || null,
      state: draft.state.join(',') || null,
      priority: draft.priority.join(',') || null,
      category: draft.category || null,
      from: draft.from || null,
      to: draft.to || null,
      page: null,
    });
  };

  const clearFilters = () => {
    const cleared = { ...view, q: '', state: [], priority: [], category: '', from: '', to: '', page: 1 };
    setDraft(cleared);
    const next = new URLSearchParams();
    if (!view.mine) next.set('scope', 'organization');
    setParams(next);
  };

  const toggle = (field: 'state' | 'priority', value: string) =>
    setDraft((current) => ({
      ...current,
      [field]: current[field].includes(value) ? current[field].filter((v) => v !== value) : [...current[field], value],
    }));

  const [sortColumn, sortDirection] = view.sort.split(':') as [SortColumn, 'asc' | 'desc'];
  const sortBy = (column: SortColumn) =>
    update({ sort: `${column}:${column === sortColumn && sortDirection === 'asc' ? 'desc' : 'asc'}`, page: null });
  const columnLabel = (column: SortColumn) => t(column === 'reportedAt' ? 'list.opened' : `list.${column}`);

  const pagination = tickets.data?.meta.pagination;
  const title = view.mine ? t('list.mine') : t('list.organization');

  return (
    <>
      <div className="page-heading">
        <h1>{title}</h1>
        <Link className="button button-primary" to="/requests/new">
          {t('nav.newRequest')}
        </Link>
      </div>

      {isReferent && (
        <div className="segmented" role="group" aria-label={t('list.scope')}>
          <button type="button" aria-pressed={view.mine} onClick={() => update({ scope: null, page: null })}>
            {t('list.mine')}
          </button>
          <button type="button" aria-pressed={!view.mine} onClick={() => update({ scope: 'organization', page: null })}>
            {t('list.organization')}
          </button>
        </div>
      )}

      <form className="filters" onSubmit={applyFilters} role="search" aria-label={t('list.filters')}>
        <Field id="q" label={t('list.search')} className="field field-wide">
          {(control) => <input {...control} type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />}
        </Field>
        <fieldset className="checkbox-group">
          <legend>{t('list.state')}</legend>
          {STATES.map((state) => (
            <label key={state}>
              <input type="checkbox" checked={draft.state.includes(state)} onChange={() => toggle('state', state)} /> {t(`state.${state}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="checkbox-group">
          <legend>{t('list.priority')}</legend>
          {PRIORITIES.map((priority) => (
            <label key={priority}>
              <input type="checkbox" checked={draft.priority.includes(priority)} onChange={() => toggle('priority', priority)} /> {priority}
            </label>
          ))}
        </fieldset>
        <Field id="category" label={t('list.category')}>
          {(control) => (
            <select {...control} value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
              <option value="">{t('list.any')}</option>
              <CategoryOptions categories={categories.data} />
            </select>
          )}
        </Field>
        <Field id="from" label={t('list.from')}>
          {(control) => <input {...control} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
        </Field>
        <Field id="to" label={t('list.to')}>
          {(control) => <input {...control} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
        </Field>
        <div className="filter-actions">
          <button type="submit" className="button button-primary">
            {t('list.searchButton')}
          </button>
          <button type="button" className="button button-secondary" onClick={clearFilters}>
            {t('list.clear')}
          </button>
        </div>
      </form>

      {tickets.isPending && <Loading label={t('app.loading')} />}
      {tickets.isError && <ErrorMessage error={tickets.error} onRetry={() => void tickets.refetch()} />}
      {tickets.data && (
        <>
          <p role="status" aria-live="polite" className="results-count">
            {t('list.results', { count: pagination?.total ?? 0 })}
          </p>
          {tickets.data.data.length === 0 ? (
            <p className="empty">{t('list.empty')}</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
              <table className="data-table">
                <caption className="visually-hidden">
                  {t('list.caption', { column: columnLabel(sortColumn), direction: t(sortDirection === 'asc' ? 'list.ascending' : 'list.descending') })}
                </caption>
                <thead>
                  <tr>
                    {SORTABLE.map((column) => (
                      <th
                        key={column}
                        scope="col"
                        aria-sort={column === sortColumn ? (sortDirection === 'asc' ? 'ascending' : 'descending') : undefined}
                      >
                        <button type="button" className="sort-button" onClick={() => sortBy(column)}>
                          {columnLabel(column)}
                          <span aria-hidden="true" className="sort-mark">
                            {column === sortColumn ? (sortDirection === 'asc' ? '▲' : '▼') : '↕'}
                          </span>
                        </button>
                      </th>
                    ))}
                    <th scope="col">{t('list.category')}</th>
                    <th scope="col">{t('list.sla')}</th>
                  </tr>
                </thead>
                <tbody>
                  {tickets.data.data.map((ticket) => (
                    <TicketRow key={ticket.documentId} ticket={ticket} language={language} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pagination && pagination.pageCount > 1 && (
            <nav className="pagination" aria-label={t('list.pagination')}>
              <button type="button" className="button button-secondary" disabled={view.page <= 1} onClick={() => update({ page: String(view.page - 1) })}>
                {t('list.previous')}
              </button>
              <span>{t('list.page', { page: pagination.page, pages: pagination.pageCount })}</span>
              <button
                type="button"
                className="button button-secondary"
                disabled={view.page >= pagination.pageCount}
                onClick={() => update({ page: String(view.page + 1) })}
              >
                {t('list.next')}
              </button>
            </nav>
          )}
        </>
      )}
    </>
  );
}

function TicketRow({ ticket, language }: { ticket: Ticket; language: Language }) {
  const { t } = useTranslation();
  const clock = currentClock(ticket.sla);
  return (
    <tr>
      <td className="nowrap">
        <Link to={`/requests/${ticket.documentId}`}>{ticket.number}</Link>
      </td>
      <td>{ticket.title}</td>
      <td>
        <StateBadge state={ticket.state} />
      </td>
      <td>{ticket.priority}</td>
      <td>{t(`channel.${ticket.channel}`)}</td>
      <td>{formatDateTime(ticket.reportedAt, language)}</td>
      <td>{ticket.category?.name ?? '—'}</td>
      <td>
        {clock ? (
          <>
            <span className="visually-hidden">{t(clock.name === 'takeCharge' ? 'sla.takeCharge' : 'sla.restore')}: </span>
            <SlaBadge clock={clock.clock} />
          </>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}
