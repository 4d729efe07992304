import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { AnonymousFrame } from '../components/anonymous-frame';
import { FormError } from '../components/page-frame';

/** Asks for a reset link; the answer is the same whether the address exists or not (no account probing). */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/api/portal/auth/forgot-password', { method: 'POST', json: { email: email.trim() }, anonymous: true });
      setSent(true);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

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
            <div className="field">
              <label htmlFor="email">{t('auth.email')}</label>
              <input id="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
            </div>
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
