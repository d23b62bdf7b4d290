// How identity values read on screen: role names, access interfaces, status tags, permissions.
import { Tag } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, MinusCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AccessInterface, OperatorStatus, Permission } from '../api/identity';
import type { Locale } from '../format';

const BUILT_IN = new Set(['manager', 'common', 'commercial']);

/** Built-in roles read in the console's language; custom roles keep the name they were given. */
export function useRoleName() {
  const { t } = useTranslation();
  return (role: { code?: string; role_code?: string; name?: string; role_name?: string }) => {
    const code = role.code ?? role.role_code ?? '';
    if (BUILT_IN.has(code)) return t(`roles.builtIn.${code as 'manager'}`);
    return role.name ?? role.role_name ?? code;
  };
}

export function useAccessInterfaceLabel() {
  const { t } = useTranslation();
  return (value: AccessInterface | string) =>
    value === 'console' || value === 'api' || value === 'both' ? t(`accessInterface.${value}`) : value;
}

export function OperatorStatusTag({ status }: { status: OperatorStatus | string }) {
  const { t } = useTranslation();
  return status === 'active' ? (
    <Tag color="success" icon={<CheckCircleOutlined />} data-testid="operator-status">
      {t('operatorStatus.active')}
    </Tag>
  ) : (
    <Tag color="default" icon={<StopOutlined />} data-testid="operator-status">
      {t('operatorStatus.disabled')}
    </Tag>
  );
}

export function YesNoTag({ value, testId }: { value: boolean; testId?: string }) {
  const { t } = useTranslation();
  return value ? (
    <Tag color="success" icon={<CheckCircleOutlined />} data-testid={testId}>
      {t('common.yes')}
    </Tag>
  ) : (
    <Tag color="warning" icon={<MinusCircleOutlined />} data-testid={testId}>
      {t('common.no')}
    </Tag>
  );
}

export function ApiKeyStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return status === 'active' ? (
    <Tag color="success" icon={<CheckCircleOutlined />}>
      {t('apiKeys.status.active')}
    </Tag>
  ) : (
    <Tag color="default" icon={<CloseCircleOutlined />}>
      {t('apiKeys.status.revoked')}
    </Tag>
  );
}

export function permissionLabel(p: Permission | undefined, code: string, locale: Locale): string {
  if (!p) return code;
  return locale === 'en-US' ? p.label_en : p.label_pt;
}

/** Permission groups in registry order. */
export function groupPermissions(permissions: Permission[]): { group: string; items: Permission[] }[] {
  const groups = new Map<string, Permission[]>();
  for (const p of permissions) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  return [...groups].map(([group, items]) => ({ group, items }));
}

/** A permission group's title; unknown groups (later modules) show their code. */
export function usePermissionGroupLabel() {
  const { t, i18n } = useTranslation();
  return (group: string) => {
    const key = `permissionGroups.${group}`;
    return i18n.exists(key) ? (t(key as 'permissionGroups.operators') as string) : group;
  };
}
