// covers PLT-08: webhooks console screens ("Gatilhos", seed 000)
//
// Browser test against the real `retaguarda serve`, with a receiver started by the test on
// 127.0.0.1 that verifies every request's signature with the npm package `standardwebhooks`
// (an independent implementation) using the secret the console showed once:
//   1. the manager opens "Gatilhos" (empty), creates a trigger: a plain-http URL outside loopback
//      is refused with the server's message on the URL field; the receiver's URL is accepted and
//      the signing secret is shown once with a copy button and a warning;
//   2. on the trigger's page, "Simular evento" → "Operador desabilitado": the delivery opens in
//      the drawer and turns "Entregue"; the receiver got one signed test request with the body
//      the drawer shows (pretty-printed), and the attempts table has the 200;
//   3. "Entregas de gatilhos" lists it; filters (status, event type, period) narrow the log;
//      "Reenviar" queues a new delivery of the same body, delivered: the receiver got two
//      requests, both verified, same body;
//   4. a user who may only read sees the trigger and the log without any write action;
//   5. deactivate (switch) and delete (confirmation); the log keeps the deliveries of the deleted
//      trigger; the screens in English.
// Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { startServer } from '../support/server.mjs';
import {
  bootstrapTenant,
  choose,
  createOperatorWithPassword,
  fieldErrors,
  launchBrowser,
  managerApi,
  newPage,
  norm,
  shot,
  signInContext,
  TIMEOUT,
  toast,
} from './support.mjs';

let server;
let browser;
let tenant;
let receiver;

