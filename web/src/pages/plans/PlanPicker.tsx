// Plans as the accounts module shows them: PlanPicker chooses one of the tenant's active plans by
// name (the default one tagged "Padrão", the overdraft it grants beside it) and PlanLink names a
// plan id, linked to its page. Both read GET /api/v1/plans through the shared query cache.
import { Link } from 'react-router-dom';
import { Flex, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePlan, usePlans, type Plan } from '../../api/plans';
import { useCan } from '../../auth/session';
import { formatMoney } from '../../format';

/** Active plans, default first; a tenant has a handful, so one page holds them all. */
export function useActivePlans() {
  const query = usePlans({ active: 'true', page_size: 200 });
  const items = [...(query.data?.items ?? [])].sort((a, b) => Number(b.is_default) - Number(a.is_default));
  return { ...query, items };
}

function PlanOption({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} align="center" justify="space-between" data-testid={`plan-option-${plan.id}`}>
      <span>
        {plan.name}{' '}
        {plan.is_default && (
          <Tag color="blue" style={{ marginInlineStart: 4 }}>
            {t('plans.default')}
          </Tag>
        )}
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {plan.overdraft_limit > 0 ? t('accounts.planPicker.overdraft', { amount: formatMoney(plan.overdraft_limit) }) : t('plans.noOverdraft')}
      </Typography.Text>
    </Flex>
  );
}

export default function PlanPicker({
  id,
  value,
  onChange,
  testId,
  allowClear,
  placeholder,
}: {
  id?: string;
  value?: string;
  onChange?: (id: string | undefined) => void;
  testId?: string;
  allowClear?: boolean;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const plans = useActivePlans();
  // An account may keep a plan that was deactivated since: it stays named.
  const current = usePlan(value && !plans.items.some((p) => p.id === value) ? value : undefined).data;
  const items = current ? [current, ...plans.items] : plans.items;
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear={allowClear}
      loading={plans.isFetching}
      placeholder={placeholder}
      showSearch={{ optionFilterProp: 'title' }}
      notFoundContent={plans.isFetching ? undefined : t('accounts.planPicker.none')}
      options={items.map((p) => ({ value: p.id, title: p.name, label: <PlanOption plan={p} /> }))}
      labelRender={({ value: v }) => items.find((p) => p.id === v)?.name ?? v}
      data-testid={testId}
    />
  );
}

/** A plan's name linked to its page; "Sem plano" for none; the bare id without plans.read. */
export function PlanLink({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const readable = useCan()('plans.read');
  const query = usePlan(readable && id ? id : undefined);
  if (!id) return <Typography.Text type="secondary">{t('accounts.noPlan')}</Typography.Text>;
  if (!readable) return <Typography.Text code>{id}</Typography.Text>;
  const plan = query.data;
  return (
    <Link to={`/plans/${id}`} data-testid="plan-link">
      {plan ? plan.name : query.isPending ? '…' : id}
    </Link>
  );
}
