// "Aprovação em quatro olhos": which of the tenant's actions need a second operator (checker)
// before they run, and after how many hours an unanswered request expires. One row per action,
// saved on its own.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Breadcrumb, Button, Empty, Flex, InputNumber, Switch, Typography, type TableColumnsType } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { policiesKey, savePolicy, usePolicies, type ApprovalPolicy } from '../../api/approvals';
import { isApiError } from '../../api/client';
import { translateMessage } from '../../api/problemText';
import { useCan } from '../../auth/session';
import { useApprovalActionLabel } from '../../components/approvalLabels';
import { ListTable, PageHeader } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';
import { currentLanguage } from '../../i18n';

const MIN_HOURS = 1;
const MAX_HOURS = 720;

type Draft = { requires_approval: boolean; expires_after_hours: number | null };

export default function ApprovalSettingsPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const policies = usePolicies();
  const actionLabel = useApprovalActionLabel();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [saving, setSaving] = useState<string>();
  const [errors, setErrors] = useState<Record<string, unknown>>({});
  const editable = can('approvals.configure');

  const current = (p: ApprovalPolicy): Draft =>
    drafts[p.action] ?? { requires_approval: p.requires_approval, expires_after_hours: p.expires_after_hours };
  const dirty = (p: ApprovalPolicy) => {
    const d = drafts[p.action];
    return !!d && (d.requires_approval !== p.requires_approval || d.expires_after_hours !== p.expires_after_hours);
  };
  const hoursValid = (h: number | null) => h !== null && Number.isInteger(h) && h >= MIN_HOURS && h <= MAX_HOURS;
  const edit = (p: ApprovalPolicy, patch: Partial<Draft>) => {
    setDrafts((d) => ({ ...d, [p.action]: { ...current(p), ...patch } }));
    setErrors(({ [p.action]: _, ...rest }) => rest);
  };

  async function save(p: ApprovalPolicy) {
    const d = current(p);
    if (!hoursValid(d.expires_after_hours)) return;
    setSaving(p.action);
    try {
      await savePolicy(p.action, { requires_approval: d.requires_approval, expires_after_hours: d.expires_after_hours! });
      await queryClient.invalidateQueries({ queryKey: policiesKey });
      setDrafts(({ [p.action]: _, ...rest }) => rest);
      void message.success(
        d.requires_approval
          ? t('approvals.settings.savedOn', { action: actionLabel(p.action), hours: d.expires_after_hours })
          : t('approvals.settings.savedOff', { action: actionLabel(p.action) }),
      );
    } catch (e) {
      setErrors((x) => ({ ...x, [p.action]: e }));
    } finally {
      setSaving(undefined);
    }
  }

  const columns: TableColumnsType<ApprovalPolicy> = [
    {
      key: 'action',
      title: t('approvals.columns.action'),
      render: (_, p) => (
        <Flex vertical>
          <Typography.Text strong>{actionLabel(p.action)}</Typography.Text>
          <Typography.Text type="secondary" className="rg-mono" style={{ fontSize: 12 }}>
            {p.action}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'requires',
      title: t('approvals.settings.requires'),
      render: (_, p) => {
        const d = current(p);
        return (
          <Flex gap={8} align="center">
            <Switch
              checked={d.requires_approval}
              disabled={!editable}
              onChange={(v) => edit(p, { requires_approval: v })}
              aria-label={`${t('approvals.settings.requires')}: ${actionLabel(p.action)}`}
              data-testid={`policy-switch-${p.action}`}
            />
            <span aria-hidden>{d.requires_approval ? t('common.yes') : t('common.no')}</span>
          </Flex>
        );
      },
    },
    {
      key: 'hours',
      title: t('approvals.settings.expiresAfter'),
      render: (_, p) => {
        const d = current(p);
        const err = errors[p.action];
        const fieldMessage = isApiError(err) ? err.fieldMessage('expires_after_hours') : undefined;
        const invalid = !hoursValid(d.expires_after_hours) || !!fieldMessage;
        return (
          <Flex vertical gap={2}>
            {/* No min/max here: antd would clamp silently on blur; the range is said in words instead. */}
            <InputNumber
              precision={0}
              value={d.expires_after_hours}
              disabled={!editable}
              status={invalid ? 'error' : undefined}
              onChange={(v) => edit(p, { expires_after_hours: typeof v === 'number' ? v : null })}
              suffix={t('approvals.settings.hoursUnit')}
              aria-label={`${t('approvals.settings.expiresAfter')}: ${actionLabel(p.action)}`}
              style={{ width: 140 }}
              data-testid={`policy-hours-${p.action}`}
            />
            {invalid && (
              <Typography.Text type="danger" style={{ fontSize: 12 }} role="alert">
                {fieldMessage ? translateMessage(fieldMessage, t, locale) : t('approvals.settings.hoursRange', { min: MIN_HOURS, max: MAX_HOURS })}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    ...(editable
      ? [
          {
            key: 'save',
            title: <span className="rg-visually-hidden">{t('common.actions')}</span>,
            align: 'right' as const,
            render: (_: unknown, p: ApprovalPolicy) => (
              <Button
                icon={<SaveOutlined />}
                type={dirty(p) ? 'primary' : 'default'}
                disabled={!dirty(p) || !hoursValid(current(p).expires_after_hours)}
                loading={saving === p.action}
                onClick={() => void save(p)}
                aria-label={`${t('common.save')}: ${actionLabel(p.action)}`}
                data-testid={`policy-save-${p.action}`}
              >
                {t('common.save')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const failed = Object.entries(errors).filter(([, e]) => !(isApiError(e) && e.fieldMessage('expires_after_hours')));

  return (
    <Flex vertical gap={16} data-testid="approval-settings-page">
      <Breadcrumb items={[{ title: <Link to="/approvals">{t('approvals.title')}</Link> }, { title: t('approvals.settings.title') }]} />
      <PageHeader title={t('approvals.settings.title')} subtitle={t('approvals.settings.subtitle')} />
      {!editable && <Alert type="info" showIcon title={t('approvals.settings.readOnly')} data-testid="approval-settings-read-only" />}
      {failed.map(([action, e]) => (
        <ProblemAlert
          key={action}
          error={e}
          message={t('approvals.settings.saveError', { action: actionLabel(action) })}
          onClose={() => setErrors(({ [action]: _, ...rest }) => rest)}
          testId="approval-settings-error"
        />
      ))}
      <ListTable<ApprovalPolicy>
        query={policies}
        loadError={t('approvals.settings.loadError')}
        skeletonRows={4}
        rowKey="action"
        size="middle"
        columns={columns}
        scroll={{ x: 'max-content' }}
        rowTestId={(p) => `policy-row-${p.action}`}
        data-testid="approval-policies-table"
        empty={<Empty description={t('approvals.settings.empty')} />}
        footer={
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('approvals.settings.explain')}
          </Typography.Paragraph>
        }
      />
    </Flex>
  );
}
