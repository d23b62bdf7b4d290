// covers: console shell (issue 2)
//
// Browser test of the operator console shell against the real `retaguarda serve`: the status
// page in pt-BR (default) and en-US, the language choice persisting across a reload, the 404
// page for unknown routes, and the problem+json error state. Drives Debian's chromium through
// playwright-core (never downloads a browser). Screenshots go to tests/e2e/screenshots/.
// The console needs a session: each browser context signs in as a manager created with
// `retaguarda admin bootstrap` (the sign-in screens themselves are covered by identity.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../support/server.mjs';
import { bootstrapTenant, launchBrowser, signInContext } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, 'screenshots');
mkdirSync(shots, { recursive: true });

const TIMEOUT = 15_000;
let server;
let browser;
let manager;

before(async () => {
  server = await startServer();
  ({ manager } = await bootstrapTenant(server));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// A fresh browser context whose own locale and time zone differ from the console's defaults,
// so the test shows the console chooses pt-BR and America/Sao_Paulo itself.
async function newPage() {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1366, height: 860 },
  });
  context.setDefaultTimeout(TIMEOUT);
  await signInContext(context, server.base, manager);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return { context, page, problems };
}

async function statusFromApi() {
  const r = await fetch(`${server.base}/api/v1/status`);
  assert.equal(r.status, 200, 'GET /api/v1/status');
  return r.json();
}

// Same rule as web/src/format.ts formatDateTime: America/Sao_Paulo, 24-hour clock,
// pt-BR dd/mm/aaaa HH:mm, en-US mm/dd/yyyy HH:mm.
function spDateTime(iso, locale) {
  const f = new Intl.DateTimeFormat(locale, {
    timeZone: 'America/Sao_Paulo', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  const date = locale === 'en-US' ? `${p.month}/${p.day}/${p.year}` : `${p.day}/${p.month}/${p.year}`;
  return `${date} ${p.hour}:${p.minute}`;
}

const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
const text = async (page, testId) => norm(await page.getByTestId(testId).first().textContent());
const waitText = (page, testId, t) => page.getByTestId(testId).filter({ hasText: t }).first().waitFor();

// Checks everything the status page shows against what the API reports.
async function checkStatusPage(page, status, lang) {
  const pt = lang === 'pt-BR';
  await waitText(page, 'page-title', pt ? 'Status do sistema' : 'System status');
  await page.getByTestId('status-readiness').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), lang);

  assert.equal(await text(page, 'status-readiness'),
    status.ready ? (pt ? 'Pronto' : 'Ready') : (pt ? 'Indisponível' : 'Unavailable'));
  const db = {
    sqlite: pt ? 'SQLite (embarcado)' : 'SQLite (embedded)',
    postgresql: 'PostgreSQL',
  }[status.database.kind];
  assert.ok(db, `known database kind: ${status.database.kind}`);
  assert.equal(await text(page, 'status-database'), db);
  assert.equal(await text(page, 'status-version'), status.version);
  assert.equal(await text(page, 'status-product'), status.product);
  const { applied, expected } = status.migrations;
  assert.equal(await text(page, 'status-migrations'),
    pt ? `Aplicadas: ${applied} de ${expected}` : `Applied: ${applied} of ${expected}`);
  assert.equal(await text(page, 'status-started-at'), spDateTime(status.started_at, lang));
  assert.match(await text(page, 'status-uptime'), /\d/);

  // Job figures: the page and the API are read at slightly different moments, so compare
  // each figure with a fresh API reading only loosely (both are non-negative integers).
  for (const k of ['queued', 'running', 'dead']) {
    const shown = await page.getByTestId(`status-jobs-${k}`).locator('.ant-statistic-content-value').textContent();
    assert.match(norm(shown), /^\d[\d.,]*$/, `jobs.${k} is a number`);
    if (k === 'dead' && status.jobs.dead === 0) assert.equal(norm(shown), '0');
  }

  // Navigation: the Platform group with the status entry, labelled and selected.
  const nav = page.getByRole('navigation', { name: pt ? 'Navegação principal' : 'Main navigation' });
  await nav.getByText(pt ? 'Plataforma' : 'Platform').waitFor();
  await nav.getByRole('link', { name: pt ? 'Status do sistema' : 'System status' }).waitFor();
  await page.getByRole('radiogroup', { name: pt ? 'Idioma' : 'Language' }).waitFor();
  await page.getByRole('button', { name: pt ? 'Atualizar' : 'Refresh' }).waitFor();
}

test('status page in pt-BR by default, en-US on switch, choice survives a reload', async () => {
  const status = await statusFromApi();
  const { context, page, problems } = await newPage();
  try {
    const res = await page.goto(`${server.base}/`);
    assert.equal(res.status(), 200);
    const csp = res.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/, 'console is served with the strict CSP');

    await page.waitForURL(/\/status$/);
    assert.equal(await page.evaluate(() => localStorage.getItem('retaguarda.lang') ?? 'pt-BR'), 'pt-BR');
    await checkStatusPage(page, status, 'pt-BR');
    assert.match(await page.title(), /Status do sistema/);
    await page.screenshot({ path: join(shots, 'status-pt-BR.png'), fullPage: true, animations: 'disabled' });

    // The refresh button asks the server again.
    const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/v1/status') && r.status() === 200);
    await page.getByTestId('status-refresh').click();
    await refreshed;

    // Switch to English.
    await page.getByTestId('language-en-US').click();
    await checkStatusPage(page, status, 'en-US');
    assert.equal(await page.evaluate(() => localStorage.getItem('retaguarda.lang')), 'en-US');
    await page.screenshot({ path: join(shots, 'status-en-US.png'), fullPage: true, animations: 'disabled' });

    // Reload: still English.
    await page.reload();
    await checkStatusPage(page, status, 'en-US');

    // And back to Portuguese.
    await page.getByTestId('language-pt-BR').click();
    await checkStatusPage(page, status, 'pt-BR');

    assert.deepEqual(problems, [], 'no page errors, console errors or CSP violations');
  } finally {
    await context.close();
  }
});

