// covers ACC-01 ACC-02 ACC-09 — customers PF/PJ, partners and documents through the real binary,
// on SQLite and (with RETAGUARDA_TEST_DB) PostgreSQL: validation naming each field, unique
// document, PATCH with audit, list filters and export, soft delete and restore, partners' share
// sum and refusals, uploads sniffed from their bytes with the route's own 10 MiB body cap (other
// routes keep 1 MiB), review, download only with customers.documents.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { startServer, bootstrapTenant } from '../support/server.mjs';
import { Client, lastMailTo, codeFrom } from '../support/client.mjs';

let server;
let manager;
let reader;  // customers.read and customers.write, not customers.documents
let creds;

// Check digits computed here, independently of the server's routine.
function cpf(body) {
  const digits = body.split('').map(Number);
  for (let n = 9; n < 11; n++) {
    const sum = digits.reduce((s, d, i) => s + d * (n + 1 - i), 0);
    const r = sum % 11;
    digits.push(r < 2 ? 0 : 11 - r);
  }
  return digits.join('');
}

function cnpj(body) {
  const values = body.split('').map((c) => c.charCodeAt(0) - 48);
  for (let n = 12; n < 14; n++) {
    let sum = 0;
    let weight = 2;
    for (let i = values.length - 1; i >= 0; i--) {
      sum += values[i] * weight;
      weight = weight === 9 ? 2 : weight + 1;
    }
    const r = sum % 11;
    values.push(r < 2 ? 0 : 11 - r);
  }
  return body + values.slice(12).join('');
}

const address = { cep: '01310-100', street: 'Avenida Paulista', number: '1578', district: 'Bela Vista', city: 'São Paulo', uf: 'SP' };
const person = (document, extra = {}) => ({
  kind: 'pf', document, name: 'Ângela Maria Souza', birth_date: '1988-03-14', mother_name: 'Marta Souza',
  occupation: 'Engenheira', email: 'angela@exemplo.com.br', phone: '(11) 98123-4567', monthly_income_cents: 1250000,
  address, ...extra,
});
const company = (document, extra = {}) => ({
  kind: 'pj', document, name: 'Aurora Participações S.A.', trade_name: 'Aurora Holding', founding_date: '2009-04-15',
  company_size: 'demais', email: 'financeiro@aurorapar.com.br', phone: '(11) 3265-4000', monthly_revenue_cents: 180000000,
  address: { ...address, cep: '04538133' }, ...extra,
});

// Minimal files: a PDF header and a PNG signature are what the server sniffs.
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const png = (size) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size - 8, 7)]);

