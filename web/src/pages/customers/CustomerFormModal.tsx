// ACC-01 "Novo cliente" and "Editar": a person (CPF) or a company (CNPJ), with masks and the check
// digits verified in the browser too; editing changes e-mail, name, phone, income and the personal
// data ("Atualizar Pessoa Física"), never the kind or the document.
import { useEffect, useState } from 'react';
import { App, Col, Form, Input, InputNumber, Modal, Row, Segmented, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  COMPANY_SIZES,
  createCustomer,
  customersKey,
  isValidCnpj,
  isValidCpf,
  UFS,
  updateCustomer,
  type CompanySize,
  type Customer,
  type CustomerInput,
  type CustomerKind,
} from '../../api/customers';
import { showFieldErrors } from '../../components/formErrors';
import { phoneRule } from '../../components/formRules';
import ProblemAlert from '../../components/ProblemAlert';
import { formatCep, formatDocument, formatPhone, maskCep, maskCnpj, maskCpf, maskPhone } from '../../format';
import { currentLanguage } from '../../i18n';
import { useCustomerLabels } from './labels';

interface Values {
  kind: CustomerKind;
  document: string;
  name: string;
  alt_name?: string;
  date: string;
  mother_name?: string;
  occupation?: string;
  company_size?: CompanySize;
  email: string;
  phone: string;
  income: number | null;
  cep: string;
  street: string;
  number: string;
  complement?: string;
  district: string;
  city: string;
  uf?: string;
}

const FIELDS = ['document', 'name', 'alt_name', 'date', 'mother_name', 'occupation', 'company_size', 'email', 'phone', 'income', 'cep', 'street', 'number', 'complement', 'district', 'city', 'uf'] as const;
// Server field → form field.
const RENAME: Record<string, string> = {
  social_name: 'alt_name',
  trade_name: 'alt_name',
  birth_date: 'date',
  founding_date: 'date',
  monthly_income_cents: 'income',
  monthly_revenue_cents: 'income',
  'address.cep': 'cep',
  'address.street': 'street',
  'address.number': 'number',
  'address.complement': 'complement',
  'address.district': 'district',
  'address.city': 'city',
  'address.uf': 'uf',
};

