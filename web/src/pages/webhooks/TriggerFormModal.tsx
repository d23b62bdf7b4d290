// Create or change a trigger: the receiving URL (the server's validation message shows on the
// field), a description, the event types picked from the catalogue grouped by module, and the
// active flag. Creating answers the signing secret, which the caller shows once.
import { useEffect, useState } from 'react';
import { Alert, Checkbox, Empty, Flex, Form, Input, Modal, Skeleton, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  createTrigger,
  updateTrigger,
  useEventTypes,
  type EventType,
  type Trigger,
  type TriggerWithSecret,
} from '../../api/webhooks';
import { showFieldErrors } from '../../components/formErrors';
import ProblemAlert from '../../components/ProblemAlert';
import { currentLanguage } from '../../i18n';
import { groupEventTypes, useModuleLabel } from './labels';

interface Values {
  url: string;
  description: string;
  event_types: string[];
  active: boolean;
}

const FIELDS = ['url', 'description', 'event_types', 'active'] as const;
const GROUP_STYLE = { border: '1px solid #e4e7eb', borderRadius: 6, margin: 0, padding: '4px 12px 8px' } as const;
const LEGEND_STYLE = { width: 'auto', padding: '0 4px', margin: 0, fontSize: 14, border: 0 } as const;

/** Checkboxes per module, each with the catalogue's description and the code; "all" per module. */
function EventTypePicker({ value = [], onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const moduleLabel = useModuleLabel();
  const eventTypes = useEventTypes();
  const selected = new Set(value);
  const set = (codes: string[], on: boolean) => {
    const next = new Set(selected);
    for (const c of codes) {
      if (on) next.add(c);
      else next.delete(c);
    }
    onChange?.([...next]);
  };
  if (eventTypes.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (eventTypes.isError) {
    return <ProblemAlert error={eventTypes.error} message={t('webhooks.eventTypesLoadError')} onRetry={() => void eventTypes.refetch()} />;
  }
  const types: readonly EventType[] = eventTypes.data;
  if (!types.length) return <Empty description={t('webhooks.form.noEventTypes')} />;
  return (
    <Flex vertical gap={12} data-testid="event-type-picker">
      {groupEventTypes(types).map((g) => {
        const codes = g.types.map((e) => e.type);
        const count = codes.filter((c) => selected.has(c)).length;
        return (
          <fieldset key={g.module} style={GROUP_STYLE} data-testid={`event-group-${g.module}`}>
            <legend style={LEGEND_STYLE}>
              <Checkbox
                checked={count === codes.length}
                indeterminate={count > 0 && count < codes.length}
                onChange={(e) => set(codes, e.target.checked)}
                data-testid={`event-group-all-${g.module}`}
              >
                <Typography.Text strong>{moduleLabel(g.module)}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  ({t('webhooks.form.selectedOf', { count, total: codes.length })})
                </Typography.Text>
              </Checkbox>
            </legend>
            <Flex vertical gap={2} style={{ paddingInlineStart: 24 }}>
              {g.types.map((e) => (
                <Checkbox
                  key={e.type}
                  checked={selected.has(e.type)}
                  onChange={(ev) => set([e.type], ev.target.checked)}
                  data-testid={`event-type-${e.type}`}
                >
                  {(locale === 'en-US' ? e.description_en : e.description_pt) || e.type}{' '}
                  <Typography.Text type="secondary" className="rg-mono" style={{ fontSize: 12 }}>
                    {e.type}
                  </Typography.Text>
                </Checkbox>
              ))}
            </Flex>
          </fieldset>
        );
      })}
    </Flex>
  );
}

export default function TriggerFormModal({
  open,
  trigger,
  onClose,
  onCreated,
  onSaved,
}: {
  open: boolean;
  /** The trigger to change; none to create one. */
  trigger?: Trigger;
  onClose: () => void;
  onCreated: (t: TriggerWithSecret) => void;
  onSaved: (t: Trigger) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [fieldsShown, setFieldsShown] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.setFieldsValue(
      trigger
        ? { url: trigger.url, description: trigger.description, event_types: trigger.event_types, active: trigger.active }
        : { url: '', description: '', event_types: [], active: true },
    );
  }, [open, trigger, form]);

  async function onFinish(values: Values) {
    setBusy(true);
    setError(undefined);
    const input = {
      url: values.url.trim(),
      description: values.description.trim(),
      event_types: values.event_types,
      active: values.active,
    };
    try {
      if (trigger) onSaved(await updateTrigger(trigger.id, input));
      else onCreated(await createTrigger(input));
    } catch (e) {
      setError(e);
      setFieldsShown(showFieldErrors(form, e, t, locale, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={trigger ? t('webhooks.form.editTitle') : t('webhooks.form.newTitle')}
      okText={trigger ? t('common.save') : t('webhooks.form.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'trigger-save' } as never}
      destroyOnHidden
      forceRender
      width={680}
    >
      <div data-testid="trigger-form">
        {error !== undefined && !fieldsShown && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={error} testId="trigger-form-error" />
          </div>
        )}
        <Form<Values> form={form} layout="vertical" requiredMark onFinish={(v) => void onFinish(v)}>
          <Form.Item
            name="url"
            label={t('webhooks.fields.url')}
            extra={t('webhooks.form.urlHint')}
            rules={[{ required: true, whitespace: true, message: t('webhooks.form.urlRequired') }]}
          >
            <Input placeholder="https://" inputMode="url" autoComplete="off" spellCheck={false} data-testid="trigger-url" />
          </Form.Item>
          <Form.Item name="description" label={t('webhooks.fields.description')} extra={t('webhooks.form.descriptionHint')}>
            <Input maxLength={500} data-testid="trigger-description" />
          </Form.Item>
          <Form.Item
            name="event_types"
            label={t('webhooks.fields.eventTypes')}
            rules={[{ type: 'array', min: 1, message: t('webhooks.form.eventTypesRequired') }]}
          >
            <EventTypePicker />
          </Form.Item>
          <Form.Item name="active" label={t('webhooks.fields.active')} valuePropName="checked" extra={t('webhooks.form.activeHint')}>
            <Switch data-testid="trigger-active-switch" />
          </Form.Item>
        </Form>
        {!trigger && <Alert type="info" showIcon title={t('webhooks.form.secretNote')} />}
      </div>
    </Modal>
  );
}
