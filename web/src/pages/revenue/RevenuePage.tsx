// "Central de Receitas" (TRX-06): what the tariffs brought in over a period (this month unless
// chosen), grouped by tariff, operation or month, with a totals row, and cards with the total
// collected and what is still pending (a link to "Central de Cobranças").
import { Link } from 'react-router-dom';
import { Card, Col, DatePicker, Flex, Row, Segmented, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { REVENUE_GROUPS, useRevenue, type RevenueGroup, type RevenueLine } from '../../api/billing';
import { useOperationLabels } from '../../api/plans';
import { FilterBar, ListEmpty, ListTable, PageHeader, useUrlFilters } from '../../components/list';
import { formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';

const DATE = 'YYYY-MM-DD';
const FILTER_KEYS = ['from', 'to', 'group_by'] as const;

export default function RevenuePage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { filters, setFilters } = useUrlFilters(FILTER_KEYS);
  const from = filters.from ?? dayjs().startOf('month').format(DATE);
  const to = filters.to ?? dayjs().format(DATE);
  const groupBy = (REVENUE_GROUPS as string[]).includes(filters.group_by ?? '') ? (filters.group_by as RevenueGroup) : 'tariff';
  const query = useRevenue({ from, to, group_by: groupBy });
  const operationLabel = useOperationLabels().label;
  const data = query.data;

  const columns: TableColumnsType<RevenueLine> = [
    {
      key: 'label',
      title: t(`revenue.group.${groupBy}`),
      render: (_, l) =>
        groupBy === 'month' ? (
          dayjs(`${l.key}-01`).isValid() ? dayjs(`${l.key}-01`).format('MM/YYYY') : l.label
        ) : groupBy === 'operation' ? (
          operationLabel(l.operation ?? l.key)
        ) : (
          <Flex vertical>
            <span>{l.operation ? operationLabel(l.operation) : l.label}</span>
            {l.operation && l.label && <Typography.Text type="secondary">{l.label}</Typography.Text>}
            {l.plan_id && (
              <Link to={`/plans/${l.plan_id}`} data-testid="revenue-plan">
                {l.plan_name}
              </Link>
            )}
          </Flex>
        ),
    },
    { key: 'count', title: t('revenue.count'), align: 'right', render: (_, l) => l.count.toLocaleString(locale) },
    { key: 'amount', title: t('revenue.amount'), align: 'right', render: (_, l) => <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(l.amount)}</span> },
  ];

  return (
    <Flex vertical gap={16} data-testid="revenue-page">
      <PageHeader title={t('revenue.title')} subtitle={t('revenue.subtitle')} />
      <FilterBar testId="revenue-filters">
        <DatePicker.RangePicker
          format={locale === 'en-US' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'}
          value={[dayjs(from, DATE), dayjs(to, DATE)]}
          onChange={(range) => setFilters({ from: range?.[0]?.format(DATE), to: range?.[1]?.format(DATE) })}
          allowClear={false}
          aria-label={t('revenue.period')}
          data-testid="revenue-period"
        />
        <Segmented<RevenueGroup>
          value={groupBy}
          onChange={(v) => setFilters({ group_by: v === 'tariff' ? undefined : v })}
          options={REVENUE_GROUPS.map((g) => ({ value: g, label: <span data-testid={`revenue-group-${g}`}>{t(`revenue.groupBy.${g}`)}</span> }))}
        />
      </FilterBar>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card size="small">
            <Statistic title={t('revenue.collected')} value={data ? formatMoney(data.total.amount) : '—'} data-testid="revenue-total" />
            {data && <Typography.Text type="secondary">{t('revenue.charges', { count: data.total.count })}</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small">
            <Statistic title={t('revenue.pending')} value={data ? formatMoney(data.pending.amount) : '—'} data-testid="revenue-pending" />
            {data && (
              <Link to="/billing" data-testid="revenue-pending-link">
                {t('revenue.pendingLink', { count: data.pending.count })}
              </Link>
            )}
          </Card>
        </Col>
      </Row>
      <ListTable<RevenueLine>
        query={query}
        loadError={t('revenue.loadError')}
        errorTestId="revenue-error"
        size="small"
        columns={columns}
        rowKey="key"
        tableLayout="auto"
        rowTestId={(l) => `revenue-row-${l.key}`}
        data-testid="revenue-table"
        empty={<ListEmpty title={t('revenue.empty')} hint={t('revenue.emptyHint')} />}
        summary={() =>
          data && data.items.length > 0 ? (
            <Table.Summary.Row data-testid="revenue-totals">
              <Table.Summary.Cell index={0}>
                <strong>{t('revenue.totalRow')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <strong>{data.total.count.toLocaleString(locale)}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                <strong style={{ whiteSpace: 'nowrap' }}>{formatMoney(data.total.amount)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Flex>
  );
}
