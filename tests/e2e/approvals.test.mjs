// covers: maker-checker (four-eyes approval) console screens — seed 004
//
// Browser test against the real `retaguarda serve`, with a tenant and manager (the maker) made by
// `retaguarda admin bootstrap` and a second manager (the checker) taken through first access:
//   1. the maker turns on "Exige aprovação" for "Desabilitar operador" in "Aprovação em quatro olhos";
//   2. disables an operator: the console says the request was sent for approval (business status
//      "A inativar") and the operator is still active, with the pending change shown next to it;
//   3. the maker opens the request and cannot pick it up (note, no button; the API answers 403);
//   4. in a second browser the checker opens "Solicitações para aprovação", double-clicks the
//      request "A inativar", clicks "Assumir" and "Aprovar e ativar": approved, business status
//      "Inativo"; the maker then sees the operator inactive;
//   5. another request is rejected with a reason (the reason is required, at least 3 characters);
//      its operator stays active; the list's filters live in the URL; the screens in English.
// Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../support/server.mjs';
import {
  bootstrapTenant,
  createOperatorWithPassword,
  launchBrowser,
  managerApi,
  signInContext,
  TIMEOUT,
  watchProblems,
} from './support.mjs';

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

async function newPage() {
  const context = await browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  return { context, page, ...watchProblems(page) };
}

const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
/** Screenshot; toasts are hidden (they cover the page title) unless `toasts` is set. */
async function shot(page, name, { toasts = false } = {}) {
  const hide = toasts ? undefined : await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true, animations: 'disabled' });
  await hide?.evaluate((node) => node.remove());
}

async function toast(page, text) {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor();
}

// antd renders Select options in a popup; pick one by its label.
async function choose(page, testId, label) {
  await page.getByTestId(testId).click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
}

/**
 * The validation messages shown under the form field holding `inputTestId`, once they settle on
 * `expected` (antd animates a replaced message out, so both are there for a moment).
 */
async function fieldErrors(page, inputTestId, expected) {
  const item = page.locator('.ant-form-item', { has: page.getByTestId(inputTestId) });
  await item.locator('.ant-form-item-explain-error').first().waitFor();
  let texts = [];
  for (const deadline = Date.now() + TIMEOUT; Date.now() < deadline; await page.waitForTimeout(50)) {
    texts = (await item.locator('.ant-form-item-explain-error').allTextContents()).map(norm);
    if (JSON.stringify(texts) === JSON.stringify(expected)) break;
  }
  return texts;
}

/** DD/MM/AAAA HH:mm, as the console writes dates. */
const BR_DATE_TIME = /\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/;

