import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { AnonymousFrame } from '../components/anonymous-frame';
import { FormError } from '../components/page-frame';

/** Where the e-mailed link lands: users-permissions' reset with the code from the link. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password !== confirmation) {
      setError(t('auth.resetMismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/reset-password', {
        method: 'POST',
        json: { code: params.get('code') ?? '', password, passwordConfirmation: confirmation },
        anonymous: true,
      });
      setDone(true);
    } catch (caught) {
      setError(caught instanceof ApiError && caught.status === 400 && !caught.field ? t('auth.resetInvalid') : String((caught as Error).message));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AnonymousFrame title={t('auth.resetTitle')}>
      {done ? (
        <p className="alert alert-success" role="status">
          {t('auth.resetDone')}
        </p>
      ) : (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor="password">{t('auth.newPassword')}</label>
            <input
              id="password"
              type="password"
              autoComplete="new-password"
              minLength={8}
              required
              aria-describedby="password-hint"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <p id="password-hint" className="hint">
              {t('auth.passwordHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="confirmation">{t('auth.confirmPassword')}</label>
            <input id="confirmation" type="password" autoComplete="new-password" minLength={8} required value={confirmation} onChange={(e) => setConfirmation(e.target.value)} />
          </div>
          <FormError message={error} />
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('auth.resetSubmit')}
          </button>
        </form>
      )}
      <p>
        <Link to="/login">{t('auth.backToSignIn')}</Link>
      </p>
    </AnonymousFrame>
  );
}
