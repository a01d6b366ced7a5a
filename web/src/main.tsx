import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import './i18n';
import './styles.css';
import { Providers } from './app/providers';
import { router } from './app/router';

// A page's code that is gone (a new version was installed while this tab was open) cannot be
// loaded: load the app again, once, so the tab gets the new version's pages.
// (Not again within a minute: a page whose code is still missing after a reload shows its error.)
window.addEventListener('vite:preloadError', (event) => {
  const key = 'besok:reloaded-at';
  const last = Number(sessionStorage.getItem(key) ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem(key, String(Date.now()));
  event.preventDefault();
  location.reload();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
