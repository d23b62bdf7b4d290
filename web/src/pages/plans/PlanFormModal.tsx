// Create or change a plan: name, description, active, default, overdraft limit and reference
// monthly fee (reais), parameters (name/value pairs) and, when creating, the card product IDs.
import { useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { createPlan, updatePlan, useRefreshPlans, type Plan } from '../../api/plans';
import { showFieldErrors } from '../../components/formErrors';
import ProblemAlert from '../../components/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { MoneyInput, toCentavos, toReais } from '../limits/money';

interface Values {
  name: string;
  description?: string;
  active: boolean;
  is_default: boolean;
  overdraft_limit: number | null;
  monthly_fee: number | null;
  parameters?: { key: string; value: string }[];
  card_product_ids?: string[];
}

const FIELDS = ['name', 'description', 'active', 'is_default', 'overdraft_limit', 'monthly_fee', 'parameters', 'card_product_ids'] as const;

export default function PlanFormModal({ plan, open, onClose, onSaved }: { plan?: Plan; open: boolean; onClose: () => void; onSaved?: (p: Plan) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const refresh = useRefreshPlans();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  async function save(v: Values) {
    setSaving(true);
    setError(undefined);
    try {
      const input = {
        name: v.name,
        description: v.description ?? '',
        active: v.active,
        is_default: v.is_default,
        overdraft_limit: toCentavos(v.overdraft_limit) ?? 0,
        monthly_fee: toCentavos(v.monthly_fee) ?? 0,
        parameters: Object.fromEntries((v.parameters ?? []).filter((p) => p?.key).map((p) => [p.key.trim(), p.value ?? ''])),
      };
      const saved = plan ? await updatePlan(plan.id, input) : await createPlan({ ...input, card_product_ids: v.card_product_ids ?? [] });
      await refresh();
      void message.success(plan ? t('plans.saved') : t('plans.created'));
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, e, t, currentLanguage(), FIELDS)) setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={plan ? t('plans.edit') : t('plans.new')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'plan-save' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          name: plan?.name ?? '',
          description: plan?.description ?? '',
          active: plan?.active ?? true,
          is_default: plan?.is_default ?? false,
          overdraft_limit: toReais(plan?.overdraft_limit ?? 0),
          monthly_fee: toReais(plan?.monthly_fee ?? 0),
          parameters: Object.entries(plan?.parameters ?? {}).map(([key, value]) => ({ key, value })),
          card_product_ids: [],
        }}
        onFinish={(v) => void save(v)}
        data-testid="plan-form"
      >
        {error !== undefined && <ProblemAlert error={error} testId="plan-form-error" />}
        <Form.Item name="name" label={t('plans.fields.name')} rules={[{ required: true, message: t('plans.nameRequired') }, { max: 80 }]}>
          <Input maxLength={80} data-testid="plan-name" />
        </Form.Item>
        <Form.Item name="description" label={t('plans.fields.description')} rules={[{ max: 500 }]}>
          <Input.TextArea maxLength={500} rows={2} data-testid="plan-description" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="overdraft_limit" label={t('plans.fields.overdraftLimit')} style={{ flex: 1 }} extra={t('plans.overdraftHint')}>
            <MoneyInput testId="plan-overdraft" />
          </Form.Item>
          <Form.Item name="monthly_fee" label={t('plans.fields.monthlyFee')} style={{ flex: 1 }} extra={t('plans.monthlyFeeHint')}>
            <MoneyInput testId="plan-monthly-fee" />
          </Form.Item>
        </Flex>
        <Flex gap={24}>
          <Form.Item name="active" label={t('plans.fields.active')} valuePropName="checked">
            <Switch data-testid="plan-active" />
          </Form.Item>
          <Form.Item name="is_default" label={t('plans.fields.isDefault')} valuePropName="checked" extra={t('plans.defaultHint')}>
            <Switch disabled={plan?.is_default} data-testid="plan-default" />
          </Form.Item>
        </Flex>
        {!plan && (
          <Form.Item name="card_product_ids" label={t('plans.fields.cardProducts')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} open={false} placeholder={t('plans.cards.placeholder')} data-testid="plan-cards" />
          </Form.Item>
        )}
        <Typography.Text strong>{t('plans.fields.parameters')}</Typography.Text>
        <Form.List name="parameters">
          {(items, { add, remove }) => (
            <Flex vertical gap={4} style={{ marginTop: 8 }} data-testid="plan-parameters">
              {items.map((item) => (
                <Flex key={item.key} gap={8} align="baseline">
                  <Form.Item name={[item.name, 'key']} rules={[{ required: true, message: t('plans.parameters.keyRequired') }]} style={{ flex: 1, marginBottom: 8 }}>
                    <Input placeholder={t('plans.parameters.key')} maxLength={60} data-testid={`plan-parameter-key-${item.name}`} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'value']} style={{ flex: 2, marginBottom: 8 }}>
                    <Input placeholder={t('plans.parameters.value')} maxLength={500} data-testid={`plan-parameter-value-${item.name}`} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(item.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', value: '' })} data-testid="plan-parameter-add">
                {t('plans.parameters.add')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
