// One account (ACC-05…08, ACC-10, ACC-12, ACC-16): agência/conta, the holder (linked to the
// customer), the status tag and the "Ações" menu in the header; balance, available and blocked
// cards; tabs Extrato, Subcontas (main accounts), Transferências, Limites, Dados (the plan by name)
// and the history.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Statistic, Tabs, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { accountLabel, useAccount, type Account } from '../../api/accounts';
import { useTransfers, type TransferFilters } from '../../api/transfers';
import { useCan } from '../../auth/session';
import { DetailCrumbs, DetailFallback } from '../../components/detail';
import { PageHeader, PAGE_SIZES, usePagedQuery } from '../../components/list';
import { formatDateTime, formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import AuditTable from '../audit/AuditTable';
import AccountLimitsCard from '../limits/AccountLimitsCard';
import { PlanLink } from '../plans/PlanPicker';
import { DocumentNumber } from '../customers/labels';
import TransferDrawer from '../transfers/TransferDrawer';
import TransferFormModal from '../transfers/TransferFormModal';
import TransfersTable from '../transfers/TransfersTable';
import AccountActions from './AccountActions';
import AccountRef from './AccountRef';
import { AccountStatusTag, useAccountLabels } from './labels';
import StatementTab from './StatementTab';
import SubAccountsTab from './SubAccountsTab';

function AccountTransfers({ account }: { account: Account }) {
  const { t } = useTranslation();
  const can = useCan();
  const [pageSize, setPageSize] = useState<number>(PAGE_SIZES[0]);
  const [openId, setOpenId] = useState<string>();
  const [creating, setCreating] = useState(false);
  const filters: TransferFilters = { account_id: account.id };
  const { paging, query } = usePagedQuery(filters, pageSize, useTransfers);
  return (
    <Flex vertical gap={12}>
      {can('transfers.create') && account.status === 'active' && (
        <Flex justify="flex-end">
          <Button icon={<SwapOutlined />} onClick={() => setCreating(true)} data-testid="account-transfer-new">
            {t('transfers.new')}
          </Button>
        </Flex>
      )}
      <TransfersTable
        query={query}
        pager={{ paging, pageSize, setPageSize }}
        onOpen={setOpenId}
        emptyHint={t('transfers.empty.account')}
        framed={false}
        accountId={account.id}
      />
      <TransferDrawer transferId={openId} onClose={() => setOpenId(undefined)} onOpen={setOpenId} />
      <TransferFormModal open={creating} onClose={() => setCreating(false)} fromAccountId={account.id} onOpenTransfer={(tr) => setOpenId(tr.id)} />
    </Flex>
  );
}

function AccountData({ account }: { account: Account }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const labels = useAccountLabels();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 3 }}
      data-testid="account-data"
      items={[
        { key: 'kind', label: t('accounts.fields.kind'), children: labels.kind(account.kind) },
        ...(account.parent_id ? [{ key: 'parent', label: t('accounts.fields.parent'), children: <AccountRef id={account.parent_id} showHolder={false} /> }] : []),
        { key: 'plan', label: t('accounts.fields.plan'), children: <span data-testid="account-plan"><PlanLink id={account.plan_id} /></span> },
        { key: 'overdraft', label: t('accounts.fields.overdraft'), children: formatMoney(account.overdraft_limit) },
        { key: 'night', label: t('accounts.fields.nightStart'), children: <span data-testid="account-night-start">{account.night_start}</span> },
        { key: 'description', label: t('accounts.fields.description'), children: account.description || '—' },
        { key: 'reason', label: t('accounts.fields.statusReason'), children: <span data-testid="account-status-reason">{account.status_reason || '—'}</span> },
        { key: 'created', label: t('accounts.fields.createdAt'), children: formatDateTime(account.created_at, locale) },
        { key: 'updated', label: t('accounts.fields.updatedAt'), children: formatDateTime(account.updated_at, locale) },
        { key: 'cancelled', label: t('accounts.fields.cancelledAt'), children: account.cancelled_at ? formatDateTime(account.cancelled_at, locale) : '—' },
        { key: 'id', label: t('accounts.fields.id'), children: <Typography.Text code>{account.id}</Typography.Text> },
      ]}
    />
  );
}

