import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react-swc';

/**
 * The portal is a single-page app that Strapi serves from public/portal (STRAPI-NOTES: a middleware after
 * strapi::public answers deep links with index.html). Its source stays here, out of the server build.
 */
export default defineConfig({
  root: __dirname,
  base: '/portal/',
  plugins: [react()],
  build: {
    outDir: path.resolve(__dirname, '..', 'public', 'portal'),
    emptyOutDir: true,
    sourcemap: true,
    // Charts and the calendar are loaded only by the pages that use them.
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `npm run portal:dev` proxies the API to a Strapi started with `npm run develop`.
    proxy: { '/api': 'http://localhost:1337', '/uploads': 'http://localhost:1337' },
  },
});
