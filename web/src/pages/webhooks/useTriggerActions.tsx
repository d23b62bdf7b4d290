// What an operator with webhooks.write can do to a trigger, shared by the list and the trigger's
// page: create/edit (form), activate/deactivate, rotate the secret (shown once), delete (after a
// confirmation) and simulate an event. The dialogs are rendered by `dialogs`.
import { useState } from 'react';
import { App, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  deleteTrigger,
  rotateTriggerSecret,
  updateTrigger,
  useRefreshWebhooks,
  type Delivery,
  type Trigger,
  type TriggerWithSecret,
} from '../../api/webhooks';
import ProblemAlert from '../../components/ProblemAlert';
import { triggerName } from './labels';
import SecretModal from './SecretModal';
import SimulateModal from './SimulateModal';
import TriggerFormModal from './TriggerFormModal';

export function useTriggerActions({
  triggers,
  onDeleted,
  onSimulated,
}: {
  triggers: readonly Trigger[];
  onDeleted?: (t: Trigger) => void;
  onSimulated?: (d: Delivery) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const refresh = useRefreshWebhooks();
  const [form, setForm] = useState<{ open: boolean; trigger?: Trigger }>({ open: false });
  const [secret, setSecret] = useState<{ shown?: TriggerWithSecret; rotated: boolean }>({ rotated: false });
  const [simulating, setSimulating] = useState<Trigger>();
  const [toggling, setToggling] = useState<string>();

  async function setActive(trigger: Trigger, active: boolean) {
    setToggling(trigger.id);
    try {
      await updateTrigger(trigger.id, { active });
      void message.success(
        t(active ? 'webhooks.triggers.activated' : 'webhooks.triggers.deactivated', { name: triggerName(trigger) }),
      );
      await refresh();
    } catch (e) {
      modal.error({ title: t('webhooks.triggers.changeFailed'), content: <ProblemAlert error={e} /> });
    } finally {
      setToggling(undefined);
    }
  }

  function confirmRotate(trigger: Trigger) {
    modal.confirm({
      title: t('webhooks.secret.rotateTitle'),
      content: t('webhooks.secret.rotateText', { name: triggerName(trigger) }),
      okText: t('webhooks.secret.rotate'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'confirm-rotate' } as never,
      onOk: async () => {
        try {
          const rotated = await rotateTriggerSecret(trigger.id);
          setSecret({ shown: rotated, rotated: true });
          await refresh();
        } catch (e) {
          modal.error({ title: t('webhooks.triggers.changeFailed'), content: <ProblemAlert error={e} /> });
        }
      },
    });
  }

  function confirmDelete(trigger: Trigger) {
    modal.confirm({
      title: t('webhooks.triggers.deleteTitle'),
      content: (
        <>
          <Typography.Paragraph className="rg-mono" style={{ wordBreak: 'break-all' }}>
            {trigger.url}
          </Typography.Paragraph>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('webhooks.triggers.deleteText')}</Typography.Paragraph>
        </>
      ),
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-delete' } as never,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await deleteTrigger(trigger.id);
          void message.success(t('webhooks.triggers.deleted', { name: triggerName(trigger) }));
          onDeleted?.(trigger);
          await refresh();
        } catch (e) {
          modal.error({ title: t('webhooks.triggers.changeFailed'), content: <ProblemAlert error={e} /> });
        }
      },
    });
  }

  const dialogs = (
    <>
      <TriggerFormModal
        open={form.open}
        trigger={form.trigger}
        onClose={() => setForm({ open: false })}
        onCreated={(created) => {
          setForm({ open: false });
          setSecret({ shown: created, rotated: false });
          void message.success(t('webhooks.triggers.created', { name: triggerName(created) }));
          void refresh();
        }}
        onSaved={(saved) => {
          setForm({ open: false });
          void message.success(t('webhooks.triggers.saved', { name: triggerName(saved) }));
          void refresh();
        }}
      />
      <SecretModal shown={secret.shown} rotated={secret.rotated} onClose={() => setSecret({ rotated: false })} />
      <SimulateModal
        trigger={simulating}
        triggers={triggers}
        onClose={() => setSimulating(undefined)}
        onSent={(d) => {
          setSimulating(undefined);
          void message.success(t('webhooks.simulate.sent'));
          void refresh();
          onSimulated?.(d);
        }}
      />
    </>
  );

  /** The trigger's active flag as a switch that activates or deactivates it. */
  const activeSwitch = (trigger: Trigger) => (
    <Switch
      checked={trigger.active}
      loading={toggling === trigger.id}
      onChange={(on) => void setActive(trigger, on)}
      checkedChildren={t('webhooks.triggers.active')}
      unCheckedChildren={t('webhooks.triggers.inactive')}
      aria-label={t('webhooks.fields.active')}
      data-testid="trigger-active-toggle"
    />
  );

  return {
    create: () => setForm({ open: true }),
    edit: (trigger: Trigger) => setForm({ open: true, trigger }),
    activeSwitch,
    rotate: confirmRotate,
    remove: confirmDelete,
    simulate: setSimulating,
    dialogs,
  };
}
