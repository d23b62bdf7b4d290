// Platform administrators: every institution and its contracted resources (switch on/off).
import { App, Empty, Flex, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { setTenantResources, tenantsKey, useTenants, type TenantSummary } from '../../api/messages';
import { ListTable, PageHeader } from '../../components/list';

export default function TenantsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const tenants = useTenants();

  async function toggle(tenant: TenantSummary, resource: string, enabled: boolean) {
    try {
      await setTenantResources(tenant.id, { [resource]: enabled });
      await queryClient.invalidateQueries({ queryKey: tenantsKey });
      void message.success(t(enabled ? 'tenants.enabled' : 'tenants.disabled', { resource: t(`tenants.resources.${resource}` as never), name: tenant.name }));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  }

  const columns: TableColumnsType<TenantSummary> = [
    {
      key: 'name',
      title: t('fields.name'),
      render: (_, x) => (
        <Flex gap={8} align="center">
          <Typography.Text strong>{x.name}</Typography.Text>
          {x.platform && <Tag color="purple">{t('tenants.platform')}</Tag>}
        </Flex>
      ),
    },
    { key: 'status', title: t('fields.status'), render: (_, x) => (x.status === 'active' ? t('tenants.active') : t('tenants.inactive')) },
    {
      key: 'messaging',
      title: t('tenants.resources.messaging'),
      render: (_, x) => (
        <Switch
          checked={!!x.resources.messaging}
          onChange={(v) => void toggle(x, 'messaging', v)}
          aria-label={`${t('tenants.resources.messaging')}: ${x.name}`}
          data-testid={`resource-messaging-${x.id}`}
        />
      ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="tenants-page">
      <PageHeader title={t('tenants.title')} subtitle={t('tenants.subtitle')} />
      <ListTable<TenantSummary> query={tenants} skeletonRows={3} columns={columns} data-testid="tenants-table" empty={<Empty />} />
    </Flex>
  );
}