// A raw upload as the console sends it: the file as the body, kind and file_name in the query.
async function upload(client, customerId, bytes, { kind = 'identity', fileName = 'doc.pdf', type = 'application/pdf' } = {}) {
  const res = await fetch(`${server.base}/api/v1/customers/${customerId}/documents?kind=${kind}&file_name=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { 'content-type': type, cookie: client.cookie, 'x-csrf-token': client.csrf },
    body: bytes,
  });
  const text = await res.text();
  let body = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body, headers: res.headers };
}

// Sends a request head announcing `length` body bytes and a few of them; resolves with the first
// line of the answer (the server answers a body over the route's cap at once).
function statusLine(requestLine, length) {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    let data = '';
    const done = (value) => { socket.destroy(); resolve(value); };
    socket.on('data', (d) => {
      data += d;
      if (data.includes('\r\n')) done(data.slice(0, data.indexOf('\r\n')));
    });
    socket.on('error', (e) => (data ? done(data) : reject(e)));
    socket.on('close', () => done(data));
    socket.on('connect', () => socket.write(`${requestLine} HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n` +
      `Content-Length: ${length}\r\n\r\n%PDF-`));
    setTimeout(() => done(data || 'no answer'), 3000);
  });
}

async function signedInOperator(name, email, roleId) {
  const op = await manager.post('/api/v1/operators', { name, email, role_id: roleId });
  assert.equal(op.status, 201, JSON.stringify(op.body));
  const code = codeFrom(await lastMailTo(manager, email));
  const set = await new Client(server.base).post('/api/v1/auth/codes/confirm', { email, code, password: 'Cliente#Forte71' });
  assert.equal(set.status, 204, JSON.stringify(set.body));
  const c = new Client(server.base);
  assert.equal((await c.signIn(email, 'Cliente#Forte71')).status, 200);
  return c;
}

before(async () => {
  server = await startServer({ prepare: (db) => { creds = bootstrapTenant(db, { tenant: 'Banco Clientes', slug: 'bancoclientes' }); } });
  manager = new Client(server.base);
  assert.equal((await manager.signIn(creds.email, creds.password)).status, 200);
  const role = await manager.post('/api/v1/roles', { name: 'Cadastro', permissions: ['customers.read', 'customers.write'] });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  reader = await signedInOperator('Rui Cadastro', 'rui@bancoclientes.com.br', role.body.id);
});
after(async () => { await server?.stop(); });

test('ACC-01 validation names every bad field; the document is unique; kinds keep their own fields', async () => {
  const bad = await manager.post('/api/v1/customers', person('111.111.111-11', {
    email: 'sem-arroba', phone: '(11) 3265-4000', birth_date: '2999-01-01', trade_name: 'Só para PJ',
    monthly_income_cents: 'muito', address: { ...address, cep: '123', uf: 'ZZ' },
  }));
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['monthly_income_cents'],
    'type errors are answered first');
  const values = await manager.post('/api/v1/customers', person('111.111.111-11', {
    email: 'sem-arroba', phone: '(11) 3265-4000', birth_date: '2999-01-01', trade_name: 'Só para PJ',
    address: { ...address, cep: '123', uf: 'ZZ' },
  }));
  assert.equal(values.status, 400);
  assert.deepEqual(values.body.errors.map((e) => e.field).sort(),
    ['address.cep', 'address.uf', 'birth_date', 'document', 'email', 'phone', 'trade_name']);
  const empty = await manager.post('/api/v1/customers', { kind: 'pj', document: cnpj('112223330001') });
  assert.equal(empty.status, 400);
  assert.deepEqual(empty.body.errors.map((e) => e.field).sort(),
    ['address.cep', 'address.city', 'address.district', 'address.number', 'address.street', 'address.uf',
      'company_size', 'email', 'founding_date', 'monthly_revenue_cents', 'name', 'phone']);
  assert.equal((await manager.post('/api/v1/customers', { kind: 'xx' })).body.errors[0].field, 'kind');
  assert.equal((await manager.request('POST', '/api/v1/customers', 'not json')).status, 400);

  const created = await manager.post('/api/v1/customers', person('529.982.247-25'));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.document, '52998224725');
  assert.equal(created.body.phone, '+5511981234567');
  assert.equal(created.body.address.cep, '01310100');
  assert.equal(created.body.trade_name, null);
  const dup = await manager.post('/api/v1/customers', person('52998224725', { name: 'Outra' }));
  assert.equal(dup.status, 409);
  assert.equal(dup.body.errors[0].field, 'document');
  const alnum = await manager.post('/api/v1/customers', company('12.abc.345/01de-35'));
  assert.equal(alnum.status, 201, JSON.stringify(alnum.body));
  assert.equal(alnum.body.document, '12ABC34501DE35');
  assert.equal(alnum.body.monthly_revenue_cents, 180000000);
});

test('ACC-01 PATCH changes e-mail, name, phone, income and personal data, audited with before and after', async () => {
  const c = (await manager.post('/api/v1/customers', person(cpf('123456789'), { name: 'João Pedro' }))).body;
  const changed = await manager.patch(`/api/v1/customers/${c.id}`, {
    email: 'joao.pedro@novo.com.br', name: 'João Pedro Albuquerque', phone: '+55 21 99876-5432',
    monthly_income_cents: 2800000, social_name: 'JP', mother_name: 'Lúcia Albuquerque', address: { number: '10A' },
  });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.deepEqual([changed.body.email, changed.body.name, changed.body.phone, changed.body.monthly_income_cents,
    changed.body.social_name, changed.body.address.number, changed.body.address.street],
  ['joao.pedro@novo.com.br', 'João Pedro Albuquerque', '+5521998765432', 2800000, 'JP', '10A', 'Avenida Paulista']);
  const refused = await manager.patch(`/api/v1/customers/${c.id}`, { document: cpf('987654321'), phone: '123' });
  assert.equal(refused.status, 400);
  assert.deepEqual(refused.body.errors.map((e) => e.field).sort(), ['document', 'phone']);
  const audit = (await manager.get(`/api/v1/audit?target_type=customer&target_id=${c.id}`)).body.items;
  const update = audit.find((e) => e.action === 'customer.updated');
  assert.ok(update, JSON.stringify(audit));
  assert.match(JSON.stringify(update.before), /angela@exemplo\.com\.br/);
  assert.match(JSON.stringify(update.after), /joao\.pedro@novo\.com\.br/);
  assert.equal((await manager.patch('/api/v1/customers/999', { name: 'x' })).status, 404);
});

test('ACC-01 list filters (document with or without mask, name prefix without accents, kind, e-mail, period) and export', async () => {
  const doc = cpf('246813579');
  const c = (await manager.post('/api/v1/customers', person(doc, { name: 'Élida Gonçalves', email: 'elida@exemplo.com.br' }))).body;
  const masked = `${doc.slice(0, 3)}.${doc.slice(3, 6)}.${doc.slice(6, 9)}-${doc.slice(9)}`;
  for (const q of [`document=${masked}`, `document=${doc}`, 'name=elida', 'name=%C3%89LI', 'email=ELIDA@exemplo.com.br']) {
    const res = await manager.get(`/api/v1/customers?${q}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.items.map((i) => i.id), [c.id], q);
  }
  assert.ok((await manager.get('/api/v1/customers?kind=pj')).body.items.every((i) => i.kind === 'pj'));
  assert.equal((await manager.get('/api/v1/customers?name=gon')).body.items.length, 0, 'a prefix of the name');
  assert.equal((await manager.get('/api/v1/customers?document=123')).body.errors[0].field, 'document');
  assert.equal((await manager.get('/api/v1/customers?kind=x')).body.errors[0].field, 'kind');
  assert.equal((await manager.get('/api/v1/customers?created_from=2026-13-01')).body.errors[0].field, 'created_from');
  assert.equal((await manager.get('/api/v1/customers?created_to=2000-01-01')).body.items.length, 0);
  const page = await manager.get('/api/v1/customers?page_size=2');
  assert.equal(page.body.items.length, 2);
  assert.ok(page.body.next_cursor);
  const next = await manager.get(`/api/v1/customers?page_size=2&cursor=${page.body.next_cursor}`);
  assert.ok(!next.body.items.some((i) => page.body.items.some((p) => p.id === i.id)));
  const csv = await fetch(`${server.base}/api/v1/customers?format=csv&lang=pt-BR&name=elida`, { headers: { cookie: manager.cookie } });
  assert.equal(csv.status, 200);
  const text = await csv.text();
  assert.match(text, /Élida Gonçalves/);
  assert.match(text, /CPF\/CNPJ/);
});

