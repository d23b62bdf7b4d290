// The actions menu of one operator, listing only what the signed-in operator may do: edit,
// re-send the access code, disable/enable, delete (typed confirmation).
import { useState } from 'react';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { DeleteOutlined, EditOutlined, EllipsisOutlined, MailOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  deleteOperator,
  disableOperator,
  enableOperator,
  operatorsKey,
  sendOperatorCode,
  type Operator,
} from '../../api/identity';
import { problemTitle, translateMessage } from '../../api/problemText';
import { isApiError } from '../../api/client';
import { useCan, useCurrentOperator } from '../../auth/session';
import TypedConfirm from '../../components/TypedConfirm';
import { currentLanguage } from '../../i18n';
import OperatorFormModal from './OperatorFormModal';

export default function OperatorActions({
  operator,
  onDeleted,
  compact = false,
}: {
  operator: Operator;
  onDeleted?: () => void;
  /** Icon-only trigger, for table rows. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const me = useCurrentOperator();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const self = me.id === operator.id;

  function fail(e: unknown) {
    const detail = isApiError(e) ? translateMessage(e.detail, t, locale) : undefined;
    void message.error(detail ? `${problemTitle(e, t)}: ${detail}` : problemTitle(e, t));
  }

  async function refresh() {
    await queryClient.invalidateQueries({ queryKey: operatorsKey });
  }

  function confirmDisable() {
    modal.confirm({
      title: t('operators.actions.disableTitle', { name: operator.name }),
      content: t('operators.actions.disableText'),
      okText: t('operators.actions.disable'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-disable' } as never,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await disableOperator(operator.id);
          void message.success(t('operators.actions.disabled', { name: operator.name }));
          await refresh();
        } catch (e) {
          fail(e);
        }
      },
    });
  }

  async function enable() {
    try {
      await enableOperator(operator.id);
      void message.success(t('operators.actions.enabled', { name: operator.name }));
      await refresh();
    } catch (e) {
      fail(e);
    }
  }

  async function sendCode() {
    try {
      await sendOperatorCode(operator.id);
      void message.success(t('operators.actions.codeSent', { email: operator.email }));
    } catch (e) {
      fail(e);
    }
  }

  async function doDelete() {
    setBusy(true);
    setDeleteError(undefined);
    try {
      await deleteOperator(operator.id);
      void message.success(t('operators.actions.deleted', { name: operator.name }));
      setDeleting(false);
      await refresh();
      onDeleted?.();
    } catch (e) {
      setDeleteError(e);
    } finally {
      setBusy(false);
    }
  }

  const items: MenuProps['items'] = [];
  if (can('operators.write')) {
    items.push({ key: 'edit', icon: <EditOutlined />, label: t('operators.actions.edit'), onClick: () => setEditing(true) });
    if (operator.status === 'active') {
      items.push({
        key: 'send-code',
        icon: <MailOutlined />,
        label: operator.email_confirmed ? t('operators.actions.sendRecovery') : t('operators.actions.sendFirstAccess'),
        onClick: () => void sendCode(),
      });
    }
  }
  if (can('operators.disable') && !self) {
    items.push(
      operator.status === 'active'
        ? { key: 'disable', icon: <StopOutlined />, label: t('operators.actions.disable'), danger: true, onClick: confirmDisable }
        : { key: 'enable', icon: <PlayCircleOutlined />, label: t('operators.actions.enable'), onClick: () => void enable() },
    );
  }
  if (can('operators.delete') && !self) {
    items.push({ type: 'divider' });
    items.push({
      key: 'delete',
      icon: <DeleteOutlined />,
      label: t('operators.actions.delete'),
      danger: true,
      onClick: () => {
        setDeleteError(undefined);
        setDeleting(true);
      },
    });
  }
  if (items.length === 0) return null;

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{ items: items.map((i) => (i && 'key' in i ? { ...i, 'data-testid': `operator-action-${String(i.key)}` } : i)) as MenuProps['items'] }}
      >
        {compact ? (
          <Button
            type="text"
            icon={<EllipsisOutlined />}
            aria-label={t('operators.actions.menuFor', { name: operator.name })}
            data-testid={`operator-actions-${operator.email}`}
          />
        ) : (
          <Button icon={<EllipsisOutlined />} data-testid="operator-actions">
            {t('common.actions')}
          </Button>
        )}
      </Dropdown>
      <OperatorFormModal open={editing} operator={operator} onClose={() => setEditing(false)} />
      <TypedConfirm
        open={deleting}
        title={t('operators.actions.deleteTitle', { name: operator.name })}
        description={t('operators.actions.deleteText')}
        expected={operator.email}
        okText={t('operators.actions.delete')}
        onConfirm={() => void doDelete()}
        onCancel={() => setDeleting(false)}
        loading={busy}
        error={deleteError}
        testId="delete-operator"
      />
    </>
  );
}
