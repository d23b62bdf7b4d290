// ACC-02 "Sócios" of a PJ customer: the partners with their shares, a bar of the total (at most
// 100 %), add / edit / remove with confirmation. A company partner that is itself a customer links
// to its own page, so a chain of holdings can be followed.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Flex, Progress, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { customersKey, removePartner, usePartners, type Customer, type Partner } from '../../api/customers';
import { useCan } from '../../auth/session';
import ProblemAlert from '../../components/ProblemAlert';
import { formatPhone } from '../../format';
import { currentLanguage } from '../../i18n';
import { DocumentNumber, formatShare, useCustomerLabels } from './labels';
import PartnerFormModal from './PartnerFormModal';

export default function PartnersTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const labels = useCustomerLabels();
  const partners = usePartners(customer.id);
  const [editing, setEditing] = useState<Partner | 'new'>();
  const [error, setError] = useState<unknown>();
  const items = partners.data ?? [];
  const total = items.reduce((s, p) => s + p.share_bps, 0);

  function confirmRemove(p: Partner) {
    modal.confirm({
      title: t('customers.partners.removeTitle', { name: p.name }),
      content: t('customers.partners.removeText'),
      okText: t('customers.partners.remove'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-remove-partner' } as never,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          setError(undefined);
          await removePartner(customer.id, p.id);
          await queryClient.invalidateQueries({ queryKey: [...customersKey, 'partners', customer.id] });
          void message.success(t('customers.partners.removed', { name: p.name }));
        } catch (e) {
          setError(e);
        }
      },
    });
  }

  const columns: TableColumnsType<Partner> = [
    {
      key: 'name',
      title: t('customers.fields.name'),
      render: (_, p) =>
        p.partner_customer_id ? (
          <Link to={`/customers/${p.partner_customer_id}`} data-testid="partner-customer-link">
            {p.name}
          </Link>
        ) : (
          p.name
        ),
    },
    { key: 'document', title: t('customers.fields.document'), render: (_, p) => <DocumentNumber value={p.document} /> },
    { key: 'role', title: t('customers.partners.role'), render: (_, p) => labels.role(p.role) },
    {
      key: 'share',
      title: t('customers.partners.share'),
      align: 'right',
      render: (_, p) => <span data-testid="partner-share">{formatShare(p.share_bps, locale)}</span>,
    },
    {
      key: 'representative',
      title: t('customers.partners.representative'),
      render: (_, p) => (p.legal_representative ? <Tag color="blue">{t('common.yes')}</Tag> : t('common.no')),
    },
    { key: 'contact', title: t('customers.partners.contact'), render: (_, p) => [p.email, p.phone && formatPhone(p.phone)].filter(Boolean).join(' · ') || '—' },
    ...(can('customers.write')
      ? [
          {
            key: 'actions',
            title: <span className="rg-visually-hidden">{t('common.actions')}</span>,
            align: 'right' as const,
            render: (_: unknown, p: Partner) => (
              <Flex gap={4} justify="flex-end">
                <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(p)} data-testid="partner-edit" />
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('customers.partners.remove')} onClick={() => confirmRemove(p)} data-testid="partner-remove" />
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12} data-testid="partners-tab">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div style={{ minWidth: 260, flex: 1, maxWidth: 480 }}>
          <Typography.Text type="secondary">{t('customers.partners.total')}</Typography.Text>
          <Progress
            percent={Math.round(total / 10) / 10}
            format={() => formatShare(total, locale)}
            status={total === 10000 ? 'success' : 'normal'}
            data-testid="partners-total"
          />
        </div>
        {can('customers.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="partner-add">
            {t('customers.partners.add')}
          </Button>
        )}
      </Flex>
      {error !== undefined && <ProblemAlert error={error} />}
      {partners.isError && <ProblemAlert error={partners.error} message={t('customers.partners.loadError')} onRetry={() => void partners.refetch()} />}
      <Table<Partner>
        rowKey="id"
        size="small"
        loading={partners.isPending}
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 800 }}
        onRow={(p) => ({ 'data-testid': `partner-row-${p.document}` }) as never}
        locale={{ emptyText: t('customers.partners.empty') }}
        data-testid="partners-table"
      />
      <PartnerFormModal
        open={editing !== undefined}
        customer={customer}
        partner={editing === 'new' ? undefined : editing}
        otherShares={total - (editing && editing !== 'new' ? editing.share_bps : 0)}
        onClose={() => setEditing(undefined)}
      />
    </Flex>
  );
}
