// "Simular evento": a test delivery of the sample payload of one event type to one trigger. The
// catalogue's sample is shown before sending; the delivery is marked as a test.
import { useEffect, useState } from 'react';
import { Form, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { simulateEvent, useEventTypes, type Delivery, type Trigger } from '../../api/webhooks';
import { showFieldErrors } from '../../components/formErrors';
import ProblemAlert from '../../components/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { groupEventTypes, triggerName, useModuleLabel } from './labels';

export default function SimulateModal({
  trigger,
  triggers,
  onClose,
  onSent,
}: {
  /** Open with this trigger chosen; the operator may pick another one of `triggers`. */
  trigger?: Trigger;
  triggers: readonly Trigger[];
  onClose: () => void;
  onSent: (d: Delivery) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const moduleLabel = useModuleLabel();
  const eventTypes = useEventTypes(!!trigger);
  const [form] = Form.useForm<{ trigger_id: string; event_type: string }>();
  const chosen = Form.useWatch('event_type', form);
  const triggerId = Form.useWatch('trigger_id', form);
  const [error, setError] = useState<unknown>();
  const [fieldsShown, setFieldsShown] = useState(false);
  const [busy, setBusy] = useState(false);

  const selectedTrigger = triggers.find((x) => x.id === triggerId) ?? trigger;
  const subscribed = new Set(selectedTrigger?.event_types ?? []);

  useEffect(() => {
    if (!trigger) return;
    setError(undefined);
    form.setFieldsValue({ trigger_id: trigger.id, event_type: trigger.event_types[0] });
  }, [trigger, form]);

  async function onFinish(v: { trigger_id: string; event_type: string }) {
    setBusy(true);
    setError(undefined);
    try {
      onSent(await simulateEvent(v.trigger_id, v.event_type));
    } catch (e) {
      setError(e);
      setFieldsShown(showFieldErrors(form, e, t, locale, ['event_type']));
    } finally {
      setBusy(false);
    }
  }

  const sample = eventTypes.data?.find((e) => e.type === chosen)?.sample_payload;
  return (
    <Modal
      open={!!trigger}
      title={t('webhooks.simulate.title')}
      okText={t('webhooks.simulate.send')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'simulate-send' } as never}
      destroyOnHidden
      forceRender
      width={640}
    >
      <div data-testid="simulate-form">
        <Typography.Paragraph type="secondary">{t('webhooks.simulate.text')}</Typography.Paragraph>
        {error !== undefined && !fieldsShown && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={error} testId="simulate-error" />
          </div>
        )}
        <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
          <Form.Item name="trigger_id" label={t('webhooks.fields.trigger')} rules={[{ required: true }]}>
            <Select
              data-testid="simulate-trigger"
              options={triggers.map((x) => ({ value: x.id, label: `${triggerName(x)} — ${x.url}`, disabled: !x.active }))}
            />
          </Form.Item>
          <Form.Item
            name="event_type"
            label={t('webhooks.fields.eventType')}
            rules={[{ required: true, message: t('webhooks.simulate.eventTypeRequired') }]}
            extra={chosen && !subscribed.has(chosen) ? t('webhooks.simulate.notSubscribed') : undefined}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={eventTypes.isPending}
              data-testid="simulate-event-type"
              options={groupEventTypes(eventTypes.data ?? []).map((g) => ({
                label: moduleLabel(g.module),
                title: g.module,
                options: g.types.map((e) => ({
                  value: e.type,
                  label: `${(locale === 'en-US' ? e.description_en : e.description_pt) || e.type} (${e.type})`,
                })),
              }))}
            />
          </Form.Item>
        </Form>
        {sample !== undefined && (
          <>
            <Typography.Text strong>{t('webhooks.simulate.sample')}</Typography.Text>
            <pre className="rg-json" data-testid="simulate-sample" tabIndex={0} style={{ maxHeight: 240, marginTop: 8 }}>
              {JSON.stringify(sample, null, 2)}
            </pre>
          </>
        )}
      </div>
    </Modal>
  );
}