test('ACC-01 delete only by mistake: gone from GET and list, listed as deleted, restore refuses a taken document', async () => {
  const doc = cpf('135792468');
  const c = (await manager.post('/api/v1/customers', person(doc))).body;
  assert.equal((await reader.delete(`/api/v1/customers/${c.id}`)).status, 204);
  assert.equal((await manager.get(`/api/v1/customers/${c.id}`)).status, 404);
  assert.equal((await manager.get(`/api/v1/customers?document=${doc}`)).body.items.length, 0);
  const deleted = (await manager.get('/api/v1/deleted-records?record_type=customer')).body.items;
  assert.ok(deleted.some((d) => d.record_id === c.id), JSON.stringify(deleted));
  const again = (await manager.post('/api/v1/customers', person(doc))).body;
  const conflict = await manager.post(`/api/v1/deleted-records/customer/${c.id}/restore`);
  assert.equal(conflict.status, 409);
  assert.equal(conflict.body.errors[0].field, 'document');
  assert.equal((await manager.delete(`/api/v1/customers/${again.id}`)).status, 204);
  assert.equal((await manager.post(`/api/v1/deleted-records/customer/${c.id}/restore`)).status, 200);
  assert.equal((await manager.get(`/api/v1/customers/${c.id}`)).status, 200);
});

