// How webhook values read on screen: event types (the catalogue's descriptions, grouped by the
// module that publishes them), delivery statuses and the trigger's active flag.
import type { ReactNode } from 'react';
import { Tag, Tooltip, Typography } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  ExperimentOutlined,
  MinusCircleOutlined,
  PauseCircleOutlined,
  SyncOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Delivery, EventType, Trigger } from '../../api/webhooks';
import { loose } from '../../api/problemText';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

/** "operator.disabled" → "operator". */
export const moduleOf = (type: string) => type.split('.')[0];

export interface EventTypeGroup {
  module: string;
  types: EventType[];
}

/** The catalogue grouped by module, modules and types in alphabetical order of their codes. */
export function groupEventTypes(types: readonly EventType[]): EventTypeGroup[] {
  const groups = new Map<string, EventType[]>();
  for (const t of [...types].sort((a, b) => a.type.localeCompare(b.type))) {
    const m = moduleOf(t.type);
    groups.set(m, [...(groups.get(m) ?? []), t]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([module, list]) => ({ module, types: list }));
}

/** A module's name (webhooks.modules.*), or its code when the console does not know it yet. */
export function useModuleLabel() {
  const { t } = useTranslation();
  return (module: string) => {
    const key = `webhooks.modules.${module}`;
    const text = loose(t)(key);
    return text === key ? module : text;
  };
}

/** The catalogue's description in the console's language; the code when the type is unknown. */
export function useEventTypeLabel(types: readonly EventType[] | undefined) {
  const locale = currentLanguage();
  const byType = new Map((types ?? []).map((e) => [e.type, e]));
  return (type: string) => {
    const e = byType.get(type);
    if (!e) return type;
    return (locale === 'en-US' ? e.description_en : e.description_pt) || type;
  };
}

/** Description over the code, e.g. "Operador desabilitado" / operator.disabled. */
export function EventTypeText({ type, label }: { type: string; label: string }) {
  return (
    <span data-testid="event-type" data-value={type}>
      {label}
      {label !== type && (
        <>
          {' '}
          <Typography.Text type="secondary" className="rg-mono" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {type}
          </Typography.Text>
        </>
      )}
    </span>
  );
}

/**
 * A delivery's state as operators think of it: a queued delivery that has been tried already is
 * "retrying"; a simulation says so.
 */
export function deliveryState(d: Pick<Delivery, 'status' | 'attempts'>): 'queued' | 'retrying' | 'delivered' | 'failed' | string {
  if (d.status === 'queued') return d.attempts > 0 ? 'retrying' : 'queued';
  return d.status;
}

const STATE_STYLE: Record<string, { color: string; icon: ReactNode }> = {
  queued: { color: 'default', icon: <ClockCircleOutlined /> },
  retrying: { color: 'warning', icon: <SyncOutlined /> },
  delivered: { color: 'success', icon: <CheckCircleOutlined /> },
  failed: { color: 'error', icon: <CloseCircleOutlined /> },
};

export function useDeliveryStateLabel() {
  const { t } = useTranslation();
  return (state: string) => {
    const key = `webhooks.deliveryStatus.${state}`;
    const text = loose(t)(key);
    return text === key ? state : text;
  };
}

export function DeliveryStatusTag({ delivery }: { delivery: Pick<Delivery, 'status' | 'attempts' | 'is_test'> }) {
  const { t } = useTranslation();
  const label = useDeliveryStateLabel();
  const state = deliveryState(delivery);
  const style = STATE_STYLE[state] ?? { color: 'default', icon: undefined };
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Tag color={style.color} icon={style.icon} data-testid="delivery-status" data-value={state}>
        {label(state)}
      </Tag>
      {delivery.is_test && (
        <Tag icon={<ExperimentOutlined />} color="purple" data-testid="delivery-test">
          {t('webhooks.deliveries.test')}
        </Tag>
      )}
    </span>
  );
}

export function TriggerActiveTag({ trigger }: { trigger: Pick<Trigger, 'active' | 'disabled_reason'> }) {
  const { t } = useTranslation();
  if (trigger.active) {
    return (
      <Tag color="success" icon={<CheckCircleOutlined />} data-testid="trigger-active" data-value="active">
        {t('webhooks.triggers.active')}
      </Tag>
    );
  }
  return trigger.disabled_reason === 'endpoint_failing' ? (
    <Tag color="error" icon={<WarningOutlined />} data-testid="trigger-active" data-value="auto-disabled">
      {t('webhooks.triggers.autoDisabledTag')}
    </Tag>
  ) : (
    <Tag icon={<PauseCircleOutlined />} data-testid="trigger-active" data-value="inactive">
      {t('webhooks.triggers.inactive')}
    </Tag>
  );
}

/** Failed attempts in a row (nothing when the endpoint answers fine). */
export function TriggerHealthTag({ trigger }: { trigger: Pick<Trigger, 'consecutive_failures' | 'failing_since'> }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  if (!trigger.consecutive_failures) return null;
  return (
    <Tooltip title={trigger.failing_since ? t('webhooks.triggers.failingSince', { time: formatDateTime(trigger.failing_since, locale) }) : undefined}>
      <Tag color="warning" icon={<WarningOutlined />} data-testid="trigger-failing">
        {t('webhooks.triggers.failures', { count: trigger.consecutive_failures })}
      </Tag>
    </Tooltip>
  );
}

/** The trigger's description, else its URL's host, for places that name a trigger briefly. */
export function triggerName(trigger: Pick<Trigger, 'description' | 'url'>): string {
  if (trigger.description.trim()) return trigger.description.trim();
  try {
    return new URL(trigger.url).host;
  } catch {
    return trigger.url;
  }
}

/** A deleted trigger still owns its deliveries. */
export function DeletedTrigger({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" data-testid="delivery-trigger-deleted">
      <MinusCircleOutlined /> {t('webhooks.deliveries.triggerDeleted', { id })}
    </Typography.Text>
  );
}
