import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { usePortalSettings } from '../api/settings';
import { useSession } from '../auth/session';
import { AnonymousFrame } from '../components/anonymous-frame';
import { FormError } from '../components/page-frame';

/** The portal's only way in: e-mail and password of a Staff or Referente account (users-permissions). */
export function LoginPage() {
  const { t } = useTranslation();
  const { signIn, state } = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reason = params.get('reason') ?? (state.status === 'anonymous' ? state.reason : null);
  const settings = usePortalSettings();
  const providers = settings.data?.singleSignOn ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Signed in, the app's /login route sends the user on to `next` (AfterSignIn).
      await signIn(email.trim(), password);
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 400 ? t('auth.invalid') : caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AnonymousFrame title={t('auth.title')}>
      {reason === 'expired' && (
        <p className="alert alert-warning" role="status">
          {t('auth.expired')}
        </p>
      )}
      {reason === 'signed-out' && (
        <p className="alert alert-info" role="status">
          {t('auth.signedOut')}
        </p>
      )}
      {reason === 'blocked' && (
        <p className="alert alert-error" role="alert">
          {t('auth.blocked')}
        </p>
      )}
      <p>{t('auth.intro')}</p>
      <form onSubmit={submit} noValidate={false}>
        <div className="field">
          <label htmlFor="email">{t('auth.email')}</label>
          <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password">{t('auth.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <FormError message={error} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('auth.submitting') : t('auth.submit')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('auth.forgot')}</Link>
      </p>
      {providers.length > 0 && (
        <ul className="sso">
          {providers.map(({ provider, label }) => (
            <li key={provider}>
              {/* users-permissions starts the provider's flow; it comes back to /portal/connect/:provider/redirect. */}
              <a className="button button-secondary" href={`/api/connect/${encodeURIComponent(provider)}`}>
                {t('auth.sso', { provider: label })}
              </a>
            </li>
          ))}
        </ul>
      )}
    </AnonymousFrame>
  );
}