test('ACC-02 partners: PJ only, shares up to 100 %, one per document, company partner linked to its customer', async () => {
  const holding = (await manager.post('/api/v1/customers', company(cnpj('112223330001')))).body;
  const tech = (await manager.post('/api/v1/customers', company(cnpj('456789010001'), { name: 'Tech Aurora Ltda.' }))).body;
  const someone = (await manager.get('/api/v1/customers?kind=pf')).body.items[0];
  const pf = await manager.post(`/api/v1/customers/${someone.id}/partners`, { document: cpf('111444777'), name: 'X', share_bps: 100, role: 'socio' });
  assert.equal(pf.status, 409);
  assert.equal(pf.body.errors[0].field, 'customer_id');

  const add = (body) => manager.post(`/api/v1/customers/${tech.id}/partners`, body);
  const first = await add({ document: holding.document, name: holding.name, share_bps: 7000, role: 'socio' });
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(first.body.kind, 'pj');
  assert.equal(first.body.partner_customer_id, holding.id);
  const second = await add({ document: cpf('111444777'), name: 'Eduardo Nogueira', share_bps: 3000, role: 'socio_administrador',
    legal_representative: true, email: 'edu@exemplo.com.br', phone: '(41) 99654-3210', birth_date: '1980-02-02', joined_on: '2020-01-01' });
  assert.equal(second.status, 201, JSON.stringify(second.body));
  const over = await add({ document: cpf('222555888'), name: 'Mais Um', share_bps: 1, role: 'socio' });
  assert.equal(over.status, 409);
  assert.equal(over.body.errors[0].field, 'share_bps');
  const dup = await add({ document: cpf('111444777'), name: 'Eduardo de novo', share_bps: 0, role: 'diretor' });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.errors[0].field, 'document');
  const bad = await add({ document: '12', share_bps: 20000, role: 'dono', legal_representative: 'sim' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['legal_representative']);
  const bad2 = await add({ document: '12', share_bps: 20000, role: 'dono' });
  assert.deepEqual(bad2.body.errors.map((e) => e.field).sort(), ['document', 'name', 'role', 'share_bps']);

  const lowered = await manager.patch(`/api/v1/customers/${tech.id}/partners/${first.body.id}`, { share_bps: 6000 });
  assert.equal(lowered.status, 200, JSON.stringify(lowered.body));
  const listed = (await manager.get(`/api/v1/customers/${tech.id}/partners`)).body.items;
  assert.deepEqual(listed.map((p) => p.share_bps), [6000, 3000]);
  assert.equal((await manager.delete(`/api/v1/customers/${tech.id}/partners/${second.body.id}`)).status, 204);
  assert.equal((await manager.get(`/api/v1/customers/${tech.id}/partners`)).body.items.length, 1);
  const restored = await manager.post(`/api/v1/deleted-records/customer_partner/${second.body.id}/restore`);
  assert.equal(restored.status, 200, JSON.stringify(restored.body));
  assert.equal((await manager.get(`/api/v1/customers/${tech.id}/partners`)).body.items.length, 2);
  const types = (await manager.get('/api/v1/webhooks/event-types')).body.items.map((t) => t.type);
  for (const t of ['customer.created', 'customer.updated', 'customer.partner_added', 'customer.partner_updated',
    'customer.partner_removed', 'customer.document_received', 'customer.document_reviewed']) assert.ok(types.includes(t), t);
});

