// The table of P2P transfers (TRX-02), on the "Transferências" page and on an account's tab: one
// row per transfer, a click opens its drawer with "Cancelar" (scheduled) and "Processar
// novamente" (failed).
import { Flex, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Transfer } from '../../api/transfers';
import { ListEmpty, ListTable, type ListPager, type ListQuery } from '../../components/list';
import { formatDate, formatDateTime, formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import AccountRef from '../accounts/AccountRef';
import { TransferStatusTag, useAccountLabels } from '../accounts/labels';

export default function TransfersTable({
  query,
  pager,
  onOpen,
  emptyHint,
  framed = true,
  accountId,
}: {
  query: ListQuery<{ items: Transfer[]; next_cursor: string | null }>;
  pager: ListPager;
  onOpen: (t: Transfer) => void;
  emptyHint: string;
  framed?: boolean;
  /** On an account's page: amounts leaving it are shown negative. */
  accountId?: string;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const labels = useAccountLabels();
  const columns: TableColumnsType<Transfer> = [
    {
      key: 'created',
      title: t('transfers.fields.createdAt'),
      render: (_, r) => (
        <Typography.Link onClick={() => onOpen(r)} style={{ whiteSpace: 'nowrap' }} data-testid="transfer-open">
          {formatDateTime(r.created_at, locale)}
        </Typography.Link>
      ),
    },
    { key: 'from', title: t('transfers.fields.from'), render: (_, r) => <AccountRef id={r.from_account_id} /> },
    { key: 'to', title: t('transfers.fields.to'), render: (_, r) => <AccountRef id={r.to_account_id} /> },
    {
      key: 'amount',
      title: t('transfers.fields.amount'),
      align: 'right',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }} data-testid="transfer-amount">
          {formatMoney(accountId && r.from_account_id === accountId ? -r.amount : r.amount)}
        </span>
      ),
    },
    {
      key: 'status',
      title: t('transfers.fields.status'),
      render: (_, r) => (
        <Flex vertical gap={2}>
          <span>
            <TransferStatusTag status={r.status} />
          </span>
          {r.status === 'failed' && r.failure_reason && <Typography.Text type="danger">{labels.failure(r)}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'scheduled',
      title: t('transfers.fields.scheduledFor'),
      render: (_, r) => (r.execute_on ? formatDate(`${r.execute_on}T12:00:00Z`, locale) : '—'),
    },
    { key: 'description', title: t('transfers.fields.description'), render: (_, r) => r.description || '—' },
  ];
  return (
    <ListTable<Transfer>
      query={query}
      pager={pager}
      framed={framed}
      loadError={t('transfers.loadError')}
      errorTestId="transfers-error"
      size="small"
      columns={columns}
      scroll={{ x: 900 }}
      tableLayout="auto"
      rowTestId={(r) => `transfer-row-${r.status}`}
      data-testid="transfers-table"
      empty={<ListEmpty title={t('transfers.empty.title')} hint={emptyHint} />}
    />
  );
}
