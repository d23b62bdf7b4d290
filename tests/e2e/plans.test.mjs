// covers ACC-03 TRX-06 — "Planos" and "Tarifas" in real Chromium against `retaguarda serve`:
//   1. create a plan with overdraft, a parameter and a card ID; it opens on its page;
//   2. add two tariffs on the plan's page (a fixed TED with a free quota, a percentage Pix with
//      a minimum); add and remove a card ID;
//   3. "Tarifas": filter by plan, edit a tariff in the dialog; the API agrees;
//   4. delete the plan (typed confirmation): it leaves the list.
// Screenshots go to tests/e2e/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cells, consoleSuite, managerApi, norm, shot, signInContext, TIMEOUT, toast, watchProblems } from './support.mjs';

const suite = consoleSuite();

async function pick(page, testId, text) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

test('create a plan with two tariffs, edit a tariff, delete the plan', async () => {
  const api = await managerApi(suite.server.base, suite.tenant.manager);
  // The tenant's default plan exists already, so the new one is not the default.
  assert.equal((await api('POST', '/api/v1/plans', { name: 'Essencial' })).status, 201);
  const context = await suite.browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const watch = watchProblems(page);
  try {
    await signInContext(context, suite.server.base, suite.tenant.manager);
    await page.goto(`${suite.server.base}/status`);
    const nav = page.getByRole('navigation', { name: 'Navegação principal' });

    // 1. A new plan.
    await nav.getByRole('link', { name: 'Planos', exact: true }).click();
    await page.waitForURL(/\/plans$/);
    await page.getByTestId('plan-row-Essencial').getByTestId('plan-default-tag').waitFor();
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-name').fill('Empresarial PJ');
    await page.getByTestId('plan-description').fill('Conta PJ com cheque especial');
    await page.getByTestId('plan-overdraft').fill('5000');
    await page.getByTestId('plan-monthly-fee').fill('49,90');
    await page.getByTestId('plan-cards').locator('input').fill('VISA-PJ');
    await page.keyboard.press('Enter');
    await page.getByTestId('plan-parameter-add').click();
    await page.getByTestId('plan-parameter-key-0').fill('saques_gratis');
    await page.getByTestId('plan-parameter-value-0').fill('4');
    await shot(page, 'plans-new');
    await page.getByTestId('plan-save').click();
    await toast(page, 'Plano criado');
    await page.waitForURL(/\/plans\/\d+$/);
    const planId = page.url().split('/').pop();
    await page.getByTestId('plan-detail').waitFor();
    assert.equal(norm(await page.getByTestId('page-title').textContent()), 'Empresarial PJ');
    assert.equal(norm(await page.getByTestId('plan-overdraft-value').textContent()), 'R$ 5.000,00');
    await page.getByTestId('plan-card-VISA-PJ').waitFor();
    assert.match(norm(await page.getByTestId('plan-parameter-list').textContent()), /saques_gratis = 4/);

    // 2. Two tariffs on the plan's page.
    await page.getByTestId('plan-tariff-new').click();
    await pick(page, 'tariff-operation', 'TED');
    await page.getByTestId('tariff-fixed').fill('8,90');
    await page.getByTestId('tariff-free-quota').fill('4');
    await page.getByTestId('tariff-description').fill('TED avulsa');
    await page.getByTestId('tariff-save').click();
    await toast(page, 'Tarifa criada');
    await page.getByTestId('plan-tariff-row-ted').waitFor();
    await page.getByTestId('plan-tariff-new').click();
    await pick(page, 'tariff-operation', 'Pix');
    await page.getByTestId('tariff-kind-percentage').click();
    await page.getByTestId('tariff-rate').fill('0,99');
    await page.getByTestId('tariff-min').fill('0,50');
    await shot(page, 'plans-tariff-new');
    await page.getByTestId('tariff-save').click();
    await toast(page, 'Tarifa criada');
    const pixRow = page.getByTestId('plan-tariff-row-pix');
    await pixRow.waitFor();
    assert.match(await cells(pixRow), /Pix Percentual 0,99 % Mínimo R\$ 0,50/);
    assert.match(await cells(page.getByTestId('plan-tariff-row-ted')), /TED Valor fixo R\$ 8,90 4 grátis\/mês Ativa TED avulsa/);
    // Card IDs: add one, remove another.
    await page.getByTestId('plan-card-input').fill('ELO-PJ');
    await page.getByTestId('plan-card-add').click();
    await toast(page, 'ID de cartão adicionado');
    await page.getByTestId('plan-card-ELO-PJ').waitFor();
    await page.getByTestId('plan-card-VISA-PJ').locator('.ant-tag-close-icon').click();
    await toast(page, 'ID de cartão removido');
    await page.getByTestId('plan-card-VISA-PJ').waitFor({ state: 'detached' });
    await shot(page, 'plans-detail');

    // 3. "Tarifas": filter by the plan, edit the TED tariff.
    await nav.getByRole('link', { name: 'Tarifas', exact: true }).click();
    await page.waitForURL(/\/tariffs$/);
    await pick(page, 'filter-plan', 'Empresarial PJ');
    await page.waitForURL(new RegExp(`plan_id=${planId}`));
    await page.getByTestId('tariff-row-Empresarial PJ-ted').waitFor();
    await page.getByTestId('tariff-edit-ted').click();
    await page.getByTestId('tariff-fixed').fill('9,50');
    await page.getByTestId('tariff-free-quota').fill('2');
    await page.getByTestId('tariff-save').click();
    await toast(page, 'Tarifa salva');
    await page.getByTestId('tariff-row-Empresarial PJ-ted').filter({ hasText: '2 grátis/mês' }).waitFor();
    await shot(page, 'tariffs-list');
    const tariffs = (await api('GET', `/api/v1/tariffs?plan_id=${planId}`)).body.items;
    const ted = tariffs.find((t) => t.operation === 'ted');
    const pix = tariffs.find((t) => t.operation === 'pix');
    assert.deepEqual([ted.kind, ted.fixed_amount, ted.free_quota], ['fixed', 950, 2]);
    assert.deepEqual([pix.kind, pix.rate_bps, pix.min_amount, pix.max_amount], ['percentage', 99, 50, null]);
    const plan = (await api('GET', `/api/v1/plans/${planId}`)).body;
    assert.deepEqual([plan.overdraft_limit, plan.monthly_fee, plan.card_product_ids, plan.parameters],
      [500000, 4990, ['ELO-PJ'], { saques_gratis: '4' }]);

    // 4. Delete the plan with the typed confirmation.
    await page.goto(`${suite.server.base}/plans/${planId}`);
    await page.getByTestId('plan-delete').click();
    await page.getByTestId('plan-delete-confirm-input').fill('Empresarial PJ');
    await page.getByTestId('plan-delete-confirm-ok').click();
    await toast(page, 'Plano excluído');
    await page.waitForURL(/\/plans$/);
    await page.getByTestId('plan-row-Essencial').waitFor();
    assert.equal(await page.getByTestId('plan-row-Empresarial PJ').count(), 0);
    assert.deepEqual(watch.problems, [], 'no page errors or unexpected console errors');
  } finally {
    await context.close();
  }
});
