// One plan (ACC-03): its conditions, parameters, card product IDs ("Gerenciar IDs de Cartão",
// add/remove), its tariffs (TRX-06) with create/edit, tags, and edit/delete of the plan (delete
// asks for the plan's name; the default plan and plans in use cannot be deleted).
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Empty, Flex, Input, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { addCardProduct, deletePlan, removeCardProduct, usePlan, useRefreshPlans, useTariffs, type Plan, type Tariff } from '../../api/plans';
import { useCan } from '../../auth/session';
import { DetailCrumbs, DetailFallback } from '../../components/detail';
import { ListTable, PageHeader } from '../../components/list';
import { problemMessage } from '../../components/problemMessage';
import { RecordTagsEditor } from '../../components/RecordTags';
import TypedConfirm from '../../components/TypedConfirm';
import { formatDateTime, formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';
import PlanFormModal from './PlanFormModal';
import { PlanStatusTags } from './PlansPage';
import TariffFormModal from './TariffFormModal';
import { useTariffColumns } from './TariffsPage';

function CardProducts({ plan, writable }: { plan: Plan; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshPlans();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await action();
      await refresh();
      void message.success(done);
      return true;
    } catch (e) {
      void message.error(problemMessage(e, t));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('plans.cards.title')} size="small" data-testid="plan-cards-card">
      <Flex vertical gap={12}>
        <Flex gap={6} wrap data-testid="plan-card-ids">
          {plan.card_product_ids.length === 0 && <Typography.Text type="secondary">{t('plans.cards.empty')}</Typography.Text>}
          {plan.card_product_ids.map((c) => (
            <Tag
              key={c}
              className="rg-mono"
              closable={writable}
              onClose={(e) => {
                e.preventDefault();
                void run(() => removeCardProduct(plan.id, c), t('plans.cards.removed'));
              }}
              data-testid={`plan-card-${c}`}
            >
              {c}
            </Tag>
          ))}
        </Flex>
        {writable && (
          <Space.Compact style={{ maxWidth: 420 }}>
            <Input
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              placeholder={t('plans.cards.placeholder')}
              aria-label={t('plans.cards.placeholder')}
              maxLength={64}
              onPressEnter={() => typed.trim() && void run(() => addCardProduct(plan.id, typed.trim()), t('plans.cards.added')).then((ok) => ok && setTyped(''))}
              data-testid="plan-card-input"
            />
            <Button
              icon={<PlusOutlined />}
              loading={busy}
              disabled={!typed.trim()}
              onClick={() => void run(() => addCardProduct(plan.id, typed.trim()), t('plans.cards.added')).then((ok) => ok && setTyped(''))}
              data-testid="plan-card-add"
            >
              {t('plans.cards.add')}
            </Button>
          </Space.Compact>
        )}
      </Flex>
    </Card>
  );
}

function PlanTariffs({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const can = useCan();
  const tariffs = useTariffs({ plan_id: plan.id, page_size: 100 });
  const [editing, setEditing] = useState<Tariff | 'new'>();
  const columns = useTariffColumns({ withPlan: false, onEdit: setEditing });
  return (
    <Card
      title={t('plans.detail.tariffs')}
      size="small"
      extra={
        can('tariffs.write') && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="plan-tariff-new">
            {t('tariffs.new')}
          </Button>
        )
      }
      data-testid="plan-tariffs"
    >
      <ListTable<Tariff>
        query={tariffs}
        framed={false}
        loadError={t('tariffs.loadError')}
        skeletonRows={3}
        size="small"
        columns={columns}
        rowTestId={(x) => `plan-tariff-row-${x.operation}`}
        data-testid="plan-tariffs-table"
        empty={<Empty description={t('tariffs.emptyPlan')} />}
      />
      {editing && <TariffFormModal open planId={plan.id} tariff={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}

export default function PlanDetailPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const can = useCan();
  const plan = usePlan(id);
  const refresh = useRefreshPlans();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const writable = can('plans.write');
  const crumbs = <DetailCrumbs list={t('nav.items.plans')} to="/plans" current={plan.data?.name} />;

  if (!plan.data) {
    return (
      <DetailFallback
        query={plan}
        crumbs={crumbs}
        notFound={t('plans.detail.notFound')}
        backTo="/plans"
        backLabel={t('plans.detail.back')}
        loadError={t('plans.loadError')}
        testIdPrefix="plan"
      />
    );
  }
  const p = plan.data;

  async function remove() {
    setBusy(true);
    setDeleteError(undefined);
    try {
      await deletePlan(p.id);
      await refresh();
      void message.success(t('plans.deleted'));
      navigate('/plans');
    } catch (e) {
      setDeleteError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={16} data-testid="plan-detail">
      {crumbs}
      <PageHeader
        title={p.name}
        subtitle={<PlanStatusTags plan={p} />}
        extra={
          writable && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="plan-edit">
                {t('common.edit')}
              </Button>
              <Button danger icon={<DeleteOutlined />} disabled={p.is_default} onClick={() => setDeleting(true)} data-testid="plan-delete">
                {t('common.delete')}
              </Button>
            </>
          )
        }
      />
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="plan-descriptions">
          <Descriptions.Item label={t('plans.fields.description')}>{p.description || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('plans.fields.overdraftLimit')}>
            <span data-testid="plan-overdraft-value">{p.overdraft_limit ? formatMoney(p.overdraft_limit) : t('plans.noOverdraft')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('plans.fields.monthlyFee')}>{formatMoney(p.monthly_fee)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(p.created_at, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('plans.fields.parameters')} span={2}>
            {Object.keys(p.parameters).length === 0 ? (
              <Typography.Text type="secondary">{t('plans.parameters.empty')}</Typography.Text>
            ) : (
              <Flex gap={6} wrap data-testid="plan-parameter-list">
                {Object.entries(p.parameters).map(([k, v]) => (
                  <Tag key={k} className="rg-mono">
                    {k} = {v}
                  </Tag>
                ))}
              </Flex>
            )}
          </Descriptions.Item>
          {can('tags.read') && (
            <Descriptions.Item label={t('tags.title')} span={2}>
              <RecordTagsEditor recordType="plan" recordId={p.id} />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {can('tariffs.read') && <PlanTariffs plan={p} />}
      <CardProducts plan={p} writable={writable} />
      {editing && <PlanFormModal open plan={p} onClose={() => setEditing(false)} />}
      <TypedConfirm
        open={deleting}
        title={t('plans.deleteTitle', { name: p.name })}
        description={t('plans.deleteHint')}
        expected={p.name}
        okText={t('common.delete')}
        onConfirm={() => void remove()}
        onCancel={() => {
          setDeleting(false);
          setDeleteError(undefined);
        }}
        loading={busy}
        error={deleteError}
        testId="plan-delete-confirm"
      />
    </Flex>
  );
}
