// The actions menu of one operator, listing only what the signed-in operator may do: edit,
// re-send the access code, disable/enable, delete (typed confirmation). When the tenant puts
// enable/disable/delete under maker-checker, the server answers 202 with the request sent for
// approval: the operator is told so, and nothing is shown as done.
import { useState } from 'react';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { DeleteOutlined, EditOutlined, EllipsisOutlined, MailOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { approvalsKey, isApprovalRequired, usePolicies, type ApprovalRequest } from '../../api/approvals';
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
import { useBusinessStatusLabel } from '../../components/approvalLabels';
import TypedConfirm from '../../components/TypedConfirm';
import { currentLanguage } from '../../i18n';
import OperatorFormModal from './OperatorFormModal';

export default function OperatorActions({
  operator,
  onDeleted,
  compact = false,
  pending = [],
}: {
  operator: Operator;
  onDeleted?: () => void;
  /** Open approval requests about this operator (a new enable/disable/delete waits for them). */
  pending?: ApprovalRequest[];
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
  const businessLabel = useBusinessStatusLabel();
  // Whether the tenant sends the action to a checker (known to those who may read the rules).
  const policies = usePolicies(can('approvals.read'));
  const needsApproval = (action: string) => !!policies.data?.find((p) => p.action === action)?.requires_approval;

  function fail(e: unknown) {
    const detail = isApiError(e) ? translateMessage(e.detail, t, locale) : undefined;
    void message.error(detail ? `${problemTitle(e, t)}: ${detail}` : problemTitle(e, t));
  }

  async function refresh() {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: operatorsKey }),
      queryClient.invalidateQueries({ queryKey: approvalsKey }),
    ]);
  }

  /** The change waits for a checker: say so, with the request's business status. */
  function sentForApproval(request: ApprovalRequest) {
    void message.open({
      type: 'info',
      duration: 8,
      content: (
        <span data-testid="approval-submitted">{t('approvals.submitted', { status: businessLabel(request.business_status) })}</span>
      ),
    });
  }

  /** Seed 004: a user with a modification waiting for approval cannot be changed again until it is decided. */
  function blockedByPending(): boolean {
    if (pending.length === 0) return false;
    void message.warning(t('approvals.alreadyPending', { status: businessLabel(pending[0].business_status) }));
    return true;
  }

  function confirmDisable() {
    if (blockedByPending()) return;
    modal.confirm({
      title: t('operators.actions.disableTitle', { name: operator.name }),
      content: needsApproval('operator.disable') ? (
        <>
          <p>{t('operators.actions.disableText')}</p>
          <p data-testid="needs-approval-note">{t('approvals.needsApproval')}</p>
        </>
      ) : (
        t('operators.actions.disableText')
      ),
      okText: needsApproval('operator.disable') ? t('approvals.sendForApproval') : t('operators.actions.disable'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-disable' } as never,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const answer = await disableOperator(operator.id);
          if (isApprovalRequired(answer)) sentForApproval(answer.request);
          else void message.success(t('operators.actions.disabled', { name: operator.name }));
          await refresh();
        } catch (e) {
          fail(e);
        }
      },
    });
  }

  async function enable() {
    if (blockedByPending()) return;
    try {
      const answer = await enableOperator(operator.id);
      if (isApprovalRequired(answer)) sentForApproval(answer.request);
      else void message.success(t('operators.actions.enabled', { name: operator.name }));
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
      const answer = await deleteOperator(operator.id);
      setDeleting(false);
      if (isApprovalRequired(answer)) {
        sentForApproval(answer.request);
        await refresh();
        return;
      }
      void message.success(t('operators.actions.deleted', { name: operator.name }));
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
        if (blockedByPending()) return;
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
        description={
          needsApproval('operator.delete') ? `${t('operators.actions.deleteText')} ${t('approvals.needsApproval')}` : t('operators.actions.deleteText')
        }
        expected={operator.email}
        okText={needsApproval('operator.delete') ? t('approvals.sendForApproval') : t('operators.actions.delete')}
        onConfirm={() => void doDelete()}
        onCancel={() => setDeleting(false)}
        loading={busy}
        error={deleteError}
        testId="delete-operator"
      />
    </>
  );
}
