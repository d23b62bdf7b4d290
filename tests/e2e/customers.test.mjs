// covers ACC-01 ACC-02 ACC-09 — "Clientes" in real Chromium against `retaguarda serve`:
//   1. "Novo cliente" with the PJ switch: the CNPJ check digits are verified in the browser, the
//      company is registered and its page opens;
//   2. "Sócios": two partners added through the form, the bar shows 100 %, a third partner that
//      would pass 100 % is refused next to the share field;
//   3. "Documentos": a PDF dropped on the zone is sent for analysis, approved, and downloaded
//      (same bytes); the list finds the company by its masked CNPJ.
// Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../support/server.mjs';
import { addPartner, bootstrapTenant, fillCustomerForm, launchBrowser, managerApi, signInContext, TIMEOUT, watchProblems } from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, 'screenshots');
mkdirSync(shots, { recursive: true });

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

async function shot(page, name) {
  const hide = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true, animations: 'disabled' });
  await hide.evaluate((node) => node.remove());
}
async function toast(page, text) {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor();
}

// The "Novo cliente" form for a company, after choosing Pessoa jurídica.
async function fillCompany(page, cnpj) {
  await fillCustomerForm(page, {
    document: cnpj, name: 'Padaria Pão Dourado Ltda.', 'alt-name': 'Pão Dourado', date: '2015-08-03', size: 'ME',
    email: 'contato@paodourado.com.br', phone: '3132221100', income: '95000', cep: '30140071', street: 'Rua da Bahia',
    number: '1148', district: 'Lourdes', city: 'Belo Horizonte', uf: 'MG',
  });
}

test('a company with two partners, a document approved and downloaded', async () => {
  const api = await managerApi(server.base, tenant.manager);
  const context = await browser.newContext({
    locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', viewport: { width: 1366, height: 900 }, acceptDownloads: true,
  });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const watch = watchProblems(page);
  try {
    await signInContext(context, server.base, tenant.manager);
    await page.goto(`${server.base}/status`);
    const nav = page.getByRole('navigation', { name: 'Navegação principal' });
    await nav.getByRole('link', { name: 'Clientes', exact: true }).click();
    await page.waitForURL(/\/customers$/);
    await page.getByTestId('customers-page').waitFor();

    // 1. A new company; a wrong check digit is caught before anything is sent.
    await page.getByTestId('customer-new').click();
    await page.locator('.ant-segmented-item', { hasText: 'Pessoa jurídica' }).click();
    await page.getByTestId('customer-document').fill('11222333000182');
    await page.getByTestId('customer-name').click();
    await page.locator('.ant-form-item-explain-error', { hasText: 'Informe um CNPJ válido' }).waitFor();
    await fillCompany(page, '11222333000181');
    assert.equal(await page.getByTestId('customer-document').inputValue(), '11.222.333/0001-81', 'masked while typing');
    await shot(page, 'customers-new-pj');
    await page.getByTestId('customer-form-submit').click();
    await toast(page, 'Cliente Padaria Pão Dourado Ltda. cadastrado.');
    await page.waitForURL(/\/customers\/\d+$/);
    const customerId = page.url().split('/').pop();
    await page.getByTestId('customer-detail').waitFor();
    assert.match(await page.getByTestId('customer-data').textContent(), /R\$\s?95\.000,00/);

    // 2. Two partners adding up to 100 %; a third one does not fit.
    await page.getByTestId('customer-tabs').getByRole('tab', { name: 'Sócios' }).click();
    await addPartner(page, { document: '52998224725', name: 'Rafael Henrique Moreira', share: '60', role: 'Sócio-administrador' });
    await toast(page, 'Sócio Rafael Henrique Moreira adicionado.');
    await addPartner(page, { document: '11144477735', name: 'Camila Araújo Monteiro', share: '40', role: 'Sócio' });
    await toast(page, 'Sócio Camila Araújo Monteiro adicionado.');
    await page.getByTestId('partner-row-11144477735').waitFor();
    assert.equal((await page.getByTestId('partner-share').allTextContents()).join(' '), '60% 40%');
    assert.match(await page.getByTestId('partners-total').textContent(), /100%/);
    await page.getByTestId('partner-add').click();
    await page.getByTestId('partner-document').fill('12345678909');
    await page.getByTestId('partner-name').fill('Terceiro');
    await page.getByTestId('partner-share-input').fill('1');
    await page.getByTestId('partner-name').click();
    await page.locator('.ant-form-item-explain-error', { hasText: 'A participação cabe até 0%' }).waitFor();
    await shot(page, 'customers-partners');
    await page.keyboard.press('Escape');
    const partners = (await api('GET', `/api/v1/customers/${customerId}/partners`)).body.items;
    assert.deepEqual(partners.map((p) => p.share_bps), [6000, 4000]);

    // 3. A PDF dropped for analysis, approved, downloaded.
    await page.getByTestId('customer-tabs').getByRole('tab', { name: 'Documentos' }).click();
    await page.getByTestId('document-kind').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Contrato social' }).click();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const file = join(server.dir, 'contrato-social.pdf');
    writeFileSync(file, pdf);
    await page.getByTestId('documents-tab').locator('input[type=file]').setInputFiles(file);
    await toast(page, 'contrato-social.pdf enviado para análise.');
    const row = page.getByTestId('document-row-contrato-social.pdf');
    await row.getByTestId('document-status').filter({ hasText: 'Em análise' }).waitFor();
    await row.getByTestId('document-approve').click();
    await row.getByTestId('document-status').filter({ hasText: 'Aprovado' }).waitFor();
    await shot(page, 'customers-documents');
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('document-download').click()]);
    assert.equal(download.suggestedFilename(), 'contrato-social.pdf');
    assert.deepEqual(readFileSync(await download.path()), pdf);
    const documents = (await api('GET', `/api/v1/customers/${customerId}/documents`)).body.items;
    assert.equal(documents[0].status, 'approved');

    // The list finds the company by its masked CNPJ.
    await nav.getByRole('link', { name: 'Clientes', exact: true }).click();
    const search = page.getByPlaceholder('CPF ou CNPJ');
    await search.fill('11.222.333/0001-81');
    await search.press('Enter');
    await page.waitForURL(/document=/);
    await page.getByTestId('customer-row-11222333000181').waitFor();
    assert.equal(await page.getByTestId('customer-link').count(), 1);
    await shot(page, 'customers-list');

    // The same CNPJ again: the server's 409 is shown, translated, next to the document.
    await page.getByTestId('customer-new').click();
    await page.locator('.ant-segmented-item', { hasText: 'Pessoa jurídica' }).click();
    await fillCompany(page, '11222333000181');
    await page.getByTestId('customer-form-submit').click();
    await page.locator('.ant-form-item-explain-error', { hasText: 'Outro cliente já tem este CPF/CNPJ.' }).waitFor();
    await page.keyboard.press('Escape');

    // In English.
    await page.getByTestId('language-en-US').click();
    await page.getByTestId('page-title').filter({ hasText: 'Customers' }).waitFor();
    await page.getByTestId('customer-row-11222333000181').getByText('Company').waitFor();
    await page.getByTestId('customer-link').click();
    await page.getByTestId('customer-tabs').getByRole('tab', { name: 'Partners' }).click();
    await page.getByTestId('partners-table').getByText('Managing partner').waitFor();
    await shot(page, 'customers-partners-en-US');
    await page.getByTestId('language-pt-BR').click();
    assert.deepEqual(watch.problems, [], 'no page errors or unexpected console errors');
  } finally {
    await context.close();
  }
});
