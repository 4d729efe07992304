import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router-dom';
import { api } from '../api/client';
import type { Me } from '../api/types';
import { useSession } from '../auth/session';
import { applyLanguage } from '../i18n';
import type { Language } from '../format/dates';
import { useLiveConnected } from '../live/live-updates';
import { LanguagePicker, PageFrame } from './page-frame';

/** Header with the account and language, the main navigation, the page, and a footer: the page landmarks. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.me;
  const live = useLiveConnected();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);

  // A screen-reader or keyboard user lands on the new page's content after navigating, as after a page load.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  const changeLanguage = async (language: Language) => {
    applyLanguage(language);
    const { data } = await api<{ data: Me }>('/api/portal/me', { method: 'PUT', json: { data: { language } } });
    session.setMe(data);
  };

  return (
    <PageFrame
      subtitle={`${t('app.portal')} — ${me.organization.name}`}
      account={
        <>
          <span className={live ? 'live live-on' : 'live'} role="status" title={live ? t('app.live') : t('app.liveOff')}>
            <span aria-hidden="true">●</span>
            <span className="visually-hidden">{live ? t('app.live') : t('app.liveOff')}</span>
          </span>
          <LanguagePicker value={me.language} onChange={(language) => void changeLanguage(language)} />
          <span className="user">{t('app.signedInAs', { name: me.username })}</span>
          <button type="button" className="button button-link-light" onClick={() => session.signOut('signed-out')}>
            {t('app.signOut')}
          </button>
        </>
      }
      nav={
        <nav aria-label={t('app.mainNav')} className="main-nav">
          <ul>
            <li>
              <NavLink to="/requests" end>
                {t('nav.requests')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/requests/new">{t('nav.newRequest')}</NavLink>
            </li>
            <li>
              <NavLink to="/maintenance">{t('nav.maintenance')}</NavLink>
            </li>
            {me.role === 'Referente' && (
              <li>
                <NavLink to="/reports">{t('nav.reports')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
      }
    >
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
    </PageFrame>
  );
}
