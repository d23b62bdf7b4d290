// The table of P2P transfers (TRX-02), on the "Transferências" page and on an account's tab: one
// row per transfer, a click opens its drawer with "Cancelar" (scheduled), "Processar novamente"
// (failed) and "Estornar"; a chargeback is tagged "Estorno" with a link to the original, and a
// transfer given back "Estornada".
import { Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Transfer } from '../../api/transfers';
import { ListEmpty, ListTable, type ListPager, type ListQuery } from '../../components/list';
import { formatDate, formatDateTime, formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import AccountRef from '../accounts/AccountRef';
import { TransferStatusTag, useAccountLabels } from '../accounts/labels';
import { ReversedTag } from './TransferDrawer';

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
  /** Opens a transfer (a row, or a chargeback's original) by id. */
  onOpen: (id: string) => void;
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
        <Typography.Link onClick={() => onOpen(r.id)} style={{ whiteSpace: 'nowrap' }} data-testid="transfer-open">
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
            <ReversedTag transfer={r} />
          </span>
          {r.kind === 'chargeback' && (
            <span>
              <Tag color="purple" data-testid="transfer-chargeback-tag">
                {t('transfers.chargeback.tag')}
              </Tag>
              {r.reversal_of && (
                <Typography.Link onClick={() => onOpen(r.reversal_of!)} data-testid="transfer-original">
                  {t('transfers.chargeback.originalLink')}
                </Typography.Link>
              )}
            </span>
          )}
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
