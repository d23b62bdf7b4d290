// Customers and accounts for API tests that need real ones (limits, plans, transfers).
import assert from 'node:assert/strict';

export const address = { cep: '01310-100', street: 'Avenida Paulista', number: '1578', district: 'Bela Vista',
  city: 'São Paulo', uf: 'SP' };

// A PF customer with every field the module requires (the CPF must have valid check digits).
export const person = (document, name) => ({ kind: 'pf', document, name, birth_date: '1988-03-14',
  mother_name: 'Marta Souza', occupation: 'Engenheira', email: `${document}@exemplo.com.br`, phone: '(11) 98123-4567',
  monthly_income_cents: 1250000, address });

export async function newCustomer(client, document, name) {
  const res = await client.post('/api/v1/customers', person(document, name));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

export async function newAccount(client, customerId, extra = {}) {
  const res = await client.post('/api/v1/accounts', { customer_id: customerId, ...extra });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

export async function deposit(client, accountId, amount) {
  const res = await client.post(`/api/v1/accounts/${accountId}/deposits`, { amount });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}
