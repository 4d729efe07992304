import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../format/dates';

/** The landmarks every page shares: skip link, header (brand and account area), main, footer. */
export function PageFrame({ subtitle, account, nav, mainClassName, children }: { subtitle: string; account: ReactNode; nav?: ReactNode; mainClassName?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <div className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-portal">{subtitle}</span>
          </div>
          <div className="account">{account}</div>
        </div>
        {nav}
      </header>
      {children}
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

export function LanguagePicker({ value, onChange }: { value: string; onChange(language: Language): void }) {
  const { t } = useTranslation();
  return (
    <label className="language">
      <span>{t('app.language')}</span>
      <select value={value} onChange={(event) => onChange(event.target.value as Language)}>
        <option value="it" lang="it">
          Italiano
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </label>
  );
}

/** A form's error, announced when it appears. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="alert alert-error" role="alert">
      {message}
    </p>
  );
}
