import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLanguage } from '../i18n';
import { LanguagePicker, PageFrame } from './page-frame';

/** The frame of the pages reached without a session: sign-in and password recovery. */
export function AnonymousFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <PageFrame subtitle={t('app.portal')} account={<LanguagePicker value={i18n.language} onChange={applyLanguage} />}>
      <main id="main" tabIndex={-1} className="narrow">
        <h1>{title}</h1>
        {children}
      </main>
    </PageFrame>
  );
}
