import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './app';
import { SessionProvider } from './auth/session';
import './i18n';
import './styles.css';

const queries = new QueryClient({
  defaultOptions: {
    // A 4xx will not get better by asking again; a network hiccup might.
    queries: { retry: (count, error) => count < 2 && !(error as { status?: number }).status, refetchOnWindowFocus: true, staleTime: 10_000 },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter basename="/portal" future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <QueryClientProvider client={queries}>
        <SessionProvider>
          <App />
        </SessionProvider>
      </QueryClientProvider>
    </BrowserRouter>
  </StrictMode>
);
