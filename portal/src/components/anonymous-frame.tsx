import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLanguage } from '../i18n';
import type { Language } from '../format/dates';

/** The frame of the pages reached without a session: sign-in and password recovery. */
export function AnonymousFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <div className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-portal">{t('app.portal')}</span>
          </div>
          <div className="account">
            <label className="language">
              <span>{t('app.language')}</span>
              <select value={i18n.language} onChange={(event) => applyLanguage(event.target.value as Language)}>
                <option value="it" lang="it">
                  Italiano
                </option>
                <option value="en" lang="en">
                  English
                </option>
              </select>
            </label>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="narrow">
        <h1>{title}</h1>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