test('maker turns on approval; checker picks up and approves in another browser; a rejection with a reason', async () => {
  const { manager: maker, tag } = tenant;
  const api = await managerApi(server.base, maker);
  const checker = { name: 'Marcos Revisor', email: `marcos-${tag}@banco-exemplo.com.br`, password: 'Lua#Azul83p' };
  await createOperatorWithPassword(api, server.base, { ...checker, roleCode: 'manager' });
  const bruno = await createOperatorWithPassword(api, server.base, {
    name: 'Bruno Alvo', email: `bruno-${tag}@banco-exemplo.com.br`, password: 'Rio!Verde52t',
  });
  const clara = (await api('POST', '/api/v1/operators', {
    name: 'Clara Alvo', email: `clara-${tag}@banco-exemplo.com.br`,
    role_id: (await api('GET', '/api/v1/roles')).body.items.find((r) => r.code === 'common').id, access_interface: 'console',
  })).body;

  const makerUi = await newPage();
  const checkerUi = await newPage();
  try {
    const { page } = makerUi;
    await signInContext(makerUi.context, server.base, maker);

    // 1. Settings: "Desabilitar operador" requires approval, 48 hours to decide.
    await page.goto(`${server.base}/status`);
    const nav = page.getByRole('navigation', { name: 'Navegação principal' });
    // The menu's "Aprovações" group: "Solicitações" and "Configuração".
    await nav.getByRole('link', { name: 'Configuração', exact: true }).click();
    await page.waitForURL(/\/approvals\/settings$/);
    await page.getByTestId('approval-settings-page').waitFor();
    assert.equal(norm(await page.getByTestId('page-title').textContent()), 'Aprovação em quatro olhos');
    const disableRow = page.getByTestId('policy-row-operator.disable');
    assert.match(norm(await disableRow.textContent()), /Desabilitar operador.*operator\.disable/);
    for (const action of ['operator.disable', 'operator.enable', 'operator.delete']) {
      assert.equal(await page.getByTestId(`policy-switch-${action}`).getAttribute('aria-checked'), 'false', `${action} off by default`);
    }
    assert.ok(await page.getByTestId('policy-save-operator.disable').isDisabled(), 'nothing to save yet');
    await page.getByTestId('policy-switch-operator.disable').click();
    assert.equal(await page.getByTestId('policy-switch-operator.disable').getAttribute('aria-checked'), 'true');
    await page.getByTestId('policy-hours-operator.disable').fill('48');
    await page.getByTestId('policy-save-operator.disable').click();
    await toast(page, '“Desabilitar operador” agora exige aprovação (prazo de 48 horas).');
    await page.getByTestId('policy-save-operator.disable').and(page.locator('[disabled]')).waitFor();
    const policies = (await api('GET', '/api/v1/approval-policies')).body.items;
    assert.deepEqual(
      policies.find((p) => p.action === 'operator.disable'),
      { action: 'operator.disable', label_pt: 'Desabilitar operador', label_en: 'Disable operator', requires_approval: true, expires_after_hours: 48 },
    );
    assert.equal(policies.find((p) => p.action === 'operator.enable').requires_approval, false, 'only the row saved changes');
    await shot(page, 'approvals-settings');

    // 2. The maker disables Bruno: sent for approval, Bruno still active.
    await nav.getByRole('link', { name: 'Usuários', exact: true }).click();
    const brunoRow = page.getByTestId(`operator-row-${bruno.email}`);
    await brunoRow.waitFor();
    await page.getByTestId(`operator-actions-${bruno.email}`).click();
    await page.getByRole('menuitem', { name: 'Desabilitar' }).click();
    // The confirmation already says the change goes to a checker.
    await page.getByTestId('needs-approval-note').waitFor();
    assert.match(norm(await page.getByTestId('needs-approval-note').textContent()), /Esta ação exige aprovação/);
    assert.equal(norm(await page.getByTestId('confirm-disable').textContent()), 'Enviar para aprovação');
    await shot(page, 'approvals-operator-confirm');
    const disabled = page.waitForResponse((r) => r.url().endsWith(`/api/v1/operators/${bruno.id}/disable`));
    await page.getByTestId('confirm-disable').click();
    assert.equal((await disabled).status(), 202);
    await page.getByTestId('approval-submitted').waitFor();
    assert.match(norm(await page.getByTestId('approval-submitted').textContent()), /^Solicitação enviada para aprovação — status: A inativar\./);
    assert.equal(await page.locator('.ant-message-notice', { hasText: 'foi desabilitado' }).count(), 0, 'never says it was disabled');
    await brunoRow.getByTestId('operator-pending').waitFor();
    assert.match(norm(await brunoRow.getByTestId('operator-status').textContent()), /^Ativo$/);
    assert.equal(norm(await brunoRow.getByTestId('operator-pending').textContent()), 'A inativar');
    assert.equal((await api('GET', `/api/v1/operators/${bruno.id}`)).body.status, 'active', 'the change waits for the checker');
    await shot(page, 'approvals-operator-sent', { toasts: true });

    // Seed 004: a user with a modification waiting cannot be changed again before the decision.
    await page.getByTestId(`operator-actions-${bruno.email}`).click();
    await page.getByRole('menuitem', { name: 'Desabilitar' }).click();
    await toast(page, 'Este usuário já tem uma alteração aguardando aprovação (A inativar).');
    assert.equal(await page.getByTestId('confirm-disable').count(), 0);

    // The checker was e-mailed a link to the request.
    const requests = (await api('GET', '/api/v1/approvals?status=pending')).body.items;
    assert.equal(requests.length, 1);
    const request = requests[0];
    assert.equal(request.target_id, bruno.id);
    assert.equal(request.business_status, 'To Be Inactivated');
    const mails = (await api('GET', `/api/v1/mailbox?to=${encodeURIComponent(checker.email)}`)).body.items;
    const approvalMail = mails.find((m) => m.template === 'approval_requested');
    assert.ok(approvalMail, `an approval e-mail to the checker: ${JSON.stringify(mails.map((m) => m.template))}`);
    assert.match((await api('GET', `/api/v1/mailbox/${approvalMail.id}`)).body.body_text, new RegExp(`/approvals/${request.id}\\b`));

    // 3. On Bruno's page, the pending change; the maker opens it and cannot check it.
    await brunoRow.getByTestId('operator-link').click();
    await page.getByTestId('operator-detail').waitFor();
    await page.getByTestId('pending-approvals-card').waitFor();
    assert.match(norm(await page.getByTestId('pending-approvals-card').textContent()),
      new RegExp(`A inativar.*Desabilitar operador.*${maker.name}.*Pendente`));
    assert.equal(norm(await page.getByTestId('operator-status').first().textContent()), 'Ativo');
    await shot(page, 'approvals-operator-pending');
    await page.getByTestId('pending-approval-link').click();
    await page.waitForURL(new RegExp(`/approvals/${request.id}$`));
    await page.getByTestId('approval-detail').waitFor();
    assert.equal(norm(await page.getByTestId('page-title').textContent()), `Desabilitar Bruno Alvo (${bruno.email})`);
    await page.getByTestId('approval-note-maker').waitFor();
    assert.match(norm(await page.getByTestId('approval-note-maker').textContent()), /Você fez esta solicitação; outro usuário precisa conferi-la/);
    assert.equal(await page.getByTestId('approval-pick-up').count(), 0, 'the maker has no "Assumir"');
    assert.equal(await page.getByTestId('approval-approve').count(), 0);
    assert.equal(norm(await page.getByTestId('approval-status').first().textContent()), 'Pendente');
    assert.equal(norm(await page.getByTestId('approval-business-status').first().textContent()), 'A inativar');
    assert.deepEqual(JSON.parse(await page.getByTestId('approval-payload').textContent()), { operator_id: bruno.id });
    assert.equal(norm(await page.getByTestId('approval-target-link').textContent()), `Bruno Alvo (${bruno.email})`);
    await shot(page, 'approvals-maker-note');
    // Nor through the API.
    const own = await api('POST', `/api/v1/approvals/${request.id}/pick-up`);
    assert.equal(own.status, 403);
    assert.equal(own.body.detail, 'You made this request; another operator must check it.');

    // 4. The checker, in another browser: the list, a double-click, "Assumir", "Aprovar e ativar".
    const cp = checkerUi.page;
    await signInContext(checkerUi.context, server.base, checker);
    await cp.goto(`${server.base}/status`);
    await cp.getByRole('navigation', { name: 'Navegação principal' }).getByRole('link', { name: 'Solicitações', exact: true }).click();
    await cp.waitForURL(/\/approvals$/);
    await cp.getByTestId('approvals-page').waitFor();
    assert.equal(norm(await cp.getByTestId('page-title').textContent()), 'Solicitações para aprovação');
    assert.match(norm(await cp.getByTestId('approvals-filter-status').textContent()), /Pendente.*Assumida/, 'default filter: open requests');
    const row = cp.locator('tr', { has: cp.getByTestId('approval-business-status').filter({ hasText: 'A inativar' }) })
      .filter({ hasText: 'Bruno Alvo' });
    await row.waitFor();
    assert.match(norm(await row.innerText()),
      new RegExp(`${BR_DATE_TIME.source} Desabilitar operador Desabilitar Bruno Alvo .* A inativar ${maker.name} — Pendente ${BR_DATE_TIME.source}`));
    await shot(cp, 'approvals-list-checker');
    await row.locator('td').first().dblclick();
    await cp.waitForURL(new RegExp(`/approvals/${request.id}$`));
    await cp.getByTestId('approval-detail').waitFor();
    await cp.getByTestId('approval-note-pick-up').waitFor();
    assert.equal(await cp.getByTestId('approval-approve').count(), 0, 'no decision before the pick-up');
    await cp.getByTestId('approval-pick-up').click();
    await toast(cp, 'Solicitação assumida.');
    await cp.getByTestId('approval-detail').and(cp.locator('[data-status="picked_up"]')).waitFor();
    assert.equal(norm(await cp.getByTestId('approval-status').first().textContent()), 'Assumida');
    assert.equal(norm(await cp.getByTestId('approval-checker').textContent()), checker.name);
    await cp.getByTestId('approval-note-decide').waitFor();
    await shot(cp, 'approvals-picked-up');

    // Meanwhile the maker sees who holds it.
    await page.reload();
    await page.getByTestId('approval-note-maker').waitFor();
    assert.equal(norm(await page.getByTestId('approval-checker').textContent()), checker.name);

    await cp.getByTestId('approval-approve').click();
    assert.match(norm(await cp.locator('.ant-modal-confirm').textContent()), /Aprovar e ativar\?.*Desabilitar operador/);
    const approved = cp.waitForResponse((r) => r.url().endsWith(`/api/v1/approvals/${request.id}/approve`));
    await cp.getByTestId('confirm-approve').click();
    assert.equal((await approved).status(), 200);
    await toast(cp, 'Solicitação aprovada; a alteração foi aplicada.');
    await cp.getByTestId('approval-detail').and(cp.locator('[data-status="approved"]')).waitFor();
    assert.equal(norm(await cp.getByTestId('approval-status').first().textContent()), 'Aprovada');
    assert.equal(norm(await cp.getByTestId('approval-business-status').first().textContent()), 'Inativo');
    assert.equal(await cp.getByTestId('approval-approve').count(), 0);
    assert.equal(JSON.parse(await cp.getByTestId('approval-result').textContent()).status, 'disabled');
    assert.match(norm(await cp.getByTestId('approval-timeline').textContent()),
      new RegExp(`Solicitada por ${maker.name}.*Assumida por ${checker.name}.*Aprovada por ${checker.name}`));
    await shot(cp, 'approvals-approved');

    // Decided requests leave the default (open) list.
    await cp.getByRole('link', { name: 'Solicitações para aprovação' }).first().click();
    await cp.getByTestId('approvals-page').waitFor();
    await cp.getByTestId('approvals-table').getByText('Nada aguardando aprovação').waitFor();

    // Back in the maker's browser: Bruno is inactive now.
    await page.goto(`${server.base}/operators/${bruno.id}`);
    await page.getByTestId('operator-detail').waitFor();
    assert.equal(norm(await page.getByTestId('operator-status').first().textContent()), 'Inativo');
    assert.equal(await page.getByTestId('pending-approvals-card').count(), 0);
    await shot(page, 'approvals-operator-inactive');

    // 5. A rejection: the maker disables Clara from her page; the checker rejects with a reason.
    await page.goto(`${server.base}/operators/${clara.id}`);
    await page.getByTestId('operator-detail').waitFor();
    await page.getByTestId('operator-actions').click();
    await page.getByRole('menuitem', { name: 'Desabilitar' }).click();
    await page.getByTestId('confirm-disable').click();
    await page.getByTestId('approval-submitted').waitFor();
    await page.getByTestId('pending-approvals-card').waitFor();
    assert.equal(norm(await page.getByTestId('operator-status').first().textContent()), 'Ativo');

    await cp.reload();
    const claraRow = cp.locator('tr', { hasText: 'Clara Alvo' });
    await claraRow.waitFor();
    await claraRow.locator('td').nth(1).click(); // one click opens too
    await cp.getByTestId('approval-detail').waitFor();
    await cp.getByTestId('approval-pick-up').click();
    await cp.getByTestId('approval-reject').click();
    await cp.getByTestId('approval-reject-form').waitFor();
    await cp.getByTestId('approval-reject-ok').click();
    assert.deepEqual(await fieldErrors(cp, 'approval-reject-reason', ['Informe o motivo da rejeição.']), ['Informe o motivo da rejeição.']);
    await cp.getByTestId('approval-reject-reason').fill('ok');
    await cp.getByTestId('approval-reject-ok').click();
    assert.deepEqual(await fieldErrors(cp, 'approval-reject-reason', ['O motivo deve ter pelo menos 3 caracteres.']), ['O motivo deve ter pelo menos 3 caracteres.']);
    await shot(cp, 'approvals-reject-reason');
    const reason = 'A cliente confirmou por telefone que o acesso é legítimo.';
    await cp.getByTestId('approval-reject-reason').fill(reason);
    const rejected = cp.waitForResponse((r) => r.url().endsWith('/reject'));
    await cp.getByTestId('approval-reject-ok').click();
    assert.equal((await rejected).status(), 200);
    await toast(cp, 'Solicitação rejeitada.');
    await cp.getByTestId('approval-detail').and(cp.locator('[data-status="rejected"]')).waitFor();
    assert.equal(norm(await cp.getByTestId('approval-status').first().textContent()), 'Rejeitada');
    assert.equal(norm(await cp.getByTestId('approval-business-status').first().textContent()), 'Rejeitado');
    assert.equal(norm(await cp.getByTestId('approval-reason').textContent()), reason);
    await shot(cp, 'approvals-rejected');

    // The maker: Clara stays active, and the rejected request is found with the status filter.
    await page.reload();
    await page.getByTestId('operator-detail').waitFor();
    assert.equal(norm(await page.getByTestId('operator-status').first().textContent()), 'Ativo');
    assert.equal(await page.getByTestId('pending-approvals-card').count(), 0);
    assert.equal((await api('GET', `/api/v1/operators/${clara.id}`)).body.status, 'active');
    await page.goto(`${server.base}/approvals`);
    await page.getByTestId('approvals-page').waitFor();
    // Only "Rejeitada": remove the two default statuses, add the rejected one.
    await page.getByTestId('approvals-filter-status').click();
    for (const label of ['Pendente', 'Assumida', 'Rejeitada']) {
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
    }
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/approvals\?status=rejected$/);
    const rejectedRow = page.locator('tr', { hasText: 'Clara Alvo' });
    await page.locator('tr', { hasText: 'Bruno Alvo' }).waitFor({ state: 'detached' }); // the approved one
    await rejectedRow.waitFor();
    assert.match(norm(await rejectedRow.innerText()), new RegExp(`Rejeitado ${maker.name} ${checker.name} Rejeitada`));
    await choose(page, 'approvals-filter-action', 'Desabilitar operador');
    await page.waitForURL(/\/approvals\?status=rejected&action=operator\.disable$/);
    await rejectedRow.waitFor();
    await shot(page, 'approvals-list-rejected');
    // The view is in the URL: opening it again shows the same filters.
    await page.goto(`${server.base}/approvals?status=approved,rejected`);
    await page.locator('tr', { hasText: 'Bruno Alvo' }).waitFor();
    await page.locator('tr', { hasText: 'Clara Alvo' }).waitFor();

    // In English.
    await page.getByTestId('language-en-US').click();
    await page.getByTestId('page-title').filter({ hasText: 'Requests sent for approval' }).waitFor();
    const enRow = page.locator('tr', { hasText: 'Bruno Alvo' });
    assert.match(norm(await enRow.textContent()), /Disable operator.*Inactive.*Approved/);
    await shot(page, 'approvals-list-en-US');
    await page.getByTestId('language-pt-BR').click();

    assert.deepEqual(makerUi.problems, [], 'maker: no page errors or unexpected console errors');
    assert.deepEqual(checkerUi.problems, [], 'checker: no page errors or unexpected console errors');
  } finally {
    await makerUi.context.close();
    await checkerUi.context.close();
  }
});

