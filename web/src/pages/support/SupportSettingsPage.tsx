// "Suporte": the institution's support contact shown to every operator in the console header.
// Managers with support.configure edit it; others see it read-only.
import { useEffect, useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { saveSupport, supportKey, useSupport, type SupportInput } from '../../api/messages';
import { useCan } from '../../auth/session';
import { showFieldErrors } from '../../components/formErrors';
import { PageHeader } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

const FIELDS = ['label', 'url', 'email', 'phone', 'hours'] as const;

export default function SupportSettingsPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const support = useSupport();
  const [form] = Form.useForm<SupportInput>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const editable = can('support.configure');

  useEffect(() => {
    if (support.data) {
      const s = support.data;
      form.setFieldsValue({ label: s.configured ? s.label : t('support.defaultLabel'), url: s.url, email: s.email, phone: s.phone, hours: s.hours });
    }
  }, [support.data, form, t]);

  async function save(values: SupportInput) {
    setSaving(true);
    setError(undefined);
    try {
      const clean = Object.fromEntries(FIELDS.map((f) => [f, values[f]?.trim() ? values[f]!.trim() : null])) as SupportInput;
      await saveSupport(clean);
      await queryClient.invalidateQueries({ queryKey: supportKey });
      void message.success(t('support.saved'));
    } catch (e) {
      const placed = showFieldErrors(form, e, t, locale, FIELDS);
      setError(placed ? undefined : e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Flex vertical gap={16} data-testid="support-settings-page">
      <PageHeader title={t('support.settingsTitle')} subtitle={t('support.settingsSubtitle')} />
      {support.isError && <ProblemAlert error={support.error} onRetry={() => void support.refetch()} />}
      {support.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Card style={{ maxWidth: 720 }}>
          <Form form={form} layout="vertical" onFinish={(v) => void save(v)} disabled={!editable} requiredMark="optional">
            <Form.Item name="label" label={t('support.fields.label')} rules={[{ required: true, message: t('support.fields.labelRequired') }]}>
              <Input maxLength={60} data-testid="support-label" />
            </Form.Item>
            <Form.Item name="url" label={t('support.fields.url')} extra={t('support.fields.urlHint')}>
              <Input placeholder="https://" maxLength={500} data-testid="support-url" />
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item name="email" label={t('fields.email')} style={{ flex: '1 1 240px' }}>
                <Input type="email" maxLength={254} data-testid="support-email-input" />
              </Form.Item>
              <Form.Item name="phone" label={t('fields.phone')} style={{ flex: '1 1 200px' }}>
                <Input maxLength={30} data-testid="support-phone-input" />
              </Form.Item>
            </Flex>
            <Form.Item name="hours" label={t('support.fields.hours')}>
              <Input maxLength={200} data-testid="support-hours" />
            </Form.Item>
            {error !== undefined && <ProblemAlert error={error} message={t('support.saveError')} />}
            {support.data?.updated_at && (
              <Typography.Paragraph type="secondary">
                {t('support.updatedAt', { date: formatDateTime(support.data.updated_at, locale) })}
              </Typography.Paragraph>
            )}
            {editable && (
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="support-save">
                {t('common.save')}
              </Button>
            )}
          </Form>
        </Card>
      )}
    </Flex>
  );
}
