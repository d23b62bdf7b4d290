// One P2P transfer in a drawer: its facts, the failure reason, what chargebacks gave back (with
// links both ways), and the operator's actions — "Comprovante" once completed (TRX-04),
// "Estornar" while something is left to reverse (transfers.chargeback), "Cancelar agendamento"
// while scheduled and "Processar novamente" when failed (TRX-02; both confirmed first and hidden
// without transfers.manage).
import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Flex, Tag, Typography } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { accountsKey } from '../../api/accounts';
import { cancelTransfer, processTransfer, transferReceiptPath, transfersKey, useTransfer, useTransfers, type Transfer } from '../../api/transfers';
import { useCan } from '../../auth/session';
import ProblemAlert from '../../components/ProblemAlert';
import { formatDate, formatDateTime, formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import AccountRef from '../accounts/AccountRef';
import { TransferStatusTag, useAccountLabels } from '../accounts/labels';
import ChargebackModal from './ChargebackModal';
import ReceiptButton from './ReceiptButton';

/** Something is left to reverse of a completed P2P transfer. */
export const reversible = (tr: Transfer) => tr.kind === 'p2p' && tr.status === 'completed' && tr.reversed_amount < tr.amount;

/** "Estornada" or "Estornada parcialmente" for a transfer chargebacks gave something back of. */
export function ReversedTag({ transfer }: { transfer: Transfer }) {
  const { t } = useTranslation();
  if (!transfer.reversed_amount) return null;
  const total = transfer.reversed_amount >= transfer.amount;
  return (
    <Tag color={total ? 'volcano' : 'orange'} data-testid="transfer-reversed">
      {total ? t('transfers.chargeback.reversedTotal') : t('transfers.chargeback.reversedPartial')}
    </Tag>
  );
}

/** The chargebacks of `transfer`. */
function Chargebacks({ transfer, onOpen }: { transfer: Transfer; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const query = useTransfers({ reversal_of: transfer.id, page_size: 100 });
  const items = query.data?.items ?? [];
  return (
    <Flex vertical gap={2}>
      <span>
        <ReversedTag transfer={transfer} /> {formatMoney(transfer.reversed_amount)}
      </span>
      {items.map((c) => (
        <Typography.Link key={c.id} onClick={() => onOpen(c.id)} data-testid="transfer-chargeback-link">
          {t('transfers.chargeback.linkTo', { amount: formatMoney(c.amount), date: formatDateTime(c.created_at, locale), status: t(`transfers.status.${c.status}`) })}
        </Typography.Link>
      ))}
    </Flex>
  );
}

export default function TransferDrawer({
  transferId,
  onClose,
  onOpen,
}: {
  transferId: string | undefined;
  onClose: () => void;
  /** Shows another transfer in the drawer (a chargeback's original, or its chargebacks). */
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const labels = useAccountLabels();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useTransfer(transferId);
  const [error, setError] = useState<unknown>();
  const [reversing, setReversing] = useState(false);
  const tr = query.data;

  function reversed(chargeback: Transfer) {
    setReversing(false);
    if (chargeback.status === 'completed') void message.success(t('transfers.chargeback.done', { amount: formatMoney(chargeback.amount) }));
    else void message.warning(t('transfers.chargeback.failed', { reason: labels.failure(chargeback) }));
    onOpen(chargeback.id);
  }

  function act(kind: 'cancel' | 'process', transfer: Transfer) {
    setError(undefined);
    modal.confirm({
      title: t(`transfers.drawer.${kind}Title`),
      content: t(`transfers.drawer.${kind}Text`, { amount: formatMoney(transfer.amount) }),
      okText: t(`transfers.drawer.${kind}`),
      okButtonProps: { danger: kind === 'cancel', 'data-testid': `transfer-${kind}-confirm` } as never,
      cancelText: t('common.back'),
      onOk: async () => {
        try {
          const after = await (kind === 'cancel' ? cancelTransfer(transfer.id) : processTransfer(transfer.id));
          queryClient.setQueryData([...transfersKey, 'one', transfer.id], after);
          void queryClient.invalidateQueries({ queryKey: transfersKey });
          void queryClient.invalidateQueries({ queryKey: accountsKey });
          if (kind === 'cancel') void message.success(t('transfers.drawer.cancelled'));
          else if (after.status === 'completed') void message.success(t('transfers.drawer.processed'));
          else void message.warning(t('transfers.drawer.failedAgain', { reason: labels.failure(after) }));
        } catch (e) {
          setError(e);
        }
      },
    });
  }

  return (
    <Drawer
      open={!!transferId}
      onClose={() => {
        setError(undefined);
        onClose();
      }}
      title={tr?.kind === 'chargeback' ? t('transfers.chargeback.drawerTitle') : t('transfers.drawer.title')}
      size={640}
      destroyOnHidden
      extra={
        tr && (
          <Flex gap={8}>
            {tr.status === 'completed' && <ReceiptButton path={transferReceiptPath(tr.id)} fileName={`comprovante-${tr.id}.pdf`} testId="transfer-receipt" />}
            {can('transfers.chargeback') && reversible(tr) && (
              <Button danger icon={<RollbackOutlined />} onClick={() => setReversing(true)} data-testid="transfer-chargeback">
                {t('transfers.chargeback.button')}
              </Button>
            )}
            {can('transfers.manage') && tr.status === 'scheduled' && (
              <Button danger onClick={() => act('cancel', tr)} data-testid="transfer-cancel">
                {t('transfers.drawer.cancel')}
              </Button>
            )}
            {can('transfers.manage') && tr.status === 'failed' && (
              <Button type="primary" onClick={() => act('process', tr)} data-testid="transfer-process">
                {t('transfers.drawer.process')}
              </Button>
            )}
          </Flex>
        )
      }
    >
      <div data-testid="transfer-drawer">
        {query.isError && <ProblemAlert error={query.error} message={t('transfers.loadError')} onRetry={() => void query.refetch()} />}
        {error !== undefined && <ProblemAlert error={error} testId="transfer-action-error" />}
        {tr && (
          <Descriptions
            bordered
            size="small"
            column={1}
            style={{ marginTop: error ? 12 : 0 }}
            items={[
              { key: 'status', label: t('transfers.fields.status'), children: <TransferStatusTag status={tr.status} /> },
              ...(tr.failure_reason
                ? [{ key: 'reason', label: t('transfers.fields.failureReason'), children: <Typography.Text type="danger" data-testid="transfer-failure">{labels.failure(tr)}</Typography.Text> }]
                : []),
              { key: 'amount', label: t('transfers.fields.amount'), children: <span data-testid="transfer-drawer-amount">{formatMoney(tr.amount)}</span> },
              ...(tr.tariff_amount ? [{ key: 'tariff', label: t('transfers.fields.tariff'), children: formatMoney(tr.tariff_amount) }] : []),
              ...(tr.kind === 'chargeback' && tr.reversal_of
                ? [
                    {
                      key: 'original',
                      label: t('transfers.chargeback.of'),
                      children: (
                        <Typography.Link onClick={() => onOpen(tr.reversal_of!)} data-testid="transfer-original-link">
                          {t('transfers.chargeback.originalLink')}
                        </Typography.Link>
                      ),
                    },
                  ]
                : []),
              ...(tr.reversed_amount > 0
                ? [{ key: 'reversed', label: t('transfers.chargeback.reversed'), children: <Chargebacks transfer={tr} onOpen={onOpen} /> }]
                : []),
              { key: 'from', label: t('transfers.fields.from'), children: <AccountRef id={tr.from_account_id} /> },
              { key: 'to', label: t('transfers.fields.to'), children: <AccountRef id={tr.to_account_id} /> },
              { key: 'description', label: t('transfers.fields.description'), children: tr.description || '—' },
              ...(tr.scheduled_for
                ? [
                    { key: 'scheduled', label: t('transfers.fields.scheduledFor'), children: formatDate(`${tr.scheduled_for}T12:00:00Z`, locale) },
                    {
                      key: 'execute',
                      label: t('transfers.fields.executeOn'),
                      children: tr.execute_on ? formatDate(`${tr.execute_on}T12:00:00Z`, locale) : '—',
                    },
                  ]
                : []),
              { key: 'attempts', label: t('transfers.fields.attempts'), children: tr.attempts },
              { key: 'created', label: t('transfers.fields.createdAt'), children: `${formatDateTime(tr.created_at, locale)} · ${tr.created_by_name || '—'}` },
              { key: 'completed', label: t('transfers.fields.completedAt'), children: tr.completed_at ? formatDateTime(tr.completed_at, locale) : '—' },
              { key: 'client', label: t('transfers.fields.clientId'), children: <Typography.Text code>{tr.client_id}</Typography.Text> },
              { key: 'id', label: t('transfers.fields.id'), children: <Typography.Text code>{tr.id}</Typography.Text> },
            ]}
          />
        )}
      </div>
      {reversing && tr && <ChargebackModal transfer={tr} onClose={() => setReversing(false)} onDone={reversed} />}
    </Drawer>
  );
}
