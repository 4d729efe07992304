import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/client';
import { usePortalSettings } from '../api/settings';
import { useSession } from '../auth/session';
import { AnonymousFrame } from '../components/anonymous-frame';
import { Field, PasswordField } from '../components/field';
import { errorText, useFormAction } from '../components/form-action';
import { FormError } from '../components/page-frame';

/** The portal's only way in: e-mail and password of a Staff or Referente account (users-permissions). */
export function LoginPage() {
  const { t } = useTranslation();
  const { signIn, state } = useSession();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const reason = params.get('reason') ?? (state.status === 'anonymous' ? state.reason : null);
  const settings = usePortalSettings();
  const providers = settings.data?.singleSignOn ?? [];

  // Signed in, the app's /login route sends the user on to `next` (AfterSignIn).
  const { busy, error, submit } = useFormAction(
    () => signIn(email.trim(), password),
    (caught) => (caught instanceof ApiError && caught.status === 400 ? t('auth.invalid') : errorText(caught))
  );

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
        <Field id="email" label={t('auth.email')}>
          {(control) => <input {...control} name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <PasswordField id="password" label={t('auth.password')} autoComplete="current-password" value={password} onChange={setPassword} />
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