test('unknown route shows the 404 page in both languages', async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${server.base}/rota/que-nao-existe`);
    await page.getByTestId('not-found').waitFor();
    assert.match(await text(page, 'not-found'), /Página não encontrada/);
    assert.match(await text(page, 'not-found'), /\/rota\/que-nao-existe/);
    await page.screenshot({ path: join(shots, 'not-found-pt-BR.png'), fullPage: true, animations: 'disabled' });

    await page.getByTestId('language-en-US').click();
    await waitText(page, 'not-found', 'Page not found');

    // The way back goes to the status page.
    await page.getByTestId('not-found-home').click();
    await page.waitForURL(/\/status$/);
    await waitText(page, 'page-title', 'System status');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a failed status request shows the problem title; loading shows a skeleton', async () => {
  const { context, page } = await newPage();
  try {
    // Hold the first answer to see the skeleton, then answer with a problem+json.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route('**/api/v1/status', async (route) => {
      await held;
      await route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        headers: { 'X-Request-Id': 'req-e2e-1' },
        body: JSON.stringify({
          type: 'about:blank', title: 'Banco de dados indisponível', status: 503,
          detail: 'database is locked', errors: [{ field: 'database', message: 'locked' }],
        }),
      });
    });
    await page.goto(`${server.base}/status`);
    await page.getByTestId('status-skeleton').waitFor();
    await page.screenshot({ path: join(shots, 'status-loading.png'), animations: 'disabled' });
    release();

    await page.getByTestId('status-error').waitFor();
    const alert = await text(page, 'status-error');
    assert.match(alert, /Banco de dados indisponível/);
    assert.match(alert, /database is locked/);
    assert.match(alert, /req-e2e-1/);
    assert.equal(await page.getByRole('alert').count() >= 1, true);
    await page.screenshot({ path: join(shots, 'status-error.png'), fullPage: true, animations: 'disabled' });

    // Once the server answers again, "Tentar novamente" recovers.
    await page.unroute('**/api/v1/status');
    await page.getByRole('button', { name: 'Tentar novamente' }).click();
    await page.getByTestId('status-readiness').waitFor();
    assert.equal(await page.getByTestId('status-error').count(), 0);
  } finally {
    await context.close();
  }
});

test('the side menu keeps its groups open when the window narrows and widens, or is folded and unfolded', async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${server.base}/status`);
    const nav = page.getByRole('navigation', { name: 'Navegação principal' });
    const entries = ['Usuários', 'Solicitações', 'Status do sistema'];
    const allShown = async () => {
      for (const name of entries) await nav.getByRole('link', { name, exact: true }).waitFor();
    };
    const folded = () => page.locator('.ant-layout-sider-collapsed').waitFor();
    const unfolded = () => page.locator('.ant-layout-sider-collapsed').waitFor({ state: 'detached' });
    const stored = () => page.evaluate(() => localStorage.getItem('retaguarda.nav.collapsed'));
    await allShown();

    // A narrow window folds the menu by itself; wide again, every group is open as before, and
    // the window's width is not remembered as the operator's choice.
    await page.setViewportSize({ width: 800, height: 860 });
    await folded();
    await page.setViewportSize({ width: 1366, height: 860 });
    await unfolded();
    await allShown();
    assert.notEqual(await stored(), '1');

    // Folded and unfolded with the header button: the groups are open again, and the choice is
    // remembered across a reload.
    await page.getByTestId('nav-toggle').click();
    await folded();
    assert.equal(await stored(), '1');
    await page.reload();
    await folded();
    await page.getByTestId('nav-toggle').click();
    await unfolded();
    await allShown();
    assert.equal(await stored(), '0');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a select list opened in a dialog stays under its field when the page behind scrolls', async () => {
  const { context, page, problems } = await newPage();
  try {
    // A short window, so the page behind the dialog can scroll.
    await page.setViewportSize({ width: 1366, height: 600 });
    await page.goto(`${server.base}/operators`);
    await page.getByTestId('operator-new').click();
    await page.getByTestId('operator-form').waitFor();
    await page.getByTestId('operator-role').click();
    const list = page.locator('.ant-select-dropdown:visible');
    await list.locator('.ant-select-item-option', { hasText: 'Usuário' }).waitFor();
    // Scrolled by a script (as the browser does to bring an element into view): the list and its
    // field are measured in the same task, before anything could move the list back.
    const gap = await page.evaluate(() => {
      const field = document.querySelector('[data-testid="operator-role"]').closest('.ant-select');
      const dropdown = [...document.querySelectorAll('.ant-select-dropdown')].find((d) => d.offsetParent !== null);
      const gapNow = () => Math.round(dropdown.getBoundingClientRect().top - field.getBoundingClientRect().bottom);
      const before = gapNow();
      window.scrollTo(0, 200);
      return { before, after: gapNow(), scrolled: window.scrollY };
    });
    assert.ok(gap.scrolled > 0, `the page behind the dialog scrolled (${gap.scrolled})`);
    assert.equal(gap.after, gap.before, 'the list moved away from its field');
    await list.locator('.ant-select-item-option', { hasText: 'Usuário' }).first().click();
    await page.locator('.ant-form-item', { has: page.getByTestId('operator-role') }).locator('.ant-select-content-has-value', { hasText: 'Usuário' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
