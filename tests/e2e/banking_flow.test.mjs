// covers ACC-01 ACC-02 ACC-06 ACC-08 TRX-02 TRX-04 — the banking flow in real Chromium
// against `retaguarda serve`, through the console only (the API only reads back):
//   1. a plan created in "Planos" (the tenant's first, so the default);
//   2. a company (PJ) registered in "Clientes" with two partners whose shares sum to 90 %;
//   3. its account opened in the "Contas" tab with the plan chosen by name, and a "Depósito de
//      teste";
//   4. a second customer (PF) registered with its own account (the default plan);
//   5. a P2P transfer in "Transferências › Nova transferência"; its receipt PDF downloaded from the
//      drawer and read with pdftotext (amount, both account numbers, the transfer id);
//   6. the transfer in the statement of both accounts with the running balance, and a statement
//      line's receipt;
//   7. the company's account suspended and reactivated through "Ações".
// Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer } from '../support/server.mjs';
import {
  accountAction, addPartner, bootstrapTenant, choose, fillCustomerForm, launchBrowser, managerApi, newPage, norm, pickAccount, shot,
  signInContext, toast,
} from './support.mjs';

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

const text = async (locator) => norm(await locator.textContent());

/** Downloads a receipt by clicking `button` and answers its text as pdftotext reads it. */
async function receiptText(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  assert.match(download.suggestedFilename(), /^comprovante-\d+\.pdf$/);
  return norm(execFileSync('pdftotext', [await download.path(), '-'], { encoding: 'utf8' }));
}

/** "Novo cliente" in "Clientes", filled by `fill`; answers the new customer's id from its page. */
async function newCustomer(page, { company, fields, done }) {
  await page.goto(`${server.base}/customers`);
  await page.getByTestId('customer-new').click();
  if (company) await page.locator('.ant-segmented-item', { hasText: 'Pessoa jurídica' }).click();
  await fillCustomerForm(page, fields);
  await page.getByTestId('customer-form-submit').click();
  await toast(page, done);
  await page.waitForURL(/\/customers\/\d+$/);
  await page.getByTestId('customer-detail').waitFor();
  return page.url().split('/').pop();
}

/** "Abrir conta" in the customer's "Contas" tab (with `plan` chosen by name); answers the account read back. */
async function openAccount(page, api, plan) {
  await page.getByTestId('customer-tabs').getByRole('tab', { name: 'Contas' }).click();
  await page.getByTestId('account-open').click();
  if (plan) await choose(page, 'account-open-plan', plan);
  await page.getByTestId('account-open-ok').click();
  await page.waitForURL(/\/accounts\/\d+$/);
  await page.getByTestId('account-detail').waitFor();
  return (await api('GET', `/api/v1/accounts/${page.url().split('/').pop()}`)).body;
}

const address = { cep: '01310100', street: 'Avenida Paulista', number: '1578', district: 'Bela Vista', city: 'São Paulo', uf: 'SP' };