export default function CustomerFormModal({
  open,
  customer,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** Editing this customer; creating when undefined. */
  customer?: Customer;
  onClose: () => void;
  onSaved?: (c: Customer) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const labels = useCustomerLabels();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [fieldsShown, setFieldsShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const watchedKind = Form.useWatch('kind', form);
  const editing = !!customer;
  const kind: CustomerKind = customer?.kind ?? watchedKind ?? 'pf';
  const pf = kind === 'pf';

  // Filled when the dialog opens, not on every refetch of the record (see OperatorFormModal).
  const customerId = customer?.id;
  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    if (!customer) {
      form.setFieldsValue({ kind: 'pf' });
      return;
    }
    form.setFieldsValue({
      kind: customer.kind,
      document: formatDocument(customer.document),
      name: customer.name,
      alt_name: (customer.kind === 'pf' ? customer.social_name : customer.trade_name) ?? '',
      date: (customer.kind === 'pf' ? customer.birth_date : customer.founding_date) ?? '',
      mother_name: customer.mother_name ?? '',
      occupation: customer.occupation ?? '',
      company_size: customer.company_size ?? undefined,
      email: customer.email,
      phone: formatPhone(customer.phone),
      income: (customer.monthly_income_cents ?? customer.monthly_revenue_cents ?? 0) / 100,
      cep: formatCep(customer.address.cep),
      street: customer.address.street,
      number: customer.address.number,
      complement: customer.address.complement,
      district: customer.address.district,
      city: customer.address.city,
      uf: customer.address.uf,
    });
  }, [open, customerId, form]);

  async function onFinish(v: Values) {
    setBusy(true);
    setError(undefined);
    const cents = v.income == null ? undefined : Math.round(v.income * 100);
    const input: CustomerInput = {
      name: v.name.trim(),
      email: v.email.trim(),
      phone: v.phone,
      address: {
        cep: v.cep,
        street: v.street.trim(),
        number: v.number.trim(),
        complement: (v.complement ?? '').trim(),
        district: v.district.trim(),
        city: v.city.trim(),
        uf: v.uf,
      },
      ...(pf
        ? {
            social_name: (v.alt_name ?? '').trim(),
            birth_date: v.date,
            mother_name: (v.mother_name ?? '').trim(),
            occupation: (v.occupation ?? '').trim(),
            monthly_income_cents: cents,
          }
        : { trade_name: (v.alt_name ?? '').trim(), founding_date: v.date, company_size: v.company_size, monthly_revenue_cents: cents }),
    };
    if (!editing) {
      input.kind = kind;
      input.document = v.document;
    }
    try {
      const saved = editing ? await updateCustomer(customer.id, input) : await createCustomer(input);
      void queryClient.invalidateQueries({ queryKey: customersKey });
      void message.success(editing ? t('customers.form.updated', { name: saved.name }) : t('customers.form.created', { name: saved.name }));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      setError(e);
      setFieldsShown(showFieldErrors(form, e, t, locale, FIELDS, RENAME));
    } finally {
      setBusy(false);
    }
  }

  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Modal
      open={open}
      title={editing ? t('customers.form.editTitle', { name: customer.name }) : t('customers.form.createTitle')}
      okText={editing ? t('common.save') : t('customers.form.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'customer-form-submit' } as never}
      destroyOnHidden
      width={760}
    >
      <div data-testid="customer-form">
        {error !== undefined && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={error} hideFields={fieldsShown} testId="customer-form-error" />
          </div>
        )}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item name="kind" label={t('customers.fields.kind')}>
                <Segmented
                  disabled={editing}
                  data-testid="customer-kind"
                  options={(['pf', 'pj'] as const).map((k) => ({ value: k, label: labels.kind(k) }))}
                  onChange={() => form.setFieldsValue({ document: '' })}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item
                name="document"
                label={pf ? 'CPF' : 'CNPJ'}
                normalize={(v: string) => (pf ? maskCpf(v ?? '') : maskCnpj(v ?? ''))}
                rules={[
                  { required: !editing, message: t(pf ? 'customers.validation.cpf' : 'customers.validation.cnpj') },
                  {
                    validator: (_, v: string | undefined) =>
                      editing || !v || (pf ? isValidCpf(v) : isValidCnpj(v))
                        ? Promise.resolve()
                        : Promise.reject(new Error(t(pf ? 'customers.validation.cpf' : 'customers.validation.cnpj'))),
                  },
                ]}
              >
                <Input disabled={editing} autoComplete="off" placeholder={pf ? '000.000.000-00' : '00.000.000/0000-00'} data-testid="customer-document" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item name="name" label={pf ? t('customers.fields.fullName') : t('customers.fields.legalName')} rules={required(t('customers.validation.name'))}>
                <Input autoComplete="off" maxLength={200} data-testid="customer-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="alt_name" label={pf ? t('customers.fields.socialName') : t('customers.fields.tradeName')}>
                <Input autoComplete="off" maxLength={200} data-testid="customer-alt-name" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="date" label={pf ? t('customers.fields.birthDate') : t('customers.fields.foundingDate')} rules={required(t('customers.validation.date'))}>
                <Input type="date" data-testid="customer-date" />
              </Form.Item>
            </Col>
            {pf ? (
              <>
                <Col xs={24} md={8}>
                  <Form.Item name="mother_name" label={t('customers.fields.motherName')} rules={required(t('customers.validation.motherName'))}>
                    <Input autoComplete="off" maxLength={200} data-testid="customer-mother" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="occupation" label={t('customers.fields.occupation')} rules={required(t('customers.validation.occupation'))}>
                    <Input autoComplete="off" maxLength={200} data-testid="customer-occupation" />
                  </Form.Item>
                </Col>
              </>
            ) : (
              <Col xs={24} md={8}>
                <Form.Item name="company_size" label={t('customers.fields.companySize')} rules={[{ required: true, message: t('customers.validation.size') }]}>
                  <Select data-testid="customer-size" options={COMPANY_SIZES.map((s) => ({ value: s, label: labels.size(s) }))} />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={9}>
              <Form.Item
                name="email"
                label={t('fields.email')}
                rules={[
                  { required: true, message: t('validation.emailRequired') },
                  { type: 'email', message: t('validation.emailInvalid') },
                ]}
              >
                <Input autoComplete="off" inputMode="email" data-testid="customer-email" />
              </Form.Item>
            </Col>
            <Col xs={24} md={7}>
              <Form.Item
                name="phone"
                label={pf ? t('customers.fields.mobile') : t('fields.phone')}
                normalize={(v: string) => maskPhone(v ?? '')}
                rules={[phoneRule(t(pf ? 'customers.validation.mobile' : 'validation.phone'), { mobile: pf, required: true })]}
              >
                <Input autoComplete="off" inputMode="tel" placeholder="(11) 91234-5678" data-testid="customer-phone" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="income"
                label={pf ? t('customers.fields.monthlyIncome') : t('customers.fields.monthlyRevenue')}
                rules={[{ required: true, message: t('customers.validation.income') }]}
              >
                <InputNumber<number>
                  min={0}
                  precision={2}
                  prefix="R$"
                  decimalSeparator={locale === 'pt-BR' ? ',' : '.'}
                  style={{ width: '100%' }}
                  data-testid="customer-income"
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item
                name="cep"
                label="CEP"
                normalize={(v: string) => maskCep(v ?? '')}
                rules={[{ pattern: /^\d{5}-\d{3}$/, required: true, message: t('customers.validation.cep') }]}
              >
                <Input autoComplete="off" inputMode="numeric" placeholder="00000-000" data-testid="customer-cep" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="street" label={t('customers.fields.street')} rules={required(t('customers.validation.street'))}>
                <Input autoComplete="off" maxLength={200} data-testid="customer-street" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="number" label={t('customers.fields.number')} rules={required(t('customers.validation.number'))}>
                <Input autoComplete="off" maxLength={20} data-testid="customer-number" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={7}>
              <Form.Item name="complement" label={t('customers.fields.complement')}>
                <Input autoComplete="off" maxLength={200} data-testid="customer-complement" />
              </Form.Item>
            </Col>
            <Col xs={24} md={7}>
              <Form.Item name="district" label={t('customers.fields.district')} rules={required(t('customers.validation.district'))}>
                <Input autoComplete="off" maxLength={200} data-testid="customer-district" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="city" label={t('customers.fields.city')} rules={required(t('customers.validation.city'))}>
                <Input autoComplete="off" maxLength={200} data-testid="customer-city" />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item name="uf" label="UF" rules={[{ required: true, message: t('customers.validation.uf') }]}>
                <Select showSearch data-testid="customer-uf" options={UFS.map((uf) => ({ value: uf, label: uf }))} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </div>
    </Modal>
  );
}
