// ACC-02 "Criar Sócio" / "Editar Sócio": a person (CPF) or a company (CNPJ), its share in percent
// (stored in basis points), role, legal representative flag and contact. The share that still fits
// is shown; the server has the last word (409 naming share_bps).
import { useEffect, useState } from 'react';
import { App, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  addPartner,
  customersKey,
  isValidDocument,
  PARTNER_ROLES,
  updatePartner,
  type Customer,
  type Partner,
  type PartnerInput,
  type PartnerRole,
} from '../../api/customers';
import { showFieldErrors } from '../../components/formErrors';
import { phoneRule } from '../../components/formRules';
import ProblemAlert from '../../components/ProblemAlert';
import { formatDocument, formatPhone, maskCnpj, maskCpf, maskPhone } from '../../format';
import { currentLanguage } from '../../i18n';
import { formatShare, useCustomerLabels } from './labels';

interface Values {
  document: string;
  name: string;
  share: number;
  role?: PartnerRole;
  legal_representative: boolean;
  email?: string;
  phone?: string;
  birth_date?: string;
  joined_on?: string;
}

const FIELDS = ['document', 'name', 'share', 'role', 'legal_representative', 'email', 'phone', 'birth_date', 'joined_on'] as const;

/** CPF mask up to 11 digits, CNPJ mask beyond (or as soon as a letter appears). */
function maskDocument(value: string): string {
  const c = value.replace(/[^0-9A-Za-z]/g, '');
  return c.length <= 11 && /^\d*$/.test(c) ? maskCpf(c) : maskCnpj(c);
}

export default function PartnerFormModal({
  open,
  customer,
  partner,
  otherShares,
  onClose,
}: {
  open: boolean;
  customer: Customer;
  partner?: Partner;
  /** The other live partners' shares (basis points). */
  otherShares: number;
  onClose: () => void;
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
  const editing = !!partner;
  const available = Math.max(0, 10000 - otherShares);

  const partnerId = partner?.id;
  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    form.setFieldsValue(
      partner
        ? {
            document: formatDocument(partner.document),
            name: partner.name,
            share: partner.share_bps / 100,
            role: partner.role,
            legal_representative: partner.legal_representative,
            email: partner.email ?? '',
            phone: partner.phone ? formatPhone(partner.phone) : '',
            birth_date: partner.birth_date ?? '',
            joined_on: partner.joined_on ?? '',
          }
        : { legal_representative: false },
    );
  }, [open, partnerId, form]);

  async function onFinish(v: Values) {
    setBusy(true);
    setError(undefined);
    const input: PartnerInput = {
      name: v.name.trim(),
      share_bps: Math.round(v.share * 100),
      role: v.role,
      legal_representative: v.legal_representative,
      email: (v.email ?? '').trim(),
      phone: v.phone ?? '',
      birth_date: v.birth_date ?? '',
      joined_on: v.joined_on ?? '',
    };
    if (!editing) input.document = v.document;
    try {
      const saved = editing ? await updatePartner(customer.id, partner.id, input) : await addPartner(customer.id, input);
      await queryClient.invalidateQueries({ queryKey: [...customersKey, 'partners', customer.id] });
      void message.success(editing ? t('customers.partners.updated', { name: saved.name }) : t('customers.partners.added', { name: saved.name }));
      onClose();
    } catch (e) {
      setError(e);
      setFieldsShown(showFieldErrors(form, e, t, locale, FIELDS, { share_bps: 'share' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={editing ? t('customers.partners.editTitle', { name: partner.name }) : t('customers.partners.addTitle', { name: customer.name })}
      okText={editing ? t('common.save') : t('customers.partners.add')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'partner-form-submit' } as never}
      destroyOnHidden
      width={680}
    >
      <div data-testid="partner-form">
        {error !== undefined && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={error} hideFields={fieldsShown} testId="partner-form-error" />
          </div>
        )}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item
                name="document"
                label={t('customers.partners.document')}
                normalize={(v: string) => maskDocument(v ?? '')}
                rules={[
                  { required: !editing, message: t('customers.validation.document') },
                  {
                    validator: (_, v: string | undefined) =>
                      editing || !v || isValidDocument(v) ? Promise.resolve() : Promise.reject(new Error(t('customers.validation.document'))),
                  },
                ]}
              >
                <Input disabled={editing} autoComplete="off" placeholder={t('customers.partners.documentPlaceholder')} data-testid="partner-document" />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item name="name" label={t('customers.fields.name')} rules={[{ required: true, whitespace: true, message: t('customers.validation.name') }]}>
                <Input autoComplete="off" maxLength={200} data-testid="partner-name" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="share"
                label={t('customers.partners.sharePercent')}
                extra={t('customers.partners.available', { share: formatShare(available, locale) })}
                rules={[
                  { required: true, message: t('customers.validation.share') },
                  {
                    validator: (_, v: number | null) =>
                      v == null || Math.round(v * 100) <= available
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('customers.validation.shareOver', { share: formatShare(available, locale) }))),
                  },
                ]}
              >
                <InputNumber<number>
                  min={0}
                  max={100}
                  precision={2}
                  suffix="%"
                  decimalSeparator={locale === 'pt-BR' ? ',' : '.'}
                  style={{ width: '100%' }}
                  data-testid="partner-share-input"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item name="role" label={t('customers.partners.role')} rules={[{ required: true, message: t('customers.validation.role') }]}>
                <Select data-testid="partner-role" options={PARTNER_ROLES.map((r) => ({ value: r, label: labels.role(r) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={7}>
              <Form.Item name="legal_representative" label=" " valuePropName="checked">
                <Checkbox data-testid="partner-representative">{t('customers.partners.representative')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="email" label={t('fields.email')} rules={[{ type: 'email', message: t('validation.emailInvalid') }]}>
                <Input autoComplete="off" inputMode="email" data-testid="partner-email" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="phone"
                label={t('fields.phone')}
                normalize={(v: string) => maskPhone(v ?? '')}
                rules={[phoneRule(t('validation.phone'))]}
              >
                <Input autoComplete="off" inputMode="tel" placeholder="(11) 91234-5678" data-testid="partner-phone" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="birth_date" label={t('customers.partners.birthOrFounding')}>
                <Input type="date" data-testid="partner-birth" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="joined_on" label={t('customers.partners.joinedOn')}>
                <Input type="date" data-testid="partner-joined" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </div>
    </Modal>
  );
}