test('a company with partners, its account, a deposit, a P2P transfer with receipts, suspension', async () => {
  const api = await managerApi(server.base, tenant.manager);
  const { context, page, problems } = await newPage(browser);
  try {
    await signInContext(context, server.base, tenant.manager);

    // 1. The tenant's first plan, created in "Planos".
    await page.goto(`${server.base}/plans`);
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-name').fill('Conta PJ Essencial');
    await page.getByTestId('plan-save').click();
    await page.waitForURL(/\/plans\/\d+$/);
    const planId = page.url().split('/').pop();

    // 2. The company and its partners (60 % + 30 %).
    const companyId = await newCustomer(page, {
      company: true,
      done: 'Cliente Oficina Mecânica Boa Via Ltda. cadastrado.',
      fields: {
        document: '11222333000181', name: 'Oficina Mecânica Boa Via Ltda.', 'alt-name': 'Boa Via', date: '2012-05-21', size: 'ME',
        email: 'contato@boavia.com.br', phone: '1132221100', income: '180000', ...address,
      },
    });
    await page.getByTestId('customer-tabs').getByRole('tab', { name: 'Sócios' }).click();
    await addPartner(page, { document: '52998224725', name: 'Rafael Henrique Moreira', share: '60', role: 'Sócio-administrador' });
    await toast(page, 'Sócio Rafael Henrique Moreira adicionado.');
    await addPartner(page, { document: '39053344705', name: 'Camila Araújo Monteiro', share: '30', role: 'Sócio' });
    await toast(page, 'Sócio Camila Araújo Monteiro adicionado.');
    await page.getByTestId('partner-row-39053344705').waitFor();
    assert.match(await text(page.getByTestId('partners-total')), /90%/);
    await shot(page, 'flow-partners');
    const partners = (await api('GET', `/api/v1/customers/${companyId}/partners`)).body.items;
    assert.deepEqual(partners.map((p) => p.share_bps).sort(), [3000, 6000]);

    // 3. Its account, with the plan chosen by name; a test deposit.
    const company = await openAccount(page, api, 'Conta PJ Essencial');
    assert.equal(company.customer_id, companyId);
    assert.equal(company.plan_id, planId);
    const companyNumber = `${company.number}-${company.check_digit}`;
    await page.getByTestId('account-tabs').getByRole('tab', { name: 'Dados' }).click();
    assert.equal(await text(page.getByTestId('account-plan')), 'Conta PJ Essencial');
    await accountAction(page, 'deposit');
    await page.getByTestId('deposit-amount').fill('1000,00');
    await page.getByTestId('deposit-description').fill('Capital inicial');
    await page.getByTestId('account-action-ok').click();
    await toast(page, 'Depósito creditado.');
    await page.getByTestId('account-balance').filter({ hasText: 'R$ 1.000,00' }).waitFor();

    // 4. A second customer, a person, with an account on the default plan.
    await newCustomer(page, {
      done: 'Cliente Bruno Carvalho Dias cadastrado.',
      fields: {
        document: '11144477735', name: 'Bruno Carvalho Dias', date: '1990-07-02', mother: 'Helena Carvalho', occupation: 'Mecânico',
        email: 'bruno.dias@exemplo.com.br', phone: '11981234567', income: '6500', ...address,
      },
    });
    const person = await openAccount(page, api);
    assert.equal(person.plan_id, planId, 'the default plan');
    const personNumber = `${person.number}-${person.check_digit}`;

    // 5. The P2P transfer in "Nova transferência", and its receipt from the drawer.
    await page.getByRole('navigation', { name: 'Navegação principal' }).getByRole('link', { name: 'Transferências', exact: true }).click();
    await page.getByTestId('transfers-page').waitFor();
    await page.getByTestId('transfer-new').click();
    await pickAccount(page, 'transfer-from', companyNumber);
    await pickAccount(page, 'transfer-to', personNumber);
    await page.getByTestId('transfer-amount-input').fill('250,00');
    await page.getByTestId('transfer-description').fill('Serviço de funilaria');
    await shot(page, 'flow-transfer-form');
    await page.getByTestId('transfer-form-submit').click();
    await page.getByTestId('transfer-result').waitFor();
    assert.match(await text(page.getByTestId('transfer-result')), /Transferência concluída/);
    await page.getByTestId('transfer-result-open').click();
    const drawer = page.getByTestId('transfer-drawer');
    await drawer.waitFor();
    const transfers = (await api('GET', `/api/v1/transfers?account_id=${company.id}`)).body.items;
    assert.equal(transfers.length, 1);
    const transfer = transfers[0];
    assert.deepEqual([transfer.status, transfer.amount, transfer.to_account_id], ['completed', 25_000, person.id]);
    await shot(page, 'flow-transfer-drawer');
    const receipt = await receiptText(page, page.getByTestId('transfer-receipt'));
    assert.match(receipt, /R\$ 250,00/, receipt);
    assert.ok(receipt.includes(companyNumber), `the payer's account in:\n${receipt}`);
    assert.ok(receipt.includes(personNumber), `the payee's account in:\n${receipt}`);
    assert.ok(receipt.includes(transfer.id), `the transfer id in:\n${receipt}`);
    await page.locator('.ant-drawer-close').click();

    // 6. Both statements show it with the running balance; a statement line's receipt.
    await page.goto(`${server.base}/accounts/${company.id}`);
    const debit = page.getByTestId('statement-row-p2p');
    await debit.waitFor();
    assert.match(await text(debit), /Transferência P2P.*Serviço de funilaria.*-R\$ 250,00.*R\$ 750,00/);
    assert.match(await text(page.getByTestId('statement-row-deposit')), /Capital inicial.*\+R\$ 1\.000,00.*R\$ 1\.000,00/);
    await shot(page, 'flow-statement-company');
    const lineReceipt = await receiptText(page, debit.getByTestId('statement-receipt'));
    assert.match(lineReceipt, /R\$ 250,00/, lineReceipt);
    assert.ok(lineReceipt.includes(companyNumber) && lineReceipt.includes(personNumber), lineReceipt);
    await page.goto(`${server.base}/accounts/${person.id}`);
    await page.getByTestId('statement-row-p2p').waitFor();
    assert.match(await text(page.getByTestId('statement-row-p2p')), /Serviço de funilaria.*\+R\$ 250,00.*R\$ 250,00/);
    await shot(page, 'flow-statement-person');

    // 7. The company's account suspended and reactivated through "Ações".
    await page.goto(`${server.base}/accounts/${company.id}`);
    await page.getByTestId('account-detail').waitFor();
    await accountAction(page, 'suspend');
    await page.getByTestId('action-reason').fill('Análise cadastral');
    await page.getByTestId('account-action-ok').click();
    await toast(page, 'Conta suspensa.');
    await page.getByTestId('account-status').filter({ hasText: 'Suspensa' }).first().waitFor();
    assert.match(await text(page.getByTestId('account-status-banner')), /Conta suspensa: Análise cadastral/);
    assert.equal((await api('GET', `/api/v1/accounts/${company.id}`)).body.status, 'suspended');
    await shot(page, 'flow-suspended');
    await accountAction(page, 'reactivate');
    await page.getByTestId('action-reason').fill('Cadastro revisado');
    await page.getByTestId('account-action-ok').click();
    await toast(page, 'Suspensão removida.');
    await page.getByTestId('account-status').filter({ hasText: 'Ativa' }).first().waitFor();
    const after = (await api('GET', `/api/v1/accounts/${company.id}`)).body;
    assert.deepEqual([after.status, after.balance], ['active', 75_000]);
    assert.equal((await api('GET', `/api/v1/accounts/${person.id}`)).body.balance, 25_000);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
