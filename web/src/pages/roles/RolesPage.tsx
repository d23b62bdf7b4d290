// Roles ("Perfis") and their permissions (PLT-04). The built-in roles (Gestor, Usuário,
// Comercial do cliente) are read-only; custom roles are created, renamed, given permissions and
// deleted when no operator has them.
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Checkbox, Drawer, Empty, Flex, Form, Input, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, EyeOutlined, LockOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createRole, deleteRole, rolesKey, updateRole, usePermissions, useRoles, type Permission, type Role } from '../../api/identity';
import { problemTitle, translateMessage } from '../../api/problemText';
import { isApiError } from '../../api/client';
import { useCan } from '../../auth/session';
import { showFieldErrors } from '../../components/formErrors';
import { groupPermissions, permissionLabel, usePermissionGroupLabel, useRoleName } from '../../components/identityLabels';
import ExportButton from '../../components/ExportButton';
import { ListTable, PageHeader } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';
import { currentLanguage } from '../../i18n';

interface Values {
  name: string;
  permissions: string[];
}

/** A role that cannot be changed: its permissions as a list, grouped. */
function ReadOnlyPermissions({ role, permissions }: { role: Role; permissions: Permission[] }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const groupLabel = usePermissionGroupLabel();
  const granted = permissions.filter((p) => role.permissions.includes(p.code));
  return (
    <Flex vertical gap={12} data-testid="role-permissions-readonly">
      <Typography.Text strong>{t('roles.permissionsCount', { count: role.permissions.length })}</Typography.Text>
      {groupPermissions(granted).map((g) => (
        <section key={g.group} aria-label={groupLabel(g.group)}>
          <Typography.Text type="secondary" style={{ fontSize: 12, textTransform: 'uppercase' }}>
            {groupLabel(g.group)}
          </Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {g.items.map((p) => (
              <li key={p.code}>
                {permissionLabel(p, p.code, locale)}{' '}
                <Typography.Text type="secondary" className="rg-mono" style={{ fontSize: 12 }}>
                  {p.code}
                </Typography.Text>
                {p.sensitive && (
                  <Tag color="orange" icon={<WarningOutlined />} style={{ marginInlineStart: 6 }}>
                    {t('roles.sensitive')}
                  </Tag>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Flex>
  );
}

function RoleDrawer({
  open,
  role,
  permissions,
  readOnly,
  onClose,
}: {
  open: boolean;
  role?: Role;
  permissions: Permission[];
  readOnly: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const roleName = useRoleName();
  const groupLabel = usePermissionGroupLabel();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const selected = Form.useWatch('permissions', form) ?? [];
  const [error, setError] = useState<unknown>();
  const [fieldsShown, setFieldsShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const groups = useMemo(() => groupPermissions(permissions), [permissions]);

  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.resetFields();
    form.setFieldsValue({ name: role ? roleName(role) : '', permissions: role?.permissions ?? [] });
    // roleName is stable enough; re-running on language change only resets an open form.
  }, [open, role, form]);

  async function onFinish(values: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const saved = role
        ? await updateRole(role.id, { name: values.name.trim(), permissions: values.permissions })
        : await createRole({ name: values.name.trim(), permissions: values.permissions });
      void queryClient.invalidateQueries({ queryKey: rolesKey });
      void message.success(role ? t('roles.updated', { name: saved.name }) : t('roles.created', { name: saved.name }));
      onClose();
    } catch (e) {
      setError(e);
      setFieldsShown(showFieldErrors(form, e, t, locale, ['name', 'permissions']));
    } finally {
      setBusy(false);
    }
  }

  const title = !role ? t('roles.newTitle') : readOnly ? roleName(role) : t('roles.editTitle', { name: roleName(role) });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={640}
      destroyOnHidden
      closable={{ 'aria-label': t('common.close') }}
      footer={
        readOnly ? null : (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="role-save">
              {t('common.save')}
            </Button>
          </Flex>
        )
      }
    >
      <div data-testid="role-drawer">
        {role?.built_in && (
          <Typography.Paragraph type="secondary">
            <LockOutlined /> {t('roles.builtInNote')}
          </Typography.Paragraph>
        )}
        {error !== undefined && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={error} hideFields={fieldsShown} />
          </div>
        )}
        {readOnly && role ? (
          <ReadOnlyPermissions role={role} permissions={permissions} />
        ) : (
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
          <Form.Item name="name" label={t('fields.roleName')} rules={[{ required: true, whitespace: true, max: 80, message: t('validation.nameRequired') }]}>
            <Input data-testid="role-name" />
          </Form.Item>
          <Form.Item
            name="permissions"
            label={t('roles.permissionsCount', { count: selected.length })}
            rules={[{ type: 'array', min: 1, message: t('validation.permissionsRequired') }]}
          >
            <Checkbox.Group style={{ display: 'block', width: '100%' }}>
              {groups.map((g) => (
                <fieldset key={g.group} style={{ border: 0, margin: '0 0 12px', padding: 0 }}>
                  <legend style={{ fontSize: 14, fontWeight: 600, marginBottom: 4 }}>{groupLabel(g.group)}</legend>
                  <Flex vertical gap={4}>
                    {g.items.map((p) => (
                      <Checkbox key={p.code} value={p.code} data-testid={`permission-${p.code}`}>
                        {permissionLabel(p, p.code, locale)}{' '}
                        <Typography.Text type="secondary" className="rg-mono" style={{ fontSize: 12 }}>
                          {p.code}
                        </Typography.Text>
                        {p.sensitive && (
                          <Tooltip title={t('roles.sensitiveHint')}>
                            <Tag color="orange" icon={<WarningOutlined />} style={{ marginInlineStart: 6 }}>
                              {t('roles.sensitive')}
                            </Tag>
                          </Tooltip>
                        )}
                      </Checkbox>
                    ))}
                  </Flex>
                </fieldset>
              ))}
            </Checkbox.Group>
          </Form.Item>
        </Form>
        )}
      </div>
    </Drawer>
  );
}

export default function RolesPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const roleName = useRoleName();
  const roles = useRoles();
  const permissions = usePermissions();
  const [drawer, setDrawer] = useState<{ role?: Role; readOnly: boolean } | undefined>();
  const writable = can('roles.write');
  const byCode = useMemo(() => new Map((permissions.data ?? []).map((p) => [p.code, p])), [permissions.data]);

  function confirmDelete(role: Role) {
    modal.confirm({
      title: t('roles.deleteTitle', { name: role.name }),
      content: t('roles.deleteText'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await deleteRole(role.id);
          void message.success(t('roles.deleted', { name: role.name }));
          await queryClient.invalidateQueries({ queryKey: rolesKey });
        } catch (e) {
          const detail = isApiError(e) ? translateMessage(e.detail, t, locale) : undefined;
          void message.error(detail ? `${problemTitle(e, t)}: ${detail}` : problemTitle(e, t));
        }
      },
    });
  }

  const columns: TableColumnsType<Role> = [
    { key: 'name', title: t('fields.roleName'), render: (_, r) => <Typography.Text strong>{roleName(r)}</Typography.Text> },
    {
      key: 'kind',
      title: t('roles.kind'),
      render: (_, r) =>
        r.built_in ? (
          <Tag icon={<LockOutlined />}>{t('roles.builtIn.label')}</Tag>
        ) : (
          <Tag color="blue">{t('roles.custom')}</Tag>
        ),
    },
    {
      key: 'permissions',
      title: t('roles.permissions'),
      render: (_, r) => (
        <Flex wrap gap={4} style={{ maxWidth: 560 }}>
          {r.permissions.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
          {r.permissions.slice(0, 6).map((code) => (
            <Tag key={code}>{permissionLabel(byCode.get(code), code, locale)}</Tag>
          ))}
          {r.permissions.length > 6 && (
            <Tooltip title={r.permissions.slice(6).map((c) => permissionLabel(byCode.get(c), c, locale)).join(', ')}>
              <Tag>{t('roles.more', { count: r.permissions.length - 6 })}</Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: <span className="rg-visually-hidden">{t('common.actions')}</span>,
      align: 'right',
      render: (_, r) =>
        r.built_in || !writable ? (
          <Button size="small" icon={<EyeOutlined />} onClick={() => setDrawer({ role: r, readOnly: true })} data-testid={`role-view-${r.code}`}>
            {t('common.view')}
          </Button>
        ) : (
          <Space>
            <Button size="small" icon={<EditOutlined />} onClick={() => setDrawer({ role: r, readOnly: false })} data-testid={`role-edit-${r.code}`}>
              {t('common.edit')}
            </Button>
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={() => confirmDelete(r)}
              aria-label={t('roles.deleteTitle', { name: r.name })}
            />
          </Space>
        ),
    },
  ];

  const error = roles.error ?? permissions.error;
  return (
    <Flex vertical gap={16} data-testid="roles-page">
      <PageHeader
        title={t('roles.title')}
        subtitle={t('roles.subtitle')}
        extra={
          <>
            <ExportButton path="/api/v1/roles" testId="roles-export" />
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ readOnly: false })} data-testid="role-new">
                {t('roles.new')}
              </Button>
            )}
          </>
        }
      />
      <ListTable<Role>
        query={{ ...roles, isError: !!error, error }}
        loadError={t('roles.loadError')}
        skeletonRows={5}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="roles-table"
        empty={<Empty description={t('roles.empty')} />}
      />
      <RoleDrawer
        open={!!drawer}
        role={drawer?.role}
        readOnly={drawer?.readOnly ?? true}
        permissions={permissions.data ?? []}
        onClose={() => setDrawer(undefined)}
      />
    </Flex>
  );
}
