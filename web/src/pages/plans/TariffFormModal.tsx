// Create or change a tariff (TRX-06): the plan and the operation (fixed once created), fixed
// centavos or a percentage of the amount (typed in %, sent as basis points), optional minimum
// and maximum, the free monthly quota, active and a description.
import { useState } from 'react';
import { App, Flex, Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { createTariff, updateTariff, usePlans, useRefreshPlans, useTariffOperations, type Tariff, type TariffKind } from '../../api/plans';
import { showFieldErrors } from '../../components/formErrors';
import ProblemAlert from '../../components/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { MoneyInput, toCentavos, toReais } from '../limits/money';

interface Values {
  plan_id: string;
  operation: string;
  kind: TariffKind;
  fixed_amount: number | null;
  rate_percent: number | null;
  min_amount: number | null;
  max_amount: number | null;
  free_quota: number | null;
  active: boolean;
  description?: string;
}

const FIELDS = ['plan_id', 'operation', 'kind', 'fixed_amount', 'rate_percent', 'min_amount', 'max_amount', 'free_quota', 'active', 'description'] as const;

export default function TariffFormModal({
  tariff,
  planId,
  open,
  onClose,
}: {
  tariff?: Tariff;
  /** Creating from a plan's page: the plan is given. */
  planId?: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const pt = currentLanguage() === 'pt-BR';
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const refresh = useRefreshPlans();
  const operations = useTariffOperations();
  const plans = usePlans({ page_size: 100 });
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);
  const operation = Form.useWatch('operation', form);
  const hasAmount = operations.data?.find((o) => o.code === operation)?.has_amount ?? true;

  async function save(v: Values) {
    setSaving(true);
    setError(undefined);
    try {
      const input = {
        kind: v.kind,
        ...(v.kind === 'fixed' ? { fixed_amount: toCentavos(v.fixed_amount) ?? 0 } : { rate_bps: Math.round((v.rate_percent ?? 0) * 100) }),
        min_amount: toCentavos(v.min_amount),
        max_amount: toCentavos(v.max_amount),
        free_quota: v.free_quota ?? 0,
        active: v.active,
        description: v.description ?? '',
      };
      if (tariff) await updateTariff(tariff.id, input);
      else await createTariff({ ...input, plan_id: v.plan_id, operation: v.operation });
      await refresh();
      void message.success(tariff ? t('tariffs.saved') : t('tariffs.created'));
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, e, t, currentLanguage(), FIELDS, { rate_bps: 'rate_percent' })) setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={tariff ? t('tariffs.edit') : t('tariffs.new')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
      width={600}
      okButtonProps={{ 'data-testid': 'tariff-save' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          plan_id: tariff?.plan_id ?? planId,
          operation: tariff?.operation,
          kind: tariff?.kind ?? 'fixed',
          fixed_amount: toReais(tariff?.fixed_amount ?? null),
          rate_percent: tariff ? tariff.rate_bps / 100 : null,
          min_amount: toReais(tariff?.min_amount),
          max_amount: toReais(tariff?.max_amount),
          free_quota: tariff?.free_quota ?? 0,
          active: tariff?.active ?? true,
          description: tariff?.description ?? '',
        }}
        onFinish={(v) => void save(v)}
        data-testid="tariff-form"
      >
        {error !== undefined && <ProblemAlert error={error} testId="tariff-form-error" />}
        <Flex gap={12}>
          <Form.Item name="plan_id" label={t('tariffs.fields.plan')} rules={[{ required: true, message: t('tariffs.planRequired') }]} style={{ flex: 1 }}>
            <Select
              disabled={!!tariff || !!planId}
              loading={plans.isPending}
              options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              data-testid="tariff-plan"
            />
          </Form.Item>
          <Form.Item name="operation" label={t('tariffs.fields.operation')} rules={[{ required: true, message: t('tariffs.operationRequired') }]} style={{ flex: 1 }}>
            <Select
              disabled={!!tariff}
              loading={operations.isPending}
              options={(operations.data ?? []).map((o) => ({ value: o.code, label: pt ? o.label_pt : o.label_en }))}
              data-testid="tariff-operation"
            />
          </Form.Item>
        </Flex>
        <Form.Item name="kind" label={t('tariffs.fields.kind')}>
          <Radio.Group data-testid="tariff-kind">
            <Radio value="fixed">{t('tariffs.kind.fixed')}</Radio>
            <Radio value="percentage" disabled={!hasAmount} data-testid="tariff-kind-percentage">
              {t('tariffs.kind.percentage')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {kind === 'percentage' ? (
          <Form.Item name="rate_percent" label={t('tariffs.fields.rate')} extra={t('tariffs.rateHint')} rules={[{ required: true, message: t('tariffs.valueRequired') }]}>
            <InputNumber<number> min={0} max={100} precision={2} decimalSeparator={pt ? ',' : '.'} suffix="%" style={{ width: '100%' }} data-testid="tariff-rate" />
          </Form.Item>
        ) : (
          <Form.Item name="fixed_amount" label={t('tariffs.fields.fixedAmount')} rules={[{ required: true, message: t('tariffs.valueRequired') }]}>
            <MoneyInput testId="tariff-fixed" />
          </Form.Item>
        )}
        <Flex gap={12}>
          <Form.Item name="min_amount" label={t('tariffs.fields.min')} style={{ flex: 1 }}>
            <MoneyInput testId="tariff-min" placeholder={t('tariffs.none')} />
          </Form.Item>
          <Form.Item name="max_amount" label={t('tariffs.fields.max')} style={{ flex: 1 }}>
            <MoneyInput testId="tariff-max" placeholder={t('tariffs.none')} />
          </Form.Item>
          <Form.Item name="free_quota" label={t('tariffs.fields.freeQuota')} extra={t('tariffs.freeQuotaHint')} style={{ flex: 1 }}>
            <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} data-testid="tariff-free-quota" />
          </Form.Item>
        </Flex>
        <Form.Item name="description" label={t('tariffs.fields.description')} rules={[{ max: 200 }]}>
          <Input maxLength={200} data-testid="tariff-description" />
        </Form.Item>
        <Form.Item name="active" label={t('tariffs.fields.active')} valuePropName="checked">
          <Switch data-testid="tariff-active" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
