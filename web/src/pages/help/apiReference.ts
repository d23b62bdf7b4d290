// Entry of the API reference page (docs/api/index.html, served at /docs/api): Scalar's standalone
// bundle renders docs/openapi.yaml, which the build copies to /docs/openapi.yaml (vite.config.ts).
// Everything is served by the Retaguarda server itself: no CDN, no external fonts, no telemetry,
// and nothing inline, so the server's CSP (script-src 'self') holds.
import standaloneUrl from '../../../node_modules/@scalar/api-reference/dist/browser/standalone.js?url';

// i18n/index.ts's key, repeated rather than imported so this page does not load i18next and the
// console's translations (tests/e2e/help.test.mjs checks that the reference follows the switch).
const LANGUAGE_STORAGE_KEY = 'retaguarda.lang';

interface ScalarGlobal {
  createApiReference(target: string | Element, configuration: Record<string, unknown>): unknown;
}

declare global {
  interface Window {
    Scalar?: ScalarGlobal;
  }
}

export const OPENAPI_DOCUMENT_URL = '/docs/openapi.yaml';

/** The console's language choice (see i18n/index.ts), so the reference speaks the same language. */
function consoleLanguage(): 'pt-BR' | 'en-US' {
  try {
    return window.localStorage.getItem(LANGUAGE_STORAGE_KEY) === 'en-US' ? 'en-US' : 'pt-BR';
  } catch {
    return 'pt-BR';
  }
}

function mount() {
  const lang = consoleLanguage();
  document.documentElement.lang = lang;
  document.title = lang === 'pt-BR' ? 'Retaguarda — Referência da API' : 'Retaguarda — API reference';
  window.Scalar!.createApiReference('#rg-api-reference', {
    url: OPENAPI_DOCUMENT_URL,
    // "Try it" calls the server that serves this page (the spec's example server is 127.0.0.1:8080).
    servers: [{ url: window.location.origin, description: 'Retaguarda' }],
    localization: { locale: lang === 'pt-BR' ? 'pt' : 'en' },
    theme: 'default',
    forceDarkModeState: 'light',
    hideDarkModeToggle: true,
    withDefaultFonts: false,
    telemetry: false,
    showDeveloperTools: 'never',
    agent: { disabled: true },
    mcp: { disabled: true },
    documentDownloadType: 'yaml',
    defaultOpenAllTags: false,
  });
}

const script = document.createElement('script');
script.src = standaloneUrl;
script.onload = mount;
document.head.appendChild(script);
