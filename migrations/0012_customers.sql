-- Customers PF/PJ (ACC-01), their partners (ACC-02) and documents sent for analysis (ACC-09).

-- One row per customer. kind 'pf' (CPF) or 'pj' (CNPJ); document is the canonical form (no
-- mask), unique per tenant among live customers. name is the PF full name or the PJ razão
-- social; alt_name the PF social name or the PJ trade name. *_folded are lower case without
-- accents, for the list's prefix and e-mail searches. born_on is the PF birth or PJ founding
-- date (YYYY-MM-DD); monthly_income_cents the PF income or PJ revenue. Soft delete (PLT-14):
-- deleted_at_us/deleted_by, the row stays.
CREATE TABLE customers (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  document TEXT NOT NULL,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  alt_name TEXT NOT NULL,
  alt_name_folded TEXT NOT NULL,
  born_on TEXT NOT NULL,
  mother_name TEXT NOT NULL,
  occupation TEXT NOT NULL,
  company_size TEXT NOT NULL,
  email TEXT NOT NULL,
  email_folded TEXT NOT NULL,
  phone TEXT NOT NULL,
  monthly_income_cents BIGINT NOT NULL,
  cep TEXT NOT NULL,
  street TEXT NOT NULL,
  address_number TEXT NOT NULL,
  complement TEXT NOT NULL,
  district TEXT NOT NULL,
  city TEXT NOT NULL,
  uf TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  deleted_at_us BIGINT,
  deleted_by BIGINT,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX customers_document ON customers (tenant_id, document) WHERE deleted_at_us IS NULL;
CREATE INDEX customers_name ON customers (tenant_id, name_folded);
CREATE INDEX customers_email ON customers (tenant_id, email_folded);

-- Partners of a PJ customer: people (CPF) or companies (CNPJ); a company partner may itself be a
-- customer of the tenant (partner_customer_id). share_bps is the share in basis points; the sum
-- over a customer's live partners is at most 10000 (checked by the service under the customer's
-- row lock). One live partner per document and customer.
CREATE TABLE customer_partners (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  document TEXT NOT NULL,
  name TEXT NOT NULL,
  share_bps BIGINT NOT NULL,
  role TEXT NOT NULL,
  legal_representative SMALLINT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL,
  born_on TEXT NOT NULL,
  joined_on TEXT NOT NULL,
  partner_customer_id BIGINT,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  deleted_at_us BIGINT,
  deleted_by BIGINT,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX customer_partners_customer ON customer_partners (tenant_id, customer_id);
CREATE UNIQUE INDEX customer_partners_document ON customer_partners (tenant_id, customer_id, document)
  WHERE deleted_at_us IS NULL;

-- Files an operator sent for analysis. The bytes live at <data_dir>/documents/<tenant>/<id>;
-- content_type is sniffed from them, sha256 is their hex digest. status pending → approved |
-- rejected (rejection_reason).
CREATE TABLE customer_documents (
  tenant_id BIGINT NOT NULL,
  id BIGINT NOT NULL,
  customer_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  status TEXT NOT NULL,
  rejection_reason TEXT NOT NULL,
  uploaded_by BIGINT,
  uploaded_by_name TEXT NOT NULL,
  reviewed_by BIGINT,
  reviewed_by_name TEXT NOT NULL,
  reviewed_at_us BIGINT,
  created_at_us BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX customer_documents_customer ON customer_documents (tenant_id, customer_id, id);
