// TRX-02 "Transferências": P2P transfers with status, period and account filters in the URL,
// export, "Nova transferência", and each transfer's drawer (`?transfer=` keeps it open on reload).
import { useState } from 'react';
import { Button, DatePicker, Flex, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { TRANSFER_STATUSES, useTransfers, type TransferFilters, type TransferStatus } from '../../api/transfers';
import { useCan } from '../../auth/session';
import ExportButton from '../../components/ExportButton';
import { FilterBar, PageHeader, usePagedList } from '../../components/list';
import { currentLanguage } from '../../i18n';
import AccountPicker from '../accounts/AccountPicker';
import { useAccountLabels } from '../accounts/labels';
import TransferDrawer from './TransferDrawer';
import TransferFormModal from './TransferFormModal';
import TransfersTable from './TransfersTable';

const FILTER_KEYS = ['status', 'from', 'to', 'account_id', 'transfer'] as const;
const DATE = 'YYYY-MM-DD';

export default function TransfersPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const labels = useAccountLabels();
  const [creating, setCreating] = useState(false);
  const list = usePagedList(FILTER_KEYS, {
    toApi: (f): TransferFilters => ({ status: f.status as TransferStatus | undefined, from: f.from, to: f.to, account_id: f.account_id }),
    usePage: useTransfers,
    viewKeys: ['transfer'],
  });
  const { filters, setFilters, query } = list;
  return (
    <Flex vertical gap={16} data-testid="transfers-page">
      <PageHeader
        title={t('transfers.title')}
        subtitle={t('transfers.subtitle')}
        extra={
          can('transfers.create') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="transfer-new">
              {t('transfers.new')}
            </Button>
          )
        }
      />
      <FilterBar
        testId="transfers-filters"
        anyFilter={list.anyFilter}
        onClear={list.clearFilters}
        end={<ExportButton path="/api/v1/transfers" filters={list.apiFilters} testId="transfers-export" />}
      >
        <div style={{ width: 320 }}>
          <AccountPicker
            status="any"
            value={filters.account_id}
            onChange={(id) => setFilters({ account_id: id })}
            placeholder={t('transfers.filterAccount')}
            testId="transfers-account"
          />
        </div>
        <Select
          allowClear
          value={filters.status}
          onChange={(v) => setFilters({ status: v })}
          placeholder={t('transfers.fields.status')}
          aria-label={t('transfers.fields.status')}
          style={{ width: 160 }}
          options={TRANSFER_STATUSES.map((s) => ({ value: s, label: labels.transferStatus(s) }))}
          data-testid="transfers-status"
        />
        <DatePicker.RangePicker
          format={locale === 'en-US' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}
          value={[filters.from ? dayjs(filters.from, DATE) : null, filters.to ? dayjs(filters.to, DATE) : null]}
          onChange={(range) => setFilters({ from: range?.[0]?.format(DATE), to: range?.[1]?.format(DATE) })}
          allowEmpty={[true, true]}
          aria-label={t('transfers.period')}
          placeholder={[t('transfers.from'), t('transfers.to')]}
          data-testid="transfers-period"
        />
      </FilterBar>
      <TransfersTable
        query={query}
        pager={list}
        onOpen={(id) => setFilters({ transfer: id })}
        emptyHint={list.anyFilter ? t('transfers.empty.filtered') : t('transfers.empty.none')}
      />
      <TransferDrawer transferId={filters.transfer} onClose={() => setFilters({ transfer: undefined })} onOpen={(id) => setFilters({ transfer: id })} />
      <TransferFormModal open={creating} onClose={() => setCreating(false)} onOpenTransfer={(tr) => setFilters({ transfer: tr.id })} />
    </Flex>
  );
}