test('a user who may only read follows the requests: no checker buttons, settings read-only, a bad rule refused', async () => {
  const { manager: maker, tag } = tenant;
  const api = await managerApi(server.base, maker);
  // A "Usuário" (common role) holds approvals.read but neither approvals.check nor approvals.configure.
  const reader = { name: 'Dora Leitora', email: `dora-${tag}@banco-exemplo.com.br`, password: 'Mar#Calmo61z' };
  await createOperatorWithPassword(api, server.base, reader);
  const target = (await api('POST', '/api/v1/operators', {
    name: 'Edu Alvo', email: `edu-${tag}@banco-exemplo.com.br`,
    role_id: (await api('GET', '/api/v1/roles')).body.items.find((r) => r.code === 'common').id, access_interface: 'console',
  })).body;
  // Deleting operators needs approval; the manager asks to delete Edu (202, Edu stays).
  assert.equal((await api('PUT', '/api/v1/approval-policies/operator.delete', { requires_approval: true, expires_after_hours: 24 })).status, 204);
  const asked = await api('DELETE', `/api/v1/operators/${target.id}`);
  assert.equal(asked.status, 202, JSON.stringify(asked.body));
  assert.equal(asked.body.approval_required, true);
  assert.equal(asked.body.request.business_status, 'To Be Deleted');
  assert.equal((await api('GET', `/api/v1/operators/${target.id}`)).status, 200, 'Edu is not deleted yet');

  const { context, page, problems } = await newPage();
  try {
    await signInContext(context, server.base, reader);
    await page.goto(`${server.base}/approvals`);
    await page.getByTestId('approvals-page').waitFor();
    await page.getByTestId('approvals-read-only').waitFor();
    const row = page.locator('tr', { hasText: 'Edu Alvo' });
    await row.waitFor();
    assert.match(norm(await row.innerText()), /Excluir operador .* A excluir Gestora Ana — Pendente/);
    await row.locator('td').first().click();
    await page.getByTestId('approval-detail').waitFor();
    await page.getByTestId('approval-note-permission').waitFor();
    assert.match(norm(await page.getByTestId('approval-note-permission').textContent()), /não tem permissão para aprovar ou rejeitar/);
    assert.equal(await page.getByTestId('approval-pick-up').count(), 0);
    // Without operators.read the target is named by its id, not linked.
    assert.equal(norm(await page.getByTestId('approval-target').textContent()), `Usuário ${target.id}`);
    await shot(page, 'approvals-reader-detail');

    // The rules: visible, not editable.
    await page.goto(`${server.base}/approvals/settings`);
    await page.getByTestId('approval-settings-read-only').waitFor();
    assert.equal(await page.getByTestId('policy-switch-operator.delete').getAttribute('aria-checked'), 'true');
    assert.ok(await page.getByTestId('policy-switch-operator.delete').isDisabled());
    assert.equal(await page.getByTestId('policy-save-operator.delete').count(), 0);
    assert.equal(await page.getByTestId('policy-hours-operator.delete').inputValue(), '24');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }

  // The manager's settings page: out-of-range hours are caught before the server.
  const m = await newPage();
  try {
    await signInContext(m.context, server.base, maker);
    await m.page.goto(`${server.base}/approvals/settings`);
    await m.page.getByTestId('approval-settings-page').waitFor();
    await m.page.getByTestId('policy-hours-operator.enable').fill('0');
    await m.page.getByText('De 1 a 720 horas.').waitFor();
    assert.ok(await m.page.getByTestId('policy-save-operator.enable').isDisabled(), 'nothing invalid is saved');
    await shot(m.page, 'approvals-settings-invalid');
    assert.deepEqual(m.problems, []);
  } finally {
    await m.context.close();
  }
});

test('two changes of the status filter made before the page shows the first both count', async () => {
  const { context, page, problems } = await newPage();
  try {
    await signInContext(context, server.base, tenant.manager);
    await page.goto(`${server.base}/approvals`);
    await page.getByTestId('approvals-table').waitFor();
    await page.getByTestId('approvals-filter-status').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Assumida"]').waitFor();
    // The second click right after the first (in a microtask): the router shows a new URL in a
    // transition, which cannot run in between; on a busy machine a quick second click gets the
    // same. The page must not build the second change on the URL it still shows.
    await page.evaluate(() => new Promise((resolve) => {
      const click = (title) => [...document.querySelectorAll('.ant-select-dropdown .ant-select-item-option')]
        .find((o) => o.getAttribute('title') === title).click();
      click('Pendente');
      queueMicrotask(() => {
        click('Assumida');
        resolve();
      });
    }));
    await page.waitForURL(/\/approvals\?status=all$/);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('[data-testid="approvals-filter-status"] .ant-select-selection-item').count(), 0, 'no status left chosen');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
