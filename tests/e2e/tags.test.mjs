// covers PLT-13 PLT-14 — the Tags screen, tags on the operators list/detail, and "Registros
// Excluídos", in real Chromium against `retaguarda serve`:
//   1. "Tags": create a tag with a color (the preview shows it), see it in the list;
//   2. an operator's detail: attach the tag with the editor; the operators list shows it and the
//      "Tag" filter keeps only that operator (in the URL);
//   3. delete the operator (typed confirmation); in "Registros Excluídos" it is listed with who
//      deleted it; filter by type; Restore (confirmation): it leaves the list and is back in
//      "Usuários", disabled, with its tag; the screens in English too.
// Screenshots go to tests/e2e/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../support/server.mjs';
import { bootstrapTenant, launchBrowser, managerApi, signInContext, TIMEOUT, watchProblems } from './support.mjs';

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

const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
async function shot(page, name) {
  const hide = await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true, animations: 'disabled' });
  await hide.evaluate((node) => node.remove());
}
async function toast(page, text) {
  await page.locator('.ant-message-notice', { hasText: text }).first().waitFor();
}

test('tags on operators and Registros Excluídos with restore', async () => {
  const api = await managerApi(server.base, tenant.manager);
  const roles = (await api('GET', '/api/v1/roles')).body.items;
  const email = `bruno-${tenant.tag}@banco-exemplo.com.br`;
  const bruno = (await api('POST', '/api/v1/operators', {
    name: 'Bruno Etiqueta', email, role_id: roles.find((r) => r.code === 'common').id, access_interface: 'console',
  })).body;
  const other = (await api('POST', '/api/v1/operators', {
    name: 'Outra Pessoa', email: `outra-${tenant.tag}@banco-exemplo.com.br`, role_id: roles.find((r) => r.code === 'common').id,
  })).body;
  assert.ok(bruno.id && other.id);

  const context = await browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', viewport: { width: 1366, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const watch = watchProblems(page);
  try {
    await signInContext(context, server.base, tenant.manager);
    await page.goto(`${server.base}/status`);
    const nav = page.getByRole('navigation', { name: 'Navegação principal' });

    // 1. The Tags screen: create "Plantão" in orange.
    await nav.getByRole('link', { name: 'Tags', exact: true }).click();
    await page.waitForURL(/\/tags$/);
    await page.getByTestId('tags-page').waitFor();
    assert.equal(norm(await page.getByTestId('page-title').textContent()), 'Tags');
    await page.getByTestId('tag-new').click();
    await page.getByTestId('tag-name').fill('Plantão');
    // One click; the preview chip shows the colour the form took.
    await page.getByTestId('tag-color').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Laranja' }).click();
    await page.locator('.ant-modal [data-testid="tag-chip"].ant-tag-orange', { hasText: 'Plantão' }).waitFor();
    await page.getByTestId('tag-description').fill('Escala de plantão');
    await shot(page, 'tags-new');
    await page.getByTestId('tag-save').click();
    await toast(page, 'Tag criada.');
    const chip = page.getByTestId('tags-table').getByTestId('tag-chip').filter({ hasText: 'Plantão' });
    await chip.waitFor();
    assert.match((await chip.getAttribute('class')) ?? '', /ant-tag-orange/);
    // A duplicate name is refused next to the field.
    await page.getByTestId('tag-new').click();
    await page.getByTestId('tag-name').fill('plantão');
    await page.getByTestId('tag-save').click();
    await page.locator('.ant-form-item-explain-error', { hasText: 'Já existe uma tag com este nome.' }).waitFor();
    await page.keyboard.press('Escape');
    await shot(page, 'tags-list');

    // 2. Attach it on Bruno's detail page; the list shows it and filters by it.
    await page.goto(`${server.base}/operators/${bruno.id}`);
    const editor = page.getByTestId('record-tags-editor');
    await editor.waitFor();
    await editor.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Plantão' }).click();
    await editor.getByTestId('tag-chip').filter({ hasText: 'Plantão' }).waitFor();
    await page.keyboard.press('Escape');
    await shot(page, 'tags-operator-detail');
    const tags = (await api('GET', '/api/v1/tags')).body.items;
    const plantao = tags.find((t) => t.name === 'Plantão');
    assert.equal(plantao.record_count, 1);

    await nav.getByRole('link', { name: 'Usuários', exact: true }).click();
    const brunoRow = page.getByTestId(`operator-row-${email}`);
    await brunoRow.getByTestId('tag-chip').filter({ hasText: 'Plantão' }).waitFor();
    await page.getByTestId('filter-tag').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Plantão' }).click();
    await page.waitForURL(new RegExp(`tag=${plantao.id}`));
    await page.getByTestId(`operator-row-${other.email}`).waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('operator-link').count(), 1);
    await shot(page, 'tags-operators-filtered');

    // 3. Delete Bruno, find him in Registros Excluídos, restore him.
    await page.getByTestId(`operator-actions-${email}`).click();
    await page.getByRole('menuitem', { name: 'Excluir' }).click();
    await page.getByTestId('delete-operator-input').fill(email);
    await page.getByTestId('delete-operator-ok').click();
    await toast(page, 'Bruno Etiqueta foi excluído.');
    await brunoRow.waitFor({ state: 'detached' });

    await nav.getByRole('link', { name: 'Registros Excluídos', exact: true }).click();
    await page.waitForURL(/\/deleted-records$/);
    const deletedRow = page.getByTestId('deleted-table').locator('tr', { hasText: email });
    await deletedRow.waitFor();
    const cells = (await deletedRow.locator('td').allTextContents()).map(norm);
    assert.deepEqual(cells.slice(0, 3), ['Operador', `Bruno Etiqueta <${email}>`, 'Gestora Ana']);
    assert.match(cells[3], /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await page.getByTestId('filter-type').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Gatilho (webhook)' }).click();
    await page.waitForURL(/type=webhook_trigger/);
    await deletedRow.waitFor({ state: 'detached' });
    await page.getByTestId('filters-clear').click();
    await deletedRow.waitFor();
    await shot(page, 'deleted-records');
    await page.getByTestId(`deleted-restore-${bruno.id}`).click();
    await page.locator('.ant-popconfirm', { hasText: 'O operador volta desabilitado' }).waitFor();
    await shot(page, 'deleted-records-confirm');
    await page.getByTestId('deleted-restore-confirm').click();
    await toast(page, `“Bruno Etiqueta <${email}>” foi restaurado.`);
    await deletedRow.waitFor({ state: 'detached' });

    await nav.getByRole('link', { name: 'Usuários', exact: true }).click();
    await page.goto(`${server.base}/operators`);
    const back = page.getByTestId(`operator-row-${email}`);
    await back.waitFor();
    assert.match(norm(await back.getByTestId('operator-status').textContent()), /^Inativo$/);
    await back.getByTestId('tag-chip').filter({ hasText: 'Plantão' }).waitFor();
    await shot(page, 'tags-operator-restored');

    // The screens in English.
    await page.evaluate(() => localStorage.setItem('retaguarda.lang', 'en-US'));
    await page.goto(`${server.base}/deleted-records`);
    await page.getByTestId('deleted-page').waitFor();
    assert.equal(norm(await page.getByTestId('page-title').textContent()), 'Deleted records');
    await page.goto(`${server.base}/tags`);
    await page.getByTestId('tags-page').waitFor();
    assert.equal(norm(await page.getByTestId('tags-count').textContent()), '1 tag');
    await shot(page, 'tags-list-en');
    assert.deepEqual(watch.problems, [], 'no page errors or unexpected console errors');
  } finally {
    await context.close();
  }
});
