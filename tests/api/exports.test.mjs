// covers PLT-09 — exports through the real binary, on SQLite and (with RETAGUARDA_TEST_DB)
// PostgreSQL: XLSX read back with exceljs and compared cell by cell with the JSON list, CSV
// parsed with fast-csv (an independent RFC 4180 reader), background exports, isolation, and
// downloads sent from disk (Content-Length, keep-alive and HEAD after a file body, missing file).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, unlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseString } from '@fast-csv/parse';
import { startServer, bootstrapTenant, sql } from '../support/server.mjs';
import { Client } from '../support/client.mjs';

const TRICKY = 'Ana "Nina", da Silva; Ç\nÇão';
const SAO_PAULO_OFFSET_MS = 3 * 3600 * 1000;

let server; // synchronous limit 1000 rows
let small; // synchronous limit 3 rows: most exports go to a job
let manager;
let creds;
let roles;

before(async () => {
  server = await startServer({ args: ['--export-sync-rows-max', '1000'], prepare: (db) => { creds = bootstrapTenant(db); } });
  manager = new Client(server.base);
  assert.equal((await manager.signIn(creds.email, creds.password)).status, 200);
  roles = Object.fromEntries((await manager.get('/api/v1/roles')).body.items.map((r) => [r.code, r]));
  for (const [name, email] of [[TRICKY, 'ana.nina@bancoteste.com.br'], ['Bruno Ávila', 'bruno@bancoteste.com.br'],
    ['=HYPERLINK("http://x")', 'formula@bancoteste.com.br']]) {
    const res = await manager.post('/api/v1/operators', { role_id: roles.common.id, name, email, phone: '11987654321' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
});
after(async () => { await server?.stop(); await small?.stop(); });

// GET with the session cookie, keeping the body as bytes.
async function download(client, path) {
  const res = await fetch(`${client.base}${path}`, { headers: { cookie: client.cookie } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function readXlsx(bytes) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  return workbook.worksheets[0];
}

function parseCsv(text, delimiter) {
  return new Promise((resolve, reject) => {
    const rows = [];
    parseString(text, { delimiter })
      .on('error', reject)
      .on('data', (row) => rows.push(row))
      .on('end', () => resolve(rows));
  });
}

// The value exceljs gives for a date-time cell: São Paulo wall-clock time as a UTC Date.
function asSaoPauloWallClock(iso) {
  return Date.parse(iso) - SAO_PAULO_OFFSET_MS;
}

function assertCell(actual, expected, type, where) {
  if (expected === null || expected === undefined || expected === '') {
    assert.ok(actual === null || actual === undefined || actual === '', `${where}: expected empty, got ${JSON.stringify(actual)}`);
    return;
  }
  switch (type) {
    case 'datetime':
      assert.ok(actual instanceof Date, `${where}: expected a Date, got ${JSON.stringify(actual)}`);
      assert.ok(Math.abs(actual.getTime() - asSaoPauloWallClock(expected)) <= 1, `${where}: ${actual.toISOString()} vs ${expected}`);
      break;
    case 'integer':
      assert.equal(typeof actual, 'number', `${where}: expected a number, got ${JSON.stringify(actual)}`);
      assert.equal(actual, Number(expected), where);
      break;
    case 'boolean':
      assert.equal(actual, expected, where);
      break;
    default:
      assert.equal(actual, typeof expected === 'string' ? expected : JSON.stringify(expected), where);
  }
}

async function allPages(client, path) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res = await client.get(`${path}${sep}page_size=500${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
  } while (cursor);
  return items;
}

const OPERATOR_COLUMNS = [
  ['name', 'text'], ['email', 'text'], ['phone', 'text'], ['role_name', 'text'], ['access_interface', 'text'],
  ['status', 'text'], ['email_confirmed', 'boolean'], ['totp_enabled', 'boolean'], ['daily_query_limit', 'integer'],
  ['monthly_query_limit', 'integer'], ['last_sign_in_at', 'datetime'], ['created_at', 'datetime'],
];

test('PLT-09 operators to XLSX: typed cells equal the JSON list, bold frozen header, autofilter', async () => {
  const list = await allPages(manager, '/api/v1/operators');
  const res = await download(manager, '/api/v1/operators?format=xlsx&lang=pt-BR');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(res.headers.get('content-disposition'), /^attachment; filename="operators_\d{4}-\d{2}-\d{2}_\d{4}\.xlsx"$/);
  const sheet = await readXlsx(res.bytes);
  assert.equal(sheet.getRow(1).getCell(1).value, 'Nome');
  assert.equal(sheet.getRow(1).getCell(1).font?.bold, true);
  assert.equal(sheet.views[0]?.state, 'frozen');
  assert.equal(sheet.views[0]?.ySplit, 1);
  assert.ok(sheet.autoFilter, 'the header has an autofilter');
  assert.equal(sheet.rowCount, list.length + 1);
  list.forEach((op, i) => {
    OPERATOR_COLUMNS.forEach(([key, type], c) => {
      assertCell(sheet.getRow(i + 2).getCell(c + 1).value, op[key], type, `row ${i + 2} ${key}`);
    });
  });
  // The formula-looking name stays text in XLSX (never a formula).
  const formulaRow = list.findIndex((op) => op.name.startsWith('='));
  assert.equal(sheet.getRow(formulaRow + 2).getCell(1).value, '=HYPERLINK("http://x")');
});

test('PLT-09 audit trail to XLSX equals the JSON list with the same filter', async () => {
  const list = await allPages(manager, '/api/v1/audit?action=operator.');
  assert.ok(list.length >= 3);
  const res = await download(manager, '/api/v1/audit?action=operator.&format=xlsx&lang=en-US');
  assert.equal(res.status, 200);
  const sheet = await readXlsx(res.bytes);
  assert.deepEqual(sheet.getRow(1).values.slice(1, 4), ['Sequence', 'Date/time', 'Actor']);
  assert.equal(sheet.rowCount, list.length + 1);
  list.forEach((entry, i) => {
    const row = sheet.getRow(i + 2);
    assertCell(row.getCell(1).value, entry.seq, 'integer', `seq ${entry.seq}`);
    assertCell(row.getCell(2).value, entry.at, 'datetime', `at ${entry.seq}`);
    assertCell(row.getCell(3).value, entry.actor_name, 'text', `actor ${entry.seq}`);
    assertCell(row.getCell(5).value, entry.action, 'text', `action ${entry.seq}`);
    assertCell(row.getCell(7).value, entry.target_id, 'text', `target ${entry.seq}`);
    assert.deepEqual(entry.after === null ? null : JSON.parse(row.getCell(9).value), entry.after, `after ${entry.seq}`);
    assertCell(row.getCell(11).value, entry.request_id, 'text', `request ${entry.seq}`);
  });
});

test('PLT-09 CSV round-trips commas, quotes, semicolons, newlines and accents', async () => {
  const res = await download(manager, `/api/v1/operators?q=${encodeURIComponent('Nina')}&format=csv&lang=pt-BR`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.deepEqual([...res.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const text = res.bytes.toString('utf8').slice(1);
  assert.ok(text.startsWith('Nome;E-mail;Telefone;'), text.slice(0, 40));
  assert.ok(text.endsWith('\r\n'));
  const rows = await parseCsv(text, ';');
  assert.equal(rows.length, 2, JSON.stringify(rows));
  assert.equal(rows[1][0], TRICKY);
  assert.equal(rows[1][1], 'ana.nina@bancoteste.com.br');
  assert.equal(rows[1][6], 'Não');  // email_confirmed
  // en-US: comma separator, the same text back.
  const en = await download(manager, `/api/v1/operators?q=Nina&format=csv&lang=en-US`);
  const enRows = await parseCsv(en.bytes.toString('utf8').slice(1), ',');
  assert.equal(enRows[0][0], 'Name');
  assert.equal(enRows[1][0], TRICKY);
  // A formula-looking value is defused with an apostrophe (CSV injection).
  const formula = await download(manager, '/api/v1/operators?q=formula&format=csv');
  const formulaRows = await parseCsv(formula.bytes.toString('utf8').slice(1), ';');
  assert.equal(formulaRows[1][0], '\'=HYPERLINK("http://x")');
});

test('PLT-09 a deleted record is invisible in the list and in the export', async () => {
  const doomed = await manager.post('/api/v1/operators', { role_id: roles.common.id, name: 'Zeca Excluído', email: 'zeca@bancoteste.com.br' });
  assert.equal(doomed.status, 201);
  let csv = (await download(manager, '/api/v1/operators?format=csv')).bytes.toString('utf8');
  assert.match(csv, /Zeca Excluído/);
  const deleted = await manager.delete(`/api/v1/operators/${doomed.body.id}`);
  assert.ok([200, 204].includes(deleted.status), JSON.stringify(deleted.body));
  const list = await allPages(manager, '/api/v1/operators');
  assert.ok(!list.some((op) => op.id === doomed.body.id));
  csv = (await download(manager, '/api/v1/operators?format=csv')).bytes.toString('utf8');
  assert.doesNotMatch(csv, /Zeca/);
});

test('PLT-09 every list answers format=csv and xlsx; bad options name the field', async () => {
  for (const path of ['/api/v1/operators', '/api/v1/roles', '/api/v1/api-keys', '/api/v1/audit', '/api/v1/approvals',
    '/api/v1/mailbox', '/api/v1/webhooks/triggers', '/api/v1/webhooks/deliveries']) {
    for (const format of ['csv', 'xlsx']) {
      const res = await download(manager, `${path}?format=${format}`);
      assert.equal(res.status, 200, `${path} ${format}: ${res.bytes.toString('utf8').slice(0, 300)}`);
      assert.ok(res.bytes.length > 0);
    }
  }
  const roleSheet = await readXlsx((await download(manager, '/api/v1/roles?format=xlsx')).bytes);
  const rolesList = (await manager.get('/api/v1/roles')).body.items;
  assert.equal(roleSheet.rowCount, rolesList.length + 1);
  assert.equal(roleSheet.getRow(2).getCell(4).value, rolesList[0].permissions.join(', '));
  for (const [query, field] of [['format=pdf', 'format'], ['format=csv&async=maybe', 'async'], ['format=csv&lang=fr', 'lang'],
    ['format=csv&from=2026-02-30', 'from']]) {
    const res = await manager.get(`/api/v1/audit?${query}`);
    assert.equal(res.status, 400, query);
    assert.equal(res.headers.get('content-type'), 'application/problem+json');
    assert.ok(res.body.errors.some((e) => e.field === field), `${query}: ${JSON.stringify(res.body)}`);
  }
});

async function waitDone(client, id, { tries = 200 } = {}) {
  for (let i = 0; i < tries; i++) {
    const list = await client.get('/api/v1/exports');
    const record = list.body.items.find((e) => e.id === id);
    if (record && !['queued', 'running'].includes(record.status)) return record;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`export ${id} did not finish`);
}

test('PLT-09 large exports run in the background, are listed and downloadable by their owner only', async () => {
  let other;
  small = await startServer({
    args: ['--export-sync-rows-max', '3'],
    prepare: (db) => {
      creds = bootstrapTenant(db);
      other = bootstrapTenant(db, { tenant: 'Banco Outro', slug: 'bancooutro', manager: 'Olga Outra' });
    },
  });
  const ana = new Client(small.base);
  assert.equal((await ana.signIn(creds.email, creds.password)).status, 200);
  const olga = new Client(small.base);
  assert.equal((await olga.signIn(other.email, other.password)).status, 200);
  const smallRoles = Object.fromEntries((await ana.get('/api/v1/roles')).body.items.map((r) => [r.code, r]));
  for (let i = 0; i < 5; i++) {
    const res = await ana.post('/api/v1/operators', { role_id: smallRoles.common.id, name: `Operadora ${i}`, email: `op${i}@bancoteste.com.br` });
    assert.equal(res.status, 201);
  }
  const list = await allPages(ana, '/api/v1/operators');
  assert.equal(list.length, 6);

  // A list within the limit still comes back at once.
  assert.equal((await download(ana, '/api/v1/roles?format=csv')).status, 200);
  const asked = await ana.get('/api/v1/operators?format=xlsx&status=active');
  assert.equal(asked.status, 202, JSON.stringify(asked.body));
  assert.equal(asked.body.type, 'operators');
  assert.equal(asked.body.filters, 'status=active');
  assert.ok(['queued', 'running', 'done'].includes(asked.body.status));
  const done = await waitDone(ana, asked.body.id);
  assert.equal(done.status, 'done', JSON.stringify(done));
  assert.equal(done.row_count, 6);
  assert.equal(done.requested_by.name, 'Ana Gestora');
  assert.ok(Date.parse(done.expires_at) - Date.parse(done.finished_at) >= 7 * 24 * 3600 * 1000 - 1000);
  const file = await download(ana, done.download_url);
  assert.equal(file.status, 200);
  assert.equal(file.bytes.length, done.size_bytes);
  assert.match(file.headers.get('content-disposition'), new RegExp(`filename="${done.file_name}"`));
  const sheet = await readXlsx(file.bytes);
  assert.equal(sheet.rowCount, 7);
  list.forEach((op, i) => assertCell(sheet.getRow(i + 2).getCell(2).value, op.email, 'text', `email ${i}`));

  // async=true sends even a small list to a job.
  const forced = await ana.get('/api/v1/roles?format=csv&async=true');
  assert.equal(forced.status, 202);
  assert.equal((await waitDone(ana, forced.body.id)).row_count, 3);

  // Another tenant: not found, and not listed.
  assert.equal((await download(olga, done.download_url)).status, 404);
  assert.equal((await olga.get('/api/v1/exports')).body.items.length, 0);
  assert.equal((await download(ana, '/api/v1/exports/123/download')).status, 404);
  // The audit trail records the request and the download.
  const trail = (await ana.get(`/api/v1/audit?target_type=export&target_id=${done.id}`)).body.items.map((e) => e.action);
  assert.deepEqual(trail.sort(), ['export.downloaded', 'export.requested']);
});

// One raw HTTP/1.1 connection, answering request by request, to see exactly what a file body
// leaves on a keep-alive connection.
function rawConnection(port) {
  const socket = connect(port, '127.0.0.1');
  let buffer = Buffer.alloc(0);
  let closed = false;
  let wake = () => {};
  socket.on('data', (d) => { buffer = Buffer.concat([buffer, d]); wake(); });
  socket.on('close', () => { closed = true; wake(); });
  const ready = new Promise((resolve, reject) => { socket.on('connect', resolve); socket.on('error', reject); });
  return {
    // Sends one request and resolves with its response; a HEAD response has no body to read.
    async exchange(request, { head = false } = {}) {
      await ready;
      socket.write(request);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end >= 0) {
          const header = buffer.subarray(0, end).toString('latin1');
          const length = Number(/\r\ncontent-length: *(\d+)/i.exec(header)?.[1] ?? 0);
          const total = end + 4 + (head ? 0 : length);
          if (buffer.length >= total) {
            const body = buffer.subarray(end + 4, total);
            buffer = buffer.subarray(total);
            return { header, length, body };
          }
        }
        if (closed) throw new Error(`connection closed with ${buffer.length} bytes unread`);
        await new Promise((resolve) => { wake = resolve; });
      }
    },
    async closedWith() {
      while (!closed) await new Promise((resolve) => { wake = resolve; });
      return buffer.length;  // bytes nobody asked for
    },
  };
}

function findFile(dir, name) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === name) return join(entry.path, entry.name);
  }
  throw new Error(`${name} not under ${dir}`);
}

const BIG_ROWS = 20000;

test('PLT-09 a 20 000-row background export is sent from disk whole, with its Content-Length; keep-alive and HEAD after it', async () => {
  let bigCreds;
  const big = await startServer({
    prepare: (db) => {
      bigCreds = bootstrapTenant(db);
      // More operators than API calls could create in time, ids after the manager's, in order.
      sql(db, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BIG_ROWS})
        INSERT INTO operators (tenant_id, id, name, email, email_folded, phone, role_id, access_interface, status,
                               created_at_us, updated_at_us)
        SELECT o.tenant_id, o.id + n.i, 'Operadora ' || n.i, 'op' || n.i || '@bancoteste.com.br',
               'op' || n.i || '@bancoteste.com.br', '11987654321', o.role_id, 'both', 'active',
               o.created_at_us + n.i, o.created_at_us + n.i
        FROM n CROSS JOIN operators o WHERE o.email_folded = '${bigCreds.email}'`);
    },
  });
  try {
    const ana = new Client(big.base);
    assert.equal((await ana.signIn(bigCreds.email, bigCreds.password)).status, 200);
    const asked = await ana.get('/api/v1/operators?format=csv&async=true&lang=en-US');
    assert.equal(asked.status, 202, JSON.stringify(asked.body));
    const done = await waitDone(ana, asked.body.id, { tries: 1200 });
    assert.equal(done.status, 'done', JSON.stringify(done));
    assert.equal(done.row_count, BIG_ROWS + 1);

    const res = await fetch(`${big.base}${done.download_url}`, { headers: { cookie: ana.cookie, 'X-Request-Id': 'big-download' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(res.headers.get('content-length'), String(done.size_bytes));
    assert.equal(res.headers.get('content-disposition'), `attachment; filename="${done.file_name}"`);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.length, done.size_bytes);
    assert.ok(bytes.length > 10 * 64 * 1024, `${bytes.length} bytes: several chunks`);
    const rows = await parseCsv(bytes.toString('utf8').slice(1), ',');
    assert.equal(rows.length, BIG_ROWS + 2);
    assert.equal(rows[0][0], 'Name');
    for (let i = 1; i <= BIG_ROWS; i++) {
      const row = rows[i + 1];
      if (row[0] !== `Operadora ${i}` || row[1] !== `op${i}@bancoteste.com.br`) assert.fail(`row ${i + 1}: ${row}`);
    }
    // The access-log line reports the bytes of the body.
    await new Promise((r) => setTimeout(r, 100));
    const line = big.output().split('\n').find((l) => l.includes('"big-download"'));
    assert.equal(JSON.parse(line).bytes, done.size_bytes, line);

    // One keep-alive connection: the file, HEAD of it (length, no body), then another request.
    const request = (method, path, extra = '') => `${method} ${path} HTTP/1.1\r\nHost: x\r\nCookie: ${ana.cookie}\r\n${extra}\r\n`;
    const conn = rawConnection(big.port);
    const first = await conn.exchange(request('GET', done.download_url));
    assert.match(first.header, /^HTTP\/1\.1 200 /);
    assert.equal(first.length, done.size_bytes);
    assert.ok(first.body.equals(bytes), 'the same bytes on a raw connection');
    const head = await conn.exchange(request('HEAD', done.download_url), { head: true });
    assert.match(head.header, /^HTTP\/1\.1 200 /);
    assert.equal(head.length, done.size_bytes);
    const health = await conn.exchange(request('GET', '/healthz', 'Connection: close\r\n'));
    assert.match(health.header, /^HTTP\/1\.1 200 /);
    assert.equal(health.body.toString(), 'ok\n');
    assert.equal(await conn.closedWith(), 0, 'nothing after the last response (HEAD sent no body)');

    // The file gone from disk: a clean problem before any byte of a body, and the connection goes on.
    unlinkSync(findFile(big.dir, `${done.id}.csv`));
    const again = rawConnection(big.port);
    const gone = await again.exchange(request('GET', done.download_url, 'X-Request-Id: gone-1\r\n'));
    assert.match(gone.header, /^HTTP\/1\.1 409 /);
    assert.match(gone.header, /\r\ncontent-type: application\/problem\+json/i);
    const problem = JSON.parse(gone.body.toString());
    assert.equal(problem.status, 409);
    assert.equal(problem.request_id, 'gone-1');
    assert.match(problem.detail, /no longer available/);
    const after = await again.exchange(request('GET', '/healthz', 'Connection: close\r\n'));
    assert.equal(after.body.toString(), 'ok\n');
  } finally {
    await big.stop();
  }
});