/** Records every POST it gets; answers 200 with a small JSON body. */
function startReceiver() {
  const requests = [];
  const http = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ received: true, n: requests.length }));
    });
  });
  return new Promise((resolve) => {
    http.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${http.address().port}/hooks/retaguarda`, requests, close: () => new Promise((r) => http.close(r)) });
    });
  });
}

before(async () => {
  server = await startServer();
  tenant = await bootstrapTenant(server);
  receiver = await startReceiver();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await receiver?.close();
});

/** Waits until the receiver holds `n` requests. */
async function received(n) {
  for (const deadline = Date.now() + TIMEOUT; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if (receiver.requests.length >= n) return receiver.requests;
  }
  throw new Error(`the receiver got ${receiver.requests.length} requests, expected ${n}`);
}

/** The drawer's delivery, once its status is `status` (the drawer refreshes a queued one). */
async function drawerDelivery(page, status) {
  const detail = page.locator(`[data-testid="delivery-detail"][data-status="${status}"]`);
  await detail.waitFor({ timeout: 30_000 });
  return detail;
}

test('create a trigger, simulate an event, see it delivered, resend it; read-only view; deactivate and delete', async () => {
  const { manager, tag } = tenant;
  const api = await managerApi(server.base, manager);
  // The operator events of the catalogue (other modules may add theirs).
  const operatorTypes = (await api('GET', '/api/v1/webhooks/event-types')).body.items
    .map((e) => e.type).filter((t) => t.startsWith('operator.')).sort();
  assert.ok(operatorTypes.includes('operator.disabled') && operatorTypes.length >= 5, operatorTypes.join());
  const ui = await newPage(browser);
  const { page } = ui;
  try {
    await signInContext(ui.context, server.base, manager);
    await page.goto(`${server.base}/status`);
    const nav = page.getByRole('navigation', { name: 'Navegação principal' });

    // 1. "Gatilhos": none yet.
    await nav.getByRole('link', { name: 'Gatilhos', exact: true }).click();
    await nav.getByRole('link', { name: 'Entregas de gatilhos', exact: true }).waitFor();
    await page.waitForURL(/\/webhooks$/);
    await page.getByTestId('webhook-triggers-page').waitFor();
    assert.equal(norm(await page.getByTestId('page-title').textContent()), 'Gatilhos');
    await page.getByText('Nenhum gatilho configurado. Crie um para avisar os sistemas do parceiro sobre os eventos.').waitFor();

    await page.getByTestId('trigger-new').click();
    await page.getByTestId('trigger-form').waitFor();
    // The catalogue, grouped by module, with descriptions.
    await page.getByTestId('event-group-operator').waitFor();
    assert.match(norm(await page.getByTestId('event-group-operator').textContent()), new RegExp(`^Operadores \\(0 de ${operatorTypes.length}\\).*Operador desabilitado operator\\.disabled`));
    // Nothing chosen: the form says so before any request.
    await page.getByTestId('trigger-url').fill('http://parceiro.example.com/hooks');
    await page.getByTestId('trigger-save').click();
    await page.getByText('Escolha pelo menos um tipo de evento.').first().waitFor();
    await page.getByTestId('event-group-all-operator').click();
    assert.match(norm(await page.getByTestId('event-group-operator').textContent()), new RegExp(`^Operadores \\(${operatorTypes.length} de ${operatorTypes.length}\\)`));
    await page.getByTestId('trigger-description').fill('ERP do parceiro – testes');
    // Plain http outside loopback: the server's message, on the URL field.
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/webhooks/triggers') && r.request().method() === 'POST');
    await page.getByTestId('trigger-save').click();
    assert.equal((await refused).status(), 400);
    assert.deepEqual(await fieldErrors(page, 'trigger-url', ['A URL deve usar https (http só é aceito para 127.0.0.1, ::1 e localhost).']),
      ['A URL deve usar https (http só é aceito para 127.0.0.1, ::1 e localhost).']);
    assert.equal(await page.getByTestId('trigger-form-error').count(), 0, 'the message sits on the field, not in an alert');
    await shot(page, 'webhooks-form-url-error');

    await page.getByTestId('trigger-url').fill(receiver.url);
    await page.getByTestId('trigger-save').click();
    // The secret, once.
    const secretText = norm(await page.getByTestId('trigger-secret').textContent());
    assert.match(secretText, /^whsec_[A-Za-z0-9+/=]{32}$/);
    await page.getByText('Copie o segredo agora e guarde-o em local seguro: ele não será mostrado novamente.').waitFor();
    assert.equal(await page.getByTestId('trigger-secret-modal').getByRole('button', { name: 'Copiar' }).count(), 1);
    await shot(page, 'webhooks-secret-once');
    await page.getByTestId('trigger-secret-done').click();
    await page.getByTestId('trigger-secret-modal').waitFor({ state: 'detached' });
    assert.equal(await page.getByText(secretText).count(), 0, 'the secret is gone from the page');
    const triggers = (await api('GET', '/api/v1/webhooks/triggers')).body.items;
    assert.equal(triggers.length, 1);
    const trigger = triggers[0];
    assert.equal(trigger.url, receiver.url);
    assert.equal(trigger.description, 'ERP do parceiro – testes');
    assert.deepEqual(trigger.event_types, operatorTypes);
    assert.equal(trigger.secret, undefined);
    const row = page.getByTestId(`trigger-row-${trigger.id}`);
    await row.waitFor();
    assert.match(norm(await row.innerText()), new RegExp(`${receiver.url.replace(/[.?]/g, '\\$&')} ERP do parceiro – testes ${operatorTypes.slice(0, 3).join(' ').replace(/\./g, '\\.')} \\+${operatorTypes.length - 3} .*\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}$`));
    assert.equal(await row.getByTestId('trigger-active-toggle').getAttribute('aria-checked'), 'true', 'active');
    await shot(page, 'webhooks-triggers');

    // 2. The trigger's page: simulate "Operador desabilitado".
    await row.getByTestId('trigger-link').click();
    await page.waitForURL(new RegExp(`/webhooks/triggers/${trigger.id}$`));
    await page.getByTestId('trigger-detail').waitFor();
    assert.equal(norm(await page.getByTestId('page-title').textContent()), 'ERP do parceiro – testes');
    await page.getByText('Nenhuma entrega para este gatilho ainda.', { exact: false }).waitFor();
    await page.getByTestId('trigger-simulate').click();
    await page.getByTestId('simulate-form').waitFor();
    await choose(page, 'simulate-event-type', 'Operador desabilitado (operator.disabled)');
    assert.equal(JSON.parse(await page.getByTestId('simulate-sample').textContent()).email, 'ana@exemplo.com.br');
    await shot(page, 'webhooks-simulate');
    const simulated = page.waitForResponse((r) => r.url().endsWith(`/api/v1/webhooks/triggers/${trigger.id}/simulate`));
    await page.getByTestId('simulate-send').click();
    assert.equal((await simulated).status(), 202);
    const first = await (await simulated).json();
    await toast(page, 'Simulação enviada para a fila de entregas.');
    await page.waitForURL(new RegExp(`delivery=${first.id}`));
    const detail = await drawerDelivery(page, 'delivered');

    const [req1] = await received(1);
    const wh = new Webhook(secretText);
    const verified1 = wh.verify(req1.body, req1.headers);
    assert.equal(req1.headers['webhook-id'], first.id);
    assert.equal(verified1.type, 'operator.disabled');
    assert.equal(verified1.test, true);
    assert.deepEqual(JSON.parse(await detail.getByTestId('delivery-payload').textContent()), JSON.parse(req1.body));
    assert.match(await detail.getByTestId('delivery-payload').textContent(), /^\{\n {2}"type": "operator\.disabled",/, 'pretty-printed');
    const headersShown = await detail.getByTestId('delivery-headers').textContent();
    assert.match(norm(headersShown), new RegExp(`webhook-id: ${first.id}`));
    // The headers the attempt really sent, as the receiver got them.
    assert.ok(headersShown.includes(`webhook-timestamp: ${req1.headers['webhook-timestamp']}`), headersShown);
    assert.ok(headersShown.includes(`webhook-signature: ${req1.headers['webhook-signature']}`), headersShown);
    const attemptRows = detail.getByTestId('delivery-attempts-table').locator('tbody tr.ant-table-row');
    assert.equal(await attemptRows.count(), 1);
    assert.match(norm(await attemptRows.first().innerText()), /^1 \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} 200 \d+ ms —$/);
    assert.match(await detail.getByTestId('delivery-response').textContent(), /"received":true/);
    assert.match(norm(await detail.getByTestId('delivery-status').first().textContent()), /^Entregue$/);
    await detail.getByTestId('delivery-test').waitFor();
    await shot(page, 'webhooks-delivery-drawer');
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await page.getByTestId(`delivery-row-${first.id}`).waitFor();

    // 3. The log.
    await nav.getByRole('link', { name: 'Entregas de gatilhos', exact: true }).click();
    await page.waitForURL(/\/webhooks\/deliveries$/);
    await page.getByTestId('webhook-deliveries-page').waitFor();
    const logRow = page.getByTestId(`delivery-row-${first.id}`);
    await logRow.waitFor();
    assert.match(norm(await logRow.innerText()),
      /^Operador desabilitado operator\.disabled ERP do parceiro – testes Entregue Teste 1 200 \d+ ms \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} —$/);
    await shot(page, 'webhooks-deliveries');

    // Filters narrow the log (and live in the URL).
    await choose(page, 'deliveries-filter-status', 'Falhou');
    await page.waitForURL(/status=failed/);
    await page.getByText('Nenhuma entrega com estes filtros.').waitFor();
    await page.getByTestId('filters-clear').click();
    await logRow.waitFor();
    await choose(page, 'deliveries-filter-event-type', 'Operador criado (operator.created)');
    await page.getByText('Nenhuma entrega com estes filtros.').waitFor();
    await page.getByTestId('filters-clear').click();
    await logRow.waitFor();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo' }).format(new Date());
    await page.goto(`${server.base}/webhooks/deliveries?from=2020-01-01&to=2020-01-31`);
    await page.getByText('Nenhuma entrega com estes filtros.').waitFor();
    await page.goto(`${server.base}/webhooks/deliveries?from=${today}&to=${today}&trigger_id=${trigger.id}`);
    await logRow.waitFor();

    // Resend from the drawer: a new delivery, same body, delivered.
    await logRow.click();
    await drawerDelivery(page, 'delivered');
    const resent = page.waitForResponse((r) => r.url().endsWith(`/api/v1/webhooks/deliveries/${first.id}/resend`));
    await page.getByTestId('delivery-resend').click();
    assert.equal((await resent).status(), 202);
    const second = await (await resent).json();
    assert.notEqual(second.id, first.id);
    await toast(page, 'Reenvio colocado na fila: uma nova entrega com o mesmo corpo.');
    await page.waitForURL(new RegExp(`delivery=${second.id}`));
    await drawerDelivery(page, 'delivered');
    const requests = await received(2);
    assert.equal(requests.length, 2, 'the receiver got exactly two requests');
    const verified2 = wh.verify(requests[1].body, requests[1].headers);
    assert.equal(requests[1].body, requests[0].body, 'the same body');
    assert.equal(requests[1].headers['webhook-id'], second.id);
    assert.equal(verified2.type, 'operator.disabled');
    await page.locator('.ant-drawer-open .ant-drawer-close').click();
    await page.getByTestId(`delivery-row-${second.id}`).waitFor();
    for (const id of [first.id, second.id]) {
      // The drawer's answer updates the cached list; a list poll already in flight may still land
      // with the older state, and the next poll (3 s) corrects it.
      await page.locator(`[data-testid="delivery-row-${id}"][data-status="delivered"]`).waitFor({ timeout: 8_000 });
    }
    await shot(page, 'webhooks-deliveries-resent');

    // 4. A user who may only read.
    const role = (await api('POST', '/api/v1/roles', { name: `Leitura de gatilhos ${tag}`, permissions: ['webhooks.read'] })).body;
    const reader = { name: 'Rita Leitora', email: `rita-${tag}@banco-exemplo.com.br`, password: 'Sol#Poente47k' };
    await createOperatorWithPassword(api, server.base, { ...reader, roleCode: role.code });
    const r = await newPage(browser);
    try {
      await signInContext(r.context, server.base, reader);
      await r.page.goto(`${server.base}/webhooks`);
      await r.page.getByTestId(`trigger-row-${trigger.id}`).waitFor();
      await r.page.getByTestId('webhooks-read-only').waitFor();
      assert.equal(await r.page.getByTestId('trigger-new').count(), 0);
      assert.equal(await r.page.getByTestId('trigger-active-toggle').count(), 0, 'a tag, not a switch');
      await r.page.getByTestId(`trigger-actions-${trigger.id}`).click();
      assert.deepEqual((await r.page.locator('.ant-dropdown:visible .ant-dropdown-menu-item').allInnerTexts()).map(norm), ['Ver entregas']);
      await r.page.keyboard.press('Escape');
      await r.page.goto(`${server.base}/webhooks/triggers/${trigger.id}`);
      await r.page.getByTestId('trigger-detail').waitFor();
      for (const id of ['trigger-simulate', 'trigger-edit', 'trigger-rotate', 'trigger-delete']) assert.equal(await r.page.getByTestId(id).count(), 0, id);
      await r.page.goto(`${server.base}/webhooks/deliveries?delivery=${first.id}`);
      await drawerDelivery(r.page, 'delivered');
      assert.equal(await r.page.getByTestId('delivery-resend').count(), 0);
      assert.equal(await r.page.getByTestId('deliveries-simulate').count(), 0);
      await shot(r.page, 'webhooks-reader-drawer');
      assert.deepEqual(r.problems, []);
    } finally {
      await r.context.close();
    }

    // 5. Deactivate, then delete; the log keeps the deliveries.
    await page.goto(`${server.base}/webhooks`);
    await page.getByTestId(`trigger-row-${trigger.id}`).getByTestId('trigger-active-toggle').click();
    await toast(page, 'Gatilho “ERP do parceiro – testes” desativado: não receberá novos eventos.');
    assert.equal((await api('GET', `/api/v1/webhooks/triggers/${trigger.id}`)).body.active, false);
    await page.getByTestId(`trigger-actions-${trigger.id}`).click();
    assert.ok(await page.locator('.ant-dropdown:visible .ant-dropdown-menu-item', { hasText: 'Simular evento' }).getAttribute('aria-disabled'));
    await page.getByRole('menuitem', { name: 'Excluir' }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: 'Excluir este gatilho?' }).waitFor();
    await shot(page, 'webhooks-delete-confirm');
    await page.getByTestId('confirm-delete').click();
    await toast(page, 'Gatilho “ERP do parceiro – testes” excluído.');
    await page.getByTestId(`trigger-row-${trigger.id}`).waitFor({ state: 'detached' });
    assert.equal((await api('GET', `/api/v1/webhooks/triggers/${trigger.id}`)).status, 404);
    await page.goto(`${server.base}/webhooks/deliveries`);
    const orphan = page.getByTestId(`delivery-row-${first.id}`);
    await orphan.waitFor();
    assert.match(norm(await orphan.getByTestId('delivery-trigger-deleted').textContent()), new RegExp(`^Gatilho excluído \\(#${trigger.id}\\)$`));

    // In English.
    await page.getByTestId('language-en-US').click();
    await page.getByTestId('page-title').filter({ hasText: 'Trigger deliveries' }).waitFor();
    assert.match(norm(await orphan.innerText()), /^Operator disabled operator\.disabled Deleted trigger \(#\d+\) Delivered Test 1 200/);
    await shot(page, 'webhooks-deliveries-en-US');
    await page.getByTestId('language-pt-BR').click();

    assert.deepEqual(ui.problems, [], 'no page errors or unexpected console errors');
  } finally {
    await ui.context.close();
  }
});
