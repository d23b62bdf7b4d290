// covers PLT-17 — the Help menu (seed 002 "Ajuda"): user manual, API reference, FAQ.
//
// Browser test against the real `retaguarda serve` and the built console:
//   1. a signed-in manager opens the header's Help menu and the user manual, in pt-BR: the page
//      list, a page, a link between pages, the search over titles;
//   2. switches the console to en-US: the same page is now the English one;
//   3. opens the FAQ, expands an answer, searches the questions;
//   4. opens the API reference from the menu (a new tab at /docs/api): Scalar renders the
//      operations of docs/openapi.yaml, served by the server itself, in the console's language,
//      with no error under the server's CSP.
// Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { repoRoot, startServer } from '../support/server.mjs';
import { bootstrapTenant, launchBrowser, signInContext, TIMEOUT, watchProblems } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, 'screenshots');
mkdirSync(shots, { recursive: true });

const manual = (lang, slug) => readFileSync(join(repoRoot, 'docs', 'manual', lang, `${slug}.md`), 'utf8');
const title = (lang, slug) => /^# (.+)$/m.exec(manual(lang, slug))[1].trim();
const questions = (lang) => [...manual(lang, 'faq').matchAll(/^## (.+)$/gm)].map((m) => m[1].trim());
const spec = parse(readFileSync(join(repoRoot, 'docs', 'openapi.yaml'), 'utf8'));

let server;
let browser;
let tenant;

before(async () => {
  server = await startServer();
  tenant = await bootstrapTenant(server);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const originOf = (srv) => new URL(srv.base).origin;
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
const shot = (page, name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true, animations: 'disabled' });

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Waits until the manual shows the page titled `text` (navigation renders after the URL changes). */
const manualTitleIs = (page, text) =>
  page.getByTestId('manual-page-title').filter({ hasText: new RegExp(`^\\s*${escape(text)}\\s*$`) }).waitFor();

/** The text box of an antd Input.Search (the test id sits on its wrapper). */
const searchBox = (page, testId) => page.getByTestId(testId).locator('input');

async function openHelpItem(page, item) {
  await page.getByTestId('help-menu').click();
  await page.getByTestId(`help-menu-${item}`).waitFor();
  await page.getByTestId(`help-menu-${item}`).click();
}

test('Help menu: the manual in pt-BR and en-US, the FAQ and the API reference at /docs/api (PLT-17)', async () => {
  const context = await browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  await signInContext(context, server.base, tenant.manager);
  const page = await context.newPage();
  const { problems } = watchProblems(page);

  // 1. Help menu → user manual (pt-BR), starting at the first page of the index.
  await page.goto(`${server.base}/status`);
  await page.getByTestId('help-menu').click();
  for (const item of ['manual', 'api', 'faq']) await page.getByTestId(`help-menu-${item}`).waitFor();
  assert.equal(norm(await page.getByTestId('help-menu-manual').textContent()), 'Manual do usuário');
  assert.equal(norm(await page.getByTestId('help-menu-api').textContent()), 'Referência da API');
  assert.equal(norm(await page.getByTestId('help-menu-faq').textContent()), 'Perguntas frequentes');
  assert.equal(await page.getByTestId('help-menu-api').getAttribute('href'), '/docs/api');
  await shot(page, 'help-01-menu');
  await page.getByTestId('help-menu-manual').click();
  await page.waitForURL(/\/help\/manual$/);
  await manualTitleIs(page, title('pt-BR', 'introduction'));

  // Every page of the index is in the list, by its pt-BR title.
  const index = JSON.parse(readFileSync(join(repoRoot, 'docs', 'manual', 'index.json'), 'utf8'));
  for (const slug of index.sections.flatMap((s) => s.pages)) {
    assert.equal(norm(await page.getByTestId(`manual-link-${slug}`).textContent()), title('pt-BR', slug), slug);
  }

  // A page, and a link inside it to another page (handled by the console's router).
  await page.getByTestId('manual-link-operators').click();
  await page.waitForURL(/\/help\/manual\/operators$/);
  await manualTitleIs(page, 'Usuários');
  await page.getByTestId('manual-page-body').getByRole('link', { name: 'Perfis e permissões' }).click();
  await page.waitForURL(/\/help\/manual\/roles$/);
  await manualTitleIs(page, 'Perfis e permissões');
  const body = norm(await page.getByTestId('manual-page-body').textContent());
  assert.match(body, /Gestor/);
  assert.ok(await page.getByTestId('manual-page-body').locator('table th').count() >= 3, 'the roles table is rendered as a table');
  await shot(page, 'help-02-manual-pt-BR');

  // The search matches titles and section titles, without accents.
  await searchBox(page, 'manual-search').fill('permissoes');
  await page.getByTestId('manual-link-roles').waitFor();
  assert.equal(await page.getByTestId('manual-link-operators').count(), 0, 'a page without the word stays out');
  await searchBox(page, 'manual-search').fill('zzz nada');
  await page.getByText('Nenhuma página com esse título').waitFor();
  await searchBox(page, 'manual-search').fill('');
  await page.getByTestId('manual-link-operators').waitFor();

  // 2. Switch to en-US: the same page, in English.
  await page.getByTestId('language-en-US').click();
  await manualTitleIs(page, 'Roles and permissions');
  assert.match(norm(await page.getByTestId('manual-page-body').textContent()), /Manager/);
  assert.equal(norm(await page.getByTestId('manual-link-operators').textContent()), title('en-US', 'operators'));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en-US');
  await shot(page, 'help-03-manual-en-US');

  // 3. FAQ (en-US): every question, an answer on click, the search.
  await openHelpItem(page, 'faq');
  await page.waitForURL(/\/help\/faq$/);
  const enQuestions = questions('en-US');
  await page.getByTestId('faq-question').first().waitFor();
  assert.deepEqual((await page.getByTestId('faq-question').allTextContents()).map(norm), enQuestions);
  await page.getByTestId('faq-question').first().click();
  await page.getByTestId('faq-answer').first().waitFor();
  assert.match(norm(await page.getByTestId('faq-answer').first().textContent()), /spam folder/);
  await shot(page, 'help-04-faq-en-US');
  await searchBox(page, 'faq-search').fill('api key');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="faq-question"]').length < n, enQuestions.length);
  const found = (await page.getByTestId('faq-question').allTextContents()).map(norm);
  assert.ok(found.includes('I lost the API key I created.'), found.join(' | '));
  await searchBox(page, 'faq-search').fill('');
  await page.getByTestId('language-pt-BR').click();
  await page.getByTestId('faq-question').first().filter({ hasText: questions('pt-BR')[0] }).waitFor();
  assert.equal(await page.getByTestId('faq-question').count(), questions('pt-BR').length);

  // 4. API reference: a new tab at /docs/api, rendered from the spec the server serves.
  const [reference] = await Promise.all([context.waitForEvent('page'), openHelpItem(page, 'api')]);
  const referenceProblems = watchProblems(reference).problems;
  await reference.waitForLoadState('domcontentloaded');
  assert.equal(new URL(reference.url()).pathname, '/docs/api');
  // The first tag is open: its operations are listed; another tag opens on click.
  const liveness = spec.paths['/healthz'].get.summary;
  const signIn = spec.paths['/api/v1/auth/sign-in'].post.summary;
  await reference.getByText(liveness, { exact: true }).first().waitFor({ timeout: 60_000 });
  await reference.getByText('Authentication', { exact: true }).first().click();
  await reference.getByText(signIn, { exact: true }).first().waitFor();
  await reference.getByText('/api/v1/auth/sign-in').first().waitFor();
  assert.ok(await reference.getByText(originOf(server), { exact: true }).count() >= 1, 'try-it targets this server');
  assert.equal(await reference.evaluate(() => document.documentElement.lang), 'pt-BR');
  assert.equal(await reference.title(), 'Retaguarda — Referência da API');
  // The viewport only: the whole reference is one very long page.
  await reference.screenshot({ path: join(shots, 'help-05-api-reference.png'), animations: 'disabled' });
  assert.deepEqual(referenceProblems, [], 'the API reference logs no error (CSP, missing asset, parse)');
  await reference.close();

  // The reference follows the console's language (the choice stored by the console).
  await page.getByTestId('language-en-US').click();
  const english = await context.newPage();
  await english.goto(`${server.base}/docs/api`);
  await english.getByText(liveness, { exact: true }).first().waitFor({ timeout: 60_000 });
  assert.equal(await english.evaluate(() => document.documentElement.lang), 'en-US');
  assert.equal(await english.title(), 'Retaguarda — API reference');

  assert.deepEqual(problems, []);
  await context.close();
});

test('a manual page that does not exist says so and leads back to the manual (PLT-17)', async () => {
  const context = await browser.newContext({ locale: 'pt-BR', viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  await signInContext(context, server.base, tenant.manager);
  const page = await context.newPage();
  await page.goto(`${server.base}/help/manual/no-such-page`);
  await page.getByText('Página do manual não encontrada').waitFor();
  await page.getByRole('link', { name: 'Ir para o início do manual' }).click();
  await page.waitForURL(/\/help\/manual$/);
  await manualTitleIs(page, title('pt-BR', 'introduction'));
  await context.close();
});
