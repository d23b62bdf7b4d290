// One customer (ACC-01): key facts in the header, and tabs — Dados (edit, tags, delete when
// registered by mistake), Sócios (PJ only, ACC-02), Documentos (ACC-09) and the history. The tabs
// are one array, so the accounts module adds its "Contas" tab next to them.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Flex, Tabs, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { customersKey, deleteCustomer, useCustomer, type Customer } from '../../api/customers';
import { useCan } from '../../auth/session';
import { DetailCrumbs, DetailFallback } from '../../components/detail';
import { PageHeader, PAGE_SIZES } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';
import { RecordTagsEditor } from '../../components/RecordTags';
import { formatCep, formatDate, formatDateTime, formatMoney, formatPhone } from '../../format';
import { currentLanguage } from '../../i18n';
import CustomerAccountsTab from '../accounts/CustomerAccountsTab';
import AuditTable from '../audit/AuditTable';
import CustomerFormModal from './CustomerFormModal';
import DocumentsTab from './DocumentsTab';
import { DocumentNumber, useCustomerLabels } from './labels';
import PartnersTab from './PartnersTab';

function CustomerData({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const labels = useCustomerLabels();
  const pf = customer.kind === 'pf';
  const a = customer.address;
  const address = [`${a.street}, ${a.number}`, a.complement, a.district, `${a.city}/${a.uf}`, `CEP ${formatCep(a.cep)}`].filter(Boolean).join(' · ');
  const date = pf ? customer.birth_date : customer.founding_date;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 1, lg: 2, xl: 2, xxl: 3 }}
      data-testid="customer-data"
      items={[
        { key: 'kind', label: t('customers.fields.kind'), children: labels.kind(customer.kind) },
        { key: 'document', label: pf ? 'CPF' : 'CNPJ', children: <DocumentNumber value={customer.document} /> },
        { key: 'name', label: pf ? t('customers.fields.fullName') : t('customers.fields.legalName'), children: customer.name },
        {
          key: 'alt',
          label: pf ? t('customers.fields.socialName') : t('customers.fields.tradeName'),
          children: (pf ? customer.social_name : customer.trade_name) || '—',
        },
        { key: 'date', label: pf ? t('customers.fields.birthDate') : t('customers.fields.foundingDate'), children: date ? formatDate(`${date}T12:00:00Z`, locale) : '—' },
        ...(pf
          ? [
              { key: 'mother', label: t('customers.fields.motherName'), children: customer.mother_name },
              { key: 'occupation', label: t('customers.fields.occupation'), children: customer.occupation },
            ]
          : [{ key: 'size', label: t('customers.fields.companySize'), children: labels.size(customer.company_size) }]),
        { key: 'email', label: t('fields.email'), children: <span data-testid="customer-email-value">{customer.email}</span> },
        { key: 'phone', label: pf ? t('customers.fields.mobile') : t('fields.phone'), children: formatPhone(customer.phone) },
        {
          key: 'income',
          label: pf ? t('customers.fields.monthlyIncome') : t('customers.fields.monthlyRevenue'),
          children: formatMoney(customer.monthly_income_cents ?? customer.monthly_revenue_cents ?? 0),
        },
        { key: 'address', label: t('customers.fields.address'), children: address, span: 'filled' as const },
        { key: 'created', label: t('customers.fields.createdAt'), children: formatDateTime(customer.created_at, locale) },
        { key: 'updated', label: t('customers.fields.updatedAt'), children: formatDateTime(customer.updated_at, locale) },
        ...(can('tags.read') ? [{ key: 'tags', label: t('tags.column'), children: <RecordTagsEditor recordType="customer" recordId={customer.id} /> }] : []),
      ]}
    />
  );
}

export default function CustomerDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const labels = useCustomerLabels();
  const query = useCustomer(id);
  const [editing, setEditing] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>();
  const [historySize, setHistorySize] = useState<number>(PAGE_SIZES[0]);
  const [tab, setTab] = useState('data');
  const customer = query.data;

  const crumbs = <DetailCrumbs list={t('customers.title')} to="/customers" current={customer?.name} />;
  if (!customer) {
    return (
      <DetailFallback
        query={query}
        crumbs={crumbs}
        notFound={t('customers.detail.notFound')}
        backTo="/customers"
        backLabel={t('customers.detail.backToList')}
        loadError={t('customers.loadError')}
        testIdPrefix="customer"
      />
    );
  }

  function confirmDelete(c: Customer) {
    modal.confirm({
      title: t('customers.detail.deleteTitle', { name: c.name }),
      content: t('customers.detail.deleteText'),
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-delete-customer' } as never,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await deleteCustomer(c.id);
          void queryClient.invalidateQueries({ queryKey: customersKey });
          void message.success(t('customers.detail.deleted', { name: c.name }));
          navigate('/customers', { replace: true });
        } catch (e) {
          setDeleteError(e);
        }
      },
    });
  }

  const tabs = [
    {
      key: 'data',
      label: t('customers.detail.data'),
      children: <CustomerData customer={customer} />,
    },
    ...(customer.kind === 'pj' ? [{ key: 'partners', label: t('customers.detail.partners'), children: <PartnersTab customer={customer} /> }] : []),
    ...(can('accounts.read') ? [{ key: 'accounts', label: t('accounts.customerTab'), children: <CustomerAccountsTab customer={customer} /> }] : []),
    { key: 'documents', label: t('customers.detail.documents'), children: <DocumentsTab customer={customer} /> },
    ...(can('audit.read')
      ? [
          {
            key: 'history',
            label: t('customers.detail.history'),
            children: (
              <AuditTable
                filters={{ target_type: 'customer', target_id: customer.id }}
                pageSize={historySize}
                onPageSize={setHistorySize}
                emptyHint={t('customers.detail.noHistory')}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} data-testid="customer-detail">
      {crumbs}
      <PageHeader
        title={customer.name}
        subtitle={
          <Flex gap={8} align="center" wrap component="span">
            <Typography.Text type="secondary">{labels.kind(customer.kind)}</Typography.Text>
            <Typography.Text type="secondary">
              · <DocumentNumber value={customer.document} />
            </Typography.Text>
          </Flex>
        }
        extra={
          can('customers.write') && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
                {t('common.edit')}
              </Button>
              <Button danger icon={<DeleteOutlined />} onClick={() => confirmDelete(customer)} data-testid="customer-delete">
                {t('common.delete')}
              </Button>
            </>
          )
        }
      />
      {deleteError !== undefined && <ProblemAlert error={deleteError} message={t('customers.detail.deleteFailed')} />}
      <Card>
        <Tabs activeKey={tab} onChange={setTab} items={tabs} data-testid="customer-tabs" />
      </Card>
      <CustomerFormModal open={editing} customer={customer} onClose={() => setEditing(false)} />
    </Flex>
  );
}
