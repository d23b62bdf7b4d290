import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The C++ server (`retaguarda serve`) serves web/dist in production with a strict CSP
// (script-src 'self', no CDN, no external fonts). In development, `npm run dev` proxies the
// server's endpoints so the console talks to it on the same origin.
const backend = process.env.RETAGUARDA_DEV_BACKEND || 'http://127.0.0.1:8080';
// '/api/' (with the slash): console routes such as /api-keys must stay with Vite.
const proxied = ['/api/', '/healthz', '/readyz', '/metrics'];

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const openapiPath = here('../docs/openapi.yaml');

// The API reference (docs/api/index.html, served at /docs/api) renders the repository's OpenAPI
// document, which the build copies to dist/docs/openapi.yaml (the dev server serves it live).
function openapiDocument(): Plugin {
  return {
    name: 'retaguarda-openapi-document',
    configureServer(server) {
      server.middlewares.use('/docs/openapi.yaml', (_req, res) => {
        res.setHeader('Content-Type', 'application/yaml');
        res.end(readFileSync(openapiPath));
      });
    },
    buildStart() {
      this.addWatchFile(openapiPath);
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'docs/openapi.yaml', source: readFileSync(openapiPath, 'utf8') });
    },
  };
}

export default defineConfig({
  plugins: [react(), openapiDocument()],
  server: {
    // The user manual (docs/manual, bundled by pages/help) lives outside web/.
    fs: { allow: [here('.'), here('../docs/manual')] },
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
      // The console, and the API reference as a page of its own (dist/docs/api/index.html).
      input: { main: here('index.html'), api: here('docs/api/index.html') },
      output: {
        // Libraries change far less often than screens: keep them in their own long-cached chunks.
        // Ant Design (and its rc-*/dayjs helpers) is left to the default splitting instead: a single
        // antd chunk would hold every component any lazy screen uses (tables, date pickers, QR
        // code…) and be loaded up front by the sign-in page; split, each screen brings its own.
        codeSplitting: {
          groups: [
            // The Markdown renderer of the help pages: loaded with them, not by every screen.
            { name: 'markdown', test: /node_modules[\\/](react-markdown|remark-[^\\/]+|micromark[^\\/]*|mdast-[^\\/]+|unist-[^\\/]+|hast-[^\\/]+|hastscript|unified|vfile[^\\/]*|property-information|character-entities[^\\/]*|decode-named-character-reference|markdown-table|html-url-attributes|style-to-[^\\/]+|inline-style-parser|estree-util-[^\\/]+|devlop|trough|bail|ccount|longest-streak|zwitch|trim-lines|space-separated-tokens|comma-separated-tokens|is-plain-obj|escape-string-regexp)[\\/]/, priority: 2 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/, priority: 3 },
            // @scalar: the API reference's standalone bundle, used by docs/api/index.html only.
            { name: 'vendor', test: /node_modules[\\/](?!antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@scalar)/, priority: 1 },
          ],
        },
      },
    },
  },
});
