import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useCategories } from '../api/queries';
import { usePortalSettings } from '../api/settings';
import type { Ticket } from '../api/types';
import { postWithProgress } from '../api/upload';
import { perFileProgress } from '../api/upload-progress';
import { CategoryOptions } from '../components/category-options';
import { Field } from '../components/field';
import { FileDrop } from '../components/file-drop';
import { ErrorMessage, Loading } from '../components/status-messages';

interface Draft {
  title: string;
  description: string;
  category: string;
  kind: 'incident' | 'request';
  affectedService: string;
  priority: 'P1' | 'P2' | 'P3' | 'P4';
}

const EMPTY: Draft = { title: '', description: '', category: '', kind: 'incident', affectedService: '', priority: 'P3' };
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

/** The label of each field the server may name in a 400, so that the summary speaks the form's words. */
const FIELD_LABELS = {
  title: 'form.subject',
  description: 'form.description',
  category: 'form.category',
  kind: 'form.kind',
  affectedService: 'form.service',
  priority: 'form.priority',
  files: 'form.attachments',
} as const;

/** Opens a request; the number is shown at once. A failed submission keeps every field and file. */
export function NewRequestPage() {
  const { t } = useTranslation();
  const settings = usePortalSettings();
  const categories = useCategories();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number[] | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [created, setCreated] = useState<Ticket | null>(null);
  const errorBox = useRef<HTMLDivElement>(null);

  if (settings.isPending) return <Loading label={t('app.loading')} />;
  if (settings.isError) return <ErrorMessage error={settings.error} onRetry={() => void settings.refetch()} />;

  if (created) {
    return (
      <>
        <h1>{t('form.title')}</h1>
        <div className="alert alert-success" role="status">
          <p className="created-number">{t('form.created', { number: created.number })}</p>
          <p>{t('form.createdText')}</p>
        </div>
        <p className="actions">
          <Link className="button button-primary" to={`/requests/${created.documentId}`}>
            {t('form.open', { number: created.number })}
          </Link>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setCreated(null);
              setDraft(EMPTY);
              setFiles([]);
            }}
          >
            {t('form.another')}
          </button>
        </p>
      </>
    );
  }

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const form = new FormData();
    const data: Record<string, unknown> = { title: draft.title.trim(), description: draft.description, kind: draft.kind, priority: draft.priority };
    if (draft.category) data.category = draft.category;
    if (draft.affectedService.trim()) data.affectedService = draft.affectedService.trim();
    form.append('data', JSON.stringify(data));
    for (const file of files) form.append('files', file, file.name);
    setProgress(files.map(() => 0));
    try {
      const response = await postWithProgress<{ data: Ticket }>('/api/tickets', form, (fraction) => setProgress(perFileProgress(files, fraction)));
      setCreated(response.data);
    } catch (caught) {
      setError(caught as Error);
      // The summary takes the focus, so that a screen reader says what went wrong.
      setTimeout(() => errorBox.current?.focus(), 0);
    } finally {
      setProgress(null);
    }
  };

  const fieldLabel = (field: string) => (field in FIELD_LABELS ? t(FIELD_LABELS[field as keyof typeof FIELD_LABELS]) : field);
  const fieldError = (field: string) => (error instanceof ApiError && error.field === field ? error.message : null);
  const busy = progress !== null;

  return (
    <>
      <h1>{t('form.title')}</h1>
      <p>{t('form.intro')}</p>
      {error && (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={errorBox}>
          {t('form.failed', { message: error instanceof ApiError && error.field ? t('form.fieldError', { field: fieldLabel(error.field), message: error.message }) : error.message })}
        </div>
      )}
      <form onSubmit={submit} className="request-form">
        <Field
          id="title"
          label={
            <>
              {t('form.subject')} <span className="required">({t('form.required')})</span>
            </>
          }
          hint={t('form.subjectHint')}
          error={fieldError('title')}
        >
          {(control) => <input {...control} required maxLength={200} value={draft.title} onChange={(e) => set('title', e.target.value)} />}
        </Field>
        <Field id="description" label={t('form.description')} hint={t('form.descriptionHint')} error={fieldError('description')}>
          {(control) => <textarea {...control} rows={6} value={draft.description} onChange={(e) => set('description', e.target.value)} />}
        </Field>
        <div className="field-row">
          <Field id="category" label={t('form.category')} error={fieldError('category')}>
            {(control) => (
              <select {...control} value={draft.category} onChange={(e) => set('category', e.target.value)}>
                <option value="">{t('form.chooseCategory')}</option>
                <CategoryOptions categories={categories.data} />
              </select>
            )}
          </Field>
          <Field id="kind" label={t('form.kind')} error={fieldError('kind')}>
            {(control) => (
              <select {...control} value={draft.kind} onChange={(e) => set('kind', e.target.value as Draft['kind'])}>
                <option value="incident">{t('kind.incident')}</option>
                <option value="request">{t('kind.request')}</option>
              </select>
            )}
          </Field>
        </div>
        <Field id="affectedService" label={t('form.service')} hint={t('form.serviceHint')} error={fieldError('affectedService')}>
          {(control) => <input {...control} maxLength={200} value={draft.affectedService} onChange={(e) => set('affectedService', e.target.value)} />}
        </Field>
        <fieldset className="priority-choice">
          <legend>{t('form.priority')}</legend>
          <p className="hint">{t('form.priorityHint')}</p>
          {PRIORITIES.map((priority) => (
            <div key={priority} className="radio-option">
              <input
                type="radio"
                id={`priority-${priority}`}
                name="priority"
                value={priority}
                checked={draft.priority === priority}
                onChange={() => set('priority', priority)}
                aria-describedby={`priority-${priority}-help`}
              />
              <label htmlFor={`priority-${priority}`}>{t(`priority.${priority}`)}</label>
              <p id={`priority-${priority}-help`} className="hint">
                {t(`priority.${priority}Help`)}
              </p>
            </div>
          ))}
        </fieldset>
        <Field id="attachments" label={t('form.attachments')} error={fieldError('files')}>
          {(control) => <FileDrop id={control.id} files={files} onChange={setFiles} limits={settings.data.attachments} progress={progress} disabled={busy} />}
        </Field>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('form.submitting') : t('form.submit')}
        </button>
      </form>
    </>
  );
}
