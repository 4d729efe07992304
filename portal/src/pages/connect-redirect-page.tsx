import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { AnonymousFrame } from '../components/anonymous-frame';
import { Loading } from '../components/status-messages';

/**
 * Where a single sign-on provider sends the user back (users-permissions' `/api/connect/:provider` flow,
 * e.g. SPID/CIE through an OIDC gateway): the provider's access token is exchanged for our JWT.
 */
export function ConnectRedirectPage() {
  const { provider = '' } = useParams();
  const { t } = useTranslation();
  const { adoptToken } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const search = window.location.search;
    api<{ jwt: string }>(`/api/auth/${encodeURIComponent(provider)}/callback${search}`, { anonymous: true })
      .then(({ jwt }) => adoptToken(jwt))
      .then(() => navigate('/requests', { replace: true }))
      .catch((caught: Error) => setError(caught.message));
  }, [provider, adoptToken, navigate]);

  return (
    <AnonymousFrame title={t('auth.title')}>
      {error ? (
        <>
          <p className="alert alert-error" role="alert">
            {error}
          </p>
          <p>
            <Link to="/login">{t('auth.backToSignIn')}</Link>
          </p>
        </>
      ) : (
        <Loading label={t('app.loading')} />
      )}
    </AnonymousFrame>
  );
}
