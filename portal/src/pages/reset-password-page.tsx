import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { AnonymousFrame } from '../components/anonymous-frame';
import { PasswordField } from '../components/field';
import { errorText, useFormAction } from '../components/form-action';
import { FormError } from '../components/page-frame';

/** Where the e-mailed link lands: users-permissions' reset with the code from the link. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [done, setDone] = useState(false);

  const { busy, error, submit } = useFormAction(
    async () => {
      if (password !== confirmation) throw new Error(t('auth.resetMismatch'));
      await api('/api/auth/reset-password', {
        method: 'POST',
        json: { code: params.get('code') ?? '', password, passwordConfirmation: confirmation },
        anonymous: true,
      });
      setDone(true);
    },
    // A 400 without a field is users-permissions refusing the code: the link is used or wrong.
    (caught) => (caught instanceof ApiError && caught.status === 400 && !caught.field ? t('auth.resetInvalid') : errorText(caught))
  );

  return (
    <AnonymousFrame title={t('auth.resetTitle')}>
      {done ? (
        <p className="alert alert-success" role="status">
          {t('auth.resetDone')}
        </p>
      ) : (
        <form onSubmit={submit}>
          <PasswordField id="password" label={t('auth.newPassword')} autoComplete="new-password" hint={t('auth.passwordHint')} value={password} onChange={setPassword} />
          <PasswordField id="confirmation" label={t('auth.confirmPassword')} autoComplete="new-password" value={confirmation} onChange={setConfirmation} />
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
