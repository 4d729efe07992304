import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError, getToken, setToken, tokenExpiry, whenSessionExpires } from '../api/client';
import type { Me } from '../api/types';
import { applyLanguage } from '../i18n';

export type SignOutReason = 'expired' | 'signed-out' | 'blocked';

/** `reason` says why the session ended, for the sign-in page (the URL may be rewritten on the way there). */
type SessionState = { status: 'loading' } | { status: 'anonymous'; reason?: SignOutReason } | { status: 'signed-in'; me: Me };

interface Session {
  state: SessionState;
  signIn(email: string, password: string): Promise<void>;
  /** A JWT obtained another way (single sign-on). */
  adoptToken(jwt: string): Promise<void>;
  signOut(reason: SignOutReason): void;
  /** The signed-in user; only inside pages that require a session. */
  me: Me;
  setMe(me: Me): void;
}

const SessionContext = createContext<Session | null>(null);

/** Holds the JWT and the account; an expired or refused session sends the user back to sign in, saying why. */
export function SessionProvider({ children }: { children: ReactNode }) {
  // useNavigate() changes with every location: a ref keeps signOut (and what depends on it) stable.
  const navigateNow = useNavigate();
  const navigate = useRef(navigateNow);
  navigate.current = navigateNow;
  const [state, setState] = useState<SessionState>(() => (getToken() ? { status: 'loading' } : { status: 'anonymous' }));

  const signOut = useCallback(
    (reason: SignOutReason) => {
      // A request still in flight when the user signed out may come back refused: that is no expiry.
      if (reason === 'expired' && !getToken()) return;
      setToken(null);
      setState({ status: 'anonymous', reason });
      const here = window.location.pathname.replace(/^\/portal/, '') + window.location.search;
      const next = reason === 'expired' && here !== '/login' ? `&next=${encodeURIComponent(here)}` : '';
      navigate.current(`/login?reason=${reason}${next}`, { replace: true });
    },
    []
  );

  const loadMe = useCallback(async () => {
    const token = getToken();
    try {
      const { data } = await api<{ data: Me }>('/api/portal/me');
      // Signed out (or in as someone else) while this was on its way: the answer is stale.
      if (getToken() !== token) return;
      applyLanguage(data.language);
      setState({ status: 'signed-in', me: data });
    } catch (error) {
      if (getToken() !== token) return;
      // 403: a valid account without a portal role (an API-only or unknown role) does not get in.
      signOut(error instanceof ApiError && error.status === 403 ? 'blocked' : 'expired');
      if (!(error instanceof ApiError)) throw error;
    }
  }, [signOut]);

  useEffect(() => {
    whenSessionExpires(() => signOut('expired'));
    if (getToken()) void loadMe();
  }, [loadMe, signOut]);

  // Ends the session when the JWT does, instead of failing on the next click.
  const token = state.status === 'signed-in' ? getToken() : null;
  useEffect(() => {
    const expiry = token ? tokenExpiry(token) : null;
    if (!expiry) return;
    const timer = window.setTimeout(() => signOut('expired'), Math.max(0, expiry * 1000 - Date.now()));
    return () => window.clearTimeout(timer);
  }, [token, signOut]);

  const adoptToken = useCallback(
    async (jwt: string) => {
      setToken(jwt);
      await loadMe();
    },
    [loadMe]
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const { jwt } = await api<{ jwt: string }>('/api/auth/local', { method: 'POST', json: { identifier: email, password }, anonymous: true });
      await adoptToken(jwt);
    },
    [adoptToken]
  );

  const value = useMemo<Session>(
    () => ({
      state,
      signIn,
      adoptToken,
      signOut,
      get me() {
        if (state.status !== 'signed-in') throw new Error('No session');
        return state.me;
      },
      setMe: (me: Me) => setState({ status: 'signed-in', me }),
    }),
    [state, signIn, adoptToken, signOut]
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