test('ACC-09 uploads: type from the bytes (415 otherwise), 10 MiB cap on this route only, review, download with customers.documents', async () => {
  const c = (await manager.post('/api/v1/customers', person(cpf('864297531')))).body;
  const sent = await upload(manager, c.id, pdf, { kind: 'identity', fileName: 'RG frente.pdf', type: 'image/png' });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  assert.equal(sent.body.content_type, 'application/pdf', 'the client’s Content-Type is not trusted');
  assert.equal(sent.body.sha256, createHash('sha256').update(pdf).digest('hex'));
  assert.equal(sent.body.status, 'pending');
  const html = await upload(manager, c.id, Buffer.from('<html><script>alert(1)</script></html>'), { type: 'application/pdf' });
  assert.equal(html.status, 415);
  assert.equal(html.body.errors[0].field, 'body');
  assert.equal((await upload(manager, c.id, pdf, { kind: 'passaporte' })).body.errors[0].field, 'kind');
  assert.equal((await upload(manager, c.id, Buffer.alloc(0))).body.errors[0].field, 'body');

  const big = await upload(manager, c.id, png(3 * 1024 * 1024), { kind: 'selfie', fileName: 'selfie.png', type: 'image/png' });
  assert.equal(big.status, 201, 'above the server-wide 1 MiB cap, within the route’s 10 MiB');
  // Refused from the Content-Length, before the body is read or anyone is authenticated.
  const tooBig = await statusLine(`POST /api/v1/customers/${c.id}/documents?kind=selfie`, 10 * 1024 * 1024 + 1);
  assert.match(tooBig, /^HTTP\/1\.1 413 /);
  assert.equal(await statusLine(`POST /api/v1/customers/${c.id}/documents?kind=selfie`, 10 * 1024 * 1024)
    .then((l) => /^HTTP\/1\.1 413 /.test(l)), false, 'exactly 10 MiB is within the cap');
  assert.match(await statusLine(`PATCH /api/v1/customers/${c.id}`, 2 * 1024 * 1024), /^HTTP\/1\.1 413 /,
    'other routes keep the 1 MiB cap');

  const listed = await reader.get(`/api/v1/customers/${c.id}/documents`);
  assert.equal(listed.status, 200);
  assert.equal(listed.body.items.length, 2);
  assert.equal((await upload(reader, c.id, pdf)).status, 403);
  assert.equal((await reader.get(`/api/v1/customers/${c.id}/documents/${sent.body.id}/download`)).status, 403);
  assert.equal((await reader.post(`/api/v1/customers/${c.id}/documents/${sent.body.id}/review`, { decision: 'approve' })).status, 403);

  const down = await fetch(`${server.base}/api/v1/customers/${c.id}/documents/${sent.body.id}/download`, { headers: { cookie: manager.cookie } });
  assert.equal(down.status, 200);
  assert.equal(down.headers.get('content-type'), 'application/pdf');
  assert.equal(down.headers.get('x-content-type-options'), 'nosniff');
  assert.match(down.headers.get('content-disposition'), /attachment; filename="RG frente\.pdf"/);
  assert.deepEqual(Buffer.from(await down.arrayBuffer()), pdf);

  const noReason = await manager.post(`/api/v1/customers/${c.id}/documents/${big.body.id}/review`, { decision: 'reject' });
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.errors[0].field, 'reason');
  const rejected = await manager.post(`/api/v1/customers/${c.id}/documents/${big.body.id}/review`, { decision: 'reject', reason: 'Rosto coberto' });
  assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
  assert.equal(rejected.body.status, 'rejected');
  const approved = await manager.post(`/api/v1/customers/${c.id}/documents/${sent.body.id}/review`, { decision: 'approve' });
  assert.equal(approved.body.status, 'approved');
  assert.equal((await manager.post(`/api/v1/customers/${c.id}/documents/${sent.body.id}/review`, { decision: 'reject', reason: 'x' })).status, 409);
  const audit = (await manager.get(`/api/v1/audit?target_type=customer_document&target_id=${sent.body.id}`)).body.items.map((e) => e.action);
  assert.deepEqual(audit.sort(), ['customer.document_downloaded', 'customer.document_received', 'customer.document_reviewed']);
});
