import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { AnonymousFrame } from '../components/anonymous-frame';
import { Field } from '../components/field';
import { useFormAction } from '../components/form-action';
import { FormError } from '../components/page-frame';

/** Asks for a reset link; the answer is the same whether the address exists or not (no account probing). */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);

  const { busy, error, submit } = useFormAction(async () => {
    await api('/api/portal/auth/forgot-password', { method: 'POST', json: { email: email.trim() }, anonymous: true });
    setSent(true);
  });

  return (
    <AnonymousFrame title={t('auth.forgotTitle')}>
      {sent ? (
        <p className="alert alert-success" role="status">
          {t('auth.forgotSent')}
        </p>
      ) : (
        <>
          <p>{t('auth.forgotIntro')}</p>
          <form onSubmit={submit}>
            <Field id="email" label={t('auth.email')}>
              {(control) => <input {...control} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />}
            </Field>
            <FormError message={error} />
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('auth.forgotSubmit')}
            </button>
          </form>
        </>
      )}
      <p>
        <Link to="/login">{t('auth.backToSignIn')}</Link>
      </p>
    </AnonymousFrame>
  );
}
