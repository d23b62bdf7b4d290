import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The C++ server (`retaguarda serve`) serves web/dist in production with a strict CSP
// (script-src 'self', no CDN, no external fonts). In development, `npm run dev` proxies the
// server's endpoints so the console talks to it on the same origin.
const backend = process.env.RETAGUARDA_DEV_BACKEND || 'http://127.0.0.1:8080';
// '/api/' (with the slash): console routes such as /api-keys must stay with Vite.
const proxied = ['/api/', '/healthz', '/readyz', '/metrics'];

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: backend, changeOrigin: false }])),
  },
  preview: {
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: backend, changeOrigin: false }])),
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // Modern browsers only; keeps the (non-inline) preload polyfill out of the bundle.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Libraries change far less often than screens: keep them in their own long-cached chunks.
        // Ant Design (and its rc-*/dayjs helpers) is left to the default splitting instead: a single
        // antd chunk would hold every component any lazy screen uses (tables, date pickers, QR
        // code…) and be loaded up front by the sign-in page; split, each screen brings its own.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/, priority: 3 },
            { name: 'vendor', test: /node_modules[\\/](?!antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs)/, priority: 1 },
          ],
        },
      },
    },
  },
});
