// ACC-08 "Extrato": an account's transactions from its side, newest first, with the period and
// type filters in the URL, export, the balance after each line, credits in green and debits in
// red, holds that moved nothing yet marked as pending, and each posted line's receipt (TRX-04).
import { DatePicker, Flex, Select, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { STATEMENT_CODES, statementReceiptPath, useStatement, type StatementFilters, type StatementLine } from '../../api/accounts';
import ExportButton from '../../components/ExportButton';
import { FilterBar, ListEmpty, ListTable, usePagedList } from '../../components/list';
import { formatDateTime, formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import ReceiptButton from '../transfers/ReceiptButton';
import { SignedMoney } from './labels';

const FILTER_KEYS = ['from', 'to', 'code'] as const;
const DATE = 'YYYY-MM-DD';

export default function StatementTab({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const list = usePagedList(FILTER_KEYS, {
    toApi: (f): StatementFilters => ({ account_id: accountId, from: f.from, to: f.to, code: f.code }),
    usePage: useStatement,
  });
  const { filters, setFilters, query } = list;
  const codeLabel = (code: string) =>
    (STATEMENT_CODES as readonly string[]).includes(code) ? t(`accounts.statement.code.${code as (typeof STATEMENT_CODES)[number]}`) : code;

  const columns: TableColumnsType<StatementLine> = [
    { key: 'date', title: t('accounts.statement.date'), render: (_, l) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(l.created_at, locale)}</span> },
    { key: 'code', title: t('accounts.statement.type'), render: (_, l) => codeLabel(l.code) },
    { key: 'description', title: t('accounts.statement.description'), render: (_, l) => l.description || '—' },
    {
      key: 'amount',
      title: t('accounts.statement.amount'),
      align: 'right',
      render: (_, l) => (
        <span data-testid="statement-amount">
          {l.state === 'posted' ? <SignedMoney centavos={l.signed_amount} /> : <SignedMoney centavos={l.direction === 'credit' ? l.amount : -l.amount} muted />}
        </span>
      ),
    },
    {
      key: 'balance',
      title: t('accounts.statement.balanceAfter'),
      align: 'right',
      render: (_, l) => <span style={{ whiteSpace: 'nowrap' }} data-testid="statement-balance">{formatMoney(l.balance_after)}</span>,
    },
    {
      key: 'state',
      title: t('accounts.statement.state'),
      render: (_, l) =>
        l.state === 'posted' ? (
          <Typography.Text type="secondary">{t('accounts.statement.states.posted')}</Typography.Text>
        ) : (
          <Tag color={l.state === 'pending' ? 'gold' : 'default'} data-testid="statement-state">
            {t(`accounts.statement.states.${l.state}`)}
          </Tag>
        ),
    },
    {
      // The statement needs accounts.read, as the receipt does.
      key: 'receipt',
      title: <span className="rg-visually-hidden">{t('transfers.receipt.button')}</span>,
      width: 48,
      render: (_, l) =>
        l.state === 'posted' && (
          <ReceiptButton path={statementReceiptPath(accountId, l.id)} fileName={`comprovante-${l.id}.pdf`} testId="statement-receipt" compact />
        ),
    },
  ];

  return (
    <Flex vertical gap={12} data-testid="statement">
      <FilterBar
        testId="statement-filters"
        anyFilter={list.anyFilter}
        onClear={list.clearFilters}
        end={<ExportButton path="/api/v1/statement" filters={list.apiFilters} testId="statement-export" />}
      >
        <DatePicker.RangePicker
          format={locale === 'en-US' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}
          value={[filters.from ? dayjs(filters.from, DATE) : null, filters.to ? dayjs(filters.to, DATE) : null]}
          onChange={(range) => setFilters({ from: range?.[0]?.format(DATE), to: range?.[1]?.format(DATE) })}
          allowEmpty={[true, true]}
          aria-label={t('accounts.statement.period')}
          placeholder={[t('accounts.statement.from'), t('accounts.statement.to')]}
          data-testid="statement-period"
        />
        <Select
          allowClear
          value={filters.code}
          onChange={(v) => setFilters({ code: v })}
          placeholder={t('accounts.statement.type')}
          aria-label={t('accounts.statement.type')}
          style={{ width: 200 }}
          options={STATEMENT_CODES.map((c) => ({ value: c, label: codeLabel(c) }))}
          data-testid="statement-code"
        />
      </FilterBar>
      <ListTable<StatementLine>
        query={query}
        pager={list}
        framed={false}
        loadError={t('accounts.statement.loadError')}
        size="small"
        columns={columns}
        scroll={{ x: 800 }}
        tableLayout="auto"
        rowTestId={(l) => `statement-row-${l.code}`}
        data-testid="statement-table"
        empty={<ListEmpty title={t('accounts.statement.empty')} hint={list.anyFilter ? t('accounts.statement.emptyFiltered') : t('accounts.statement.emptyHint')} />}
      />
    </Flex>
  );
}