export default function AccountDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const labels = useAccountLabels();
  const query = useAccount(id);
  const [tab, setTab] = useState('statement');
  // Another account (a sub-account's link) opens on its statement.
  const [shownId, setShownId] = useState(id);
  if (shownId !== id) {
    setShownId(id);
    setTab('statement');
  }
  const [historySize, setHistorySize] = useState<number>(PAGE_SIZES[0]);
  const account = query.data;

  const crumbs = <DetailCrumbs list={t('accounts.title')} to="/accounts" current={account ? accountLabel(account) : undefined} />;
  if (!account) {
    return (
      <DetailFallback
        query={query}
        crumbs={crumbs}
        notFound={t('accounts.detail.notFound')}
        backTo="/accounts"
        backLabel={t('accounts.detail.backToList')}
        loadError={t('accounts.loadError')}
        testIdPrefix="account"
      />
    );
  }

  const tabs = [
    { key: 'statement', label: t('accounts.detail.statement'), children: <StatementTab accountId={account.id} /> },
    ...(account.kind === 'main'
      ? [{ key: 'subs', label: t('accounts.detail.subAccounts', { count: account.sub_accounts?.length ?? 0 }), children: <SubAccountsTab account={account} /> }]
      : []),
    ...(can('transfers.read') ? [{ key: 'transfers', label: t('accounts.detail.transfers'), children: <AccountTransfers account={account} /> }] : []),
    ...(can('limits.read') ? [{ key: 'limits', label: t('accounts.detail.limits'), children: <AccountLimitsCard accountId={account.id} /> }] : []),
    { key: 'data', label: t('accounts.detail.data'), children: <AccountData account={account} /> },
    ...(can('audit.read')
      ? [
          {
            key: 'history',
            label: t('accounts.detail.history'),
            children: (
              <AuditTable
                filters={{ target_type: 'account', target_id: account.id }}
                pageSize={historySize}
                onPageSize={setHistorySize}
                emptyHint={t('accounts.detail.noHistory')}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} data-testid="account-detail">
      {crumbs}
      <PageHeader
        title={`${t('accounts.detail.heading')} ${accountLabel(account)}`}
        subtitle={
          <Flex gap={8} align="center" wrap component="span">
            <AccountStatusTag status={account.status} />
            <Typography.Text type="secondary">{labels.kind(account.kind)} ·</Typography.Text>
            <Link to={`/customers/${account.customer_id}`} data-testid="account-holder">
              {account.holder.name}
            </Link>
            <Typography.Text type="secondary">
              · <DocumentNumber value={account.holder.document} />
            </Typography.Text>
          </Flex>
        }
        extra={<AccountActions account={account} />}
      />
      {account.status !== 'active' && account.status_reason && (
        <Alert
          type={account.status === 'cancelled' ? 'info' : 'warning'}
          showIcon
          title={t(`accounts.detail.${account.status}Banner`, { reason: account.status_reason })}
          data-testid="account-status-banner"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic title={t('accounts.fields.balance')} value={formatMoney(account.balance)} data-testid="account-balance" />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic title={t('accounts.fields.available')} value={formatMoney(account.available)} data-testid="account-available" />
            {account.overdraft_limit > 0 && (
              <Typography.Text type="secondary">{t('accounts.detail.overdraftIncluded', { amount: formatMoney(account.overdraft_limit) })}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic title={t('accounts.fields.blocked')} value={formatMoney(account.blocked)} data-testid="account-blocked" />
            {account.incoming_pending > 0 && (
              <Typography.Text type="secondary">{t('accounts.detail.incomingPending', { amount: formatMoney(account.incoming_pending) })}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
      <Card>
        <Tabs activeKey={tab} onChange={setTab} items={tabs} data-testid="account-tabs" />
      </Card>
    </Flex>
  );
}
