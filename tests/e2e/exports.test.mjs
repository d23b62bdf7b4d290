// covers PLT-09 — the "Exportar" button and the "Exportações" screen in Chromium.
//
// Against the real `retaguarda serve` with a synchronous limit of 5 rows:
//   1. on "Perfis" (3 roles) the manager opens "Exportar" → "Excel (.xlsx)": the browser downloads
//      the file at once; exceljs opens it and its rows equal the roles the API lists;
//   2. on "Usuários" (7 operators, more than the limit) "Exportar" → CSV answers that the export
//      runs in the background; the toast's link opens "Exportações", which refreshes itself
//      until the export is "Concluída", and its download link saves the CSV (every operator,
//      `;`-separated, UTF-8 with BOM);
//   3. the screen in English.
// Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { startServer } from '../support/server.mjs';
import { bootstrapTenant, launchBrowser, managerApi, signInContext, TIMEOUT, watchProblems } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, 'screenshots');
mkdirSync(shots, { recursive: true });

let server;
let browser;
let tenant;
let api;

before(async () => {
  server = await startServer({ args: ['--export-sync-rows-max', '5'] });
  tenant = await bootstrapTenant(server);
  api = await managerApi(server.base, tenant.manager);
  const roles = (await api('GET', '/api/v1/roles')).body.items;
  const common = roles.find((r) => r.code === 'common');
  for (const name of ['Ana Beatriz', 'Bruno Çardoso', 'Carla Dias', 'Davi Éboli', 'Elisa Fontes', 'Fábio "Fabinho", Gomes']) {
    const email = `op-${name.split(' ')[0].normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}-${tenant.tag}@banco-exemplo.com.br`;
    const created = await api('POST', '/api/v1/operators', { name, email, role_id: common.id });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(locale = 'pt-BR') {
  const context = await browser.newContext({ locale, timezoneId: 'America/Sao_Paulo', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  context.setDefaultTimeout(TIMEOUT);
  await signInContext(context, server.base, tenant.manager);
  const page = await context.newPage();
  if (locale !== 'pt-BR') await page.addInitScript((lang) => window.localStorage.setItem('retaguarda.lang', lang), locale);
  return { context, page, ...watchProblems(page) };
}

async function pickExport(page, testId, format) {
  await page.getByTestId(testId).click();
  await page.getByTestId(`${testId}-${format}`).click();
}

test('PLT-09 roles export to XLSX downloads at once and matches the API', async () => {
  const { context, page, problems } = await newPage();
  await page.goto(`${server.base}/roles`);
  await page.getByTestId('page-title').waitFor();
  await page.getByTestId('roles-export').click();
  await page.getByTestId('roles-export-xlsx').waitFor();
  await page.screenshot({ path: join(shots, 'exports-menu.png'), animations: 'disabled' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('roles-export-xlsx').click()]);
  assert.match(download.suggestedFilename(), /^roles_\d{4}-\d{2}-\d{2}_\d{4}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(await download.path()));
  const sheet = workbook.worksheets[0];
  const roles = (await api('GET', '/api/v1/roles')).body.items;
  assert.deepEqual(sheet.getRow(1).values.slice(1), ['Nome', 'Código', 'Padrão', 'Permissões']);
  assert.equal(sheet.rowCount, roles.length + 1);
  roles.forEach((role, i) => {
    assert.equal(sheet.getRow(i + 2).getCell(1).value, role.name);
    assert.equal(sheet.getRow(i + 2).getCell(3).value, role.built_in);
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('PLT-09 a large export runs in the background and is downloaded from "Exportações"', async () => {
  const { context, page, problems } = await newPage();
  await page.goto(`${server.base}/operators`);
  await page.getByTestId('page-title').waitFor();
  await pickExport(page, 'operators-export', 'csv');
  await page.getByTestId('export-queued').waitFor();
  await page.screenshot({ path: join(shots, 'exports-queued.png'), animations: 'disabled' });
  await page.getByTestId('export-queued').getByRole('link').click();
  await page.waitForURL(/\/exports$/);
  await page.getByTestId('exports-page').waitFor();
  assert.equal(await page.getByTestId('page-title').textContent(), 'Exportações');
  const row = page.getByTestId('exports-table').locator('tbody tr.ant-table-row').first();
  await row.getByTestId('export-status').filter({ hasText: 'Concluída' }).waitFor();  // the page refreshes itself
  assert.equal(await row.getByTestId('export-list').textContent(), 'Operadores');
  assert.equal(await row.getByTestId('export-rows').textContent(), '7');
  await page.screenshot({ path: join(shots, 'exports-page.png'), fullPage: true, animations: 'disabled' });
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('export-download').click()]);
  assert.match(download.suggestedFilename(), /^operators_.*\.csv$/);
  const bytes = readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8');
  assert.ok(text.includes('\r\n"Fábio ""Fabinho"", Gomes";'), text);
  assert.equal(text.trimEnd().split('\r\n').length, 8);
  assert.deepEqual(problems, []);
  await context.close();
});

test('PLT-09 "Exports" in English', async () => {
  const { context, page } = await newPage('en-US');
  await page.goto(`${server.base}/exports`);
  await page.getByTestId('exports-table').waitFor();
  assert.equal(await page.getByTestId('page-title').textContent(), 'Exports');
  await page.getByTestId('export-status').first().filter({ hasText: 'Done' }).waitFor();
  await page.screenshot({ path: join(shots, 'exports-page-en.png'), fullPage: true, animations: 'disabled' });
  await context.close();
});
