// API keys for integrations: each belongs to an operator whose access interface allows the API,
// carries a subset of the creator's permissions, and its secret is shown once, at creation.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Empty, Flex, Form, Input, Modal, Select, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  apiKeysKey,
  createApiKey,
  revokeApiKey,
  useApiKeys,
  useOperators,
  usePermissions,
  type ApiKey,
  type NewApiKey,
} from '../../api/identity';
import { useCan, useCurrentOperator } from '../../auth/session';
import { showFieldErrors } from '../../components/formErrors';
import { ApiKeyStatusTag, groupPermissions, permissionLabel, usePermissionGroupLabel } from '../../components/identityLabels';
import ExportButton from '../../components/ExportButton';
import { ListTable, PageHeader } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';
import TypedConfirm from '../../components/TypedConfirm';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

interface Values {
  name: string;
  operator_id?: string;
  permissions: string[];
}

function CreateKeyModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (k: NewApiKey) => void }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const me = useCurrentOperator();
  const can = useCan();
  const queryClient = useQueryClient();
  const groupLabel = usePermissionGroupLabel();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [fieldsShown, setFieldsShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const permissions = usePermissions(open && can('roles.read'));
  // Owners: operators allowed to use the API (listing them needs operators.read).
  const owners = useOperators({ status: 'active', page_size: 500 }, open && can('operators.read'));
  const ownerOptions = (owners.data?.items ?? [])
    .filter((o) => o.access_interface !== 'console')
    .map((o) => ({ value: o.id, label: `${o.name} <${o.email}>` }));
  // Only what the creator holds can be granted.
  const grantable = useMemo(() => {
    const known = new Map((permissions.data ?? []).map((p) => [p.code, p]));
    return me.permissions.map(
      (code) => known.get(code) ?? { code, group: code.split('.')[0], label_pt: code, label_en: code, sensitive: false },
    );
  }, [permissions.data, me.permissions]);

  async function onFinish(values: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const created = await createApiKey({ name: values.name.trim(), operator_id: values.operator_id, permissions: values.permissions });
      void queryClient.invalidateQueries({ queryKey: apiKeysKey });
      form.resetFields();
      onCreated(created);
    } catch (e) {
      setError(e);
      setFieldsShown(showFieldErrors(form, e, t, locale, ['name', 'operator_id', 'permissions']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('apiKeys.newTitle')}
      okText={t('apiKeys.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: busy, 'data-testid': 'api-key-create' } as never}
      destroyOnHidden
      width={620}
    >
      <div data-testid="api-key-form">
        {error !== undefined && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={error} hideFields={fieldsShown} />
          </div>
        )}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} initialValues={{ permissions: [] }}>
          <Form.Item name="name" label={t('fields.name')} extra={t('apiKeys.nameHint')} rules={[{ required: true, whitespace: true, max: 80, message: t('validation.nameRequired') }]}>
            <Input data-testid="api-key-name" />
          </Form.Item>
          <Form.Item name="operator_id" label={t('apiKeys.owner')} extra={t('apiKeys.ownerHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={owners.isFetching}
              placeholder={t('apiKeys.ownerSelf', { name: me.name })}
              options={ownerOptions}
              data-testid="api-key-owner"
            />
          </Form.Item>
          <Form.Item name="permissions" label={t('roles.permissions')} rules={[{ type: 'array', min: 1, message: t('validation.permissionsRequired') }]}>
            <Checkbox.Group style={{ display: 'block', width: '100%' }}>
              {groupPermissions(grantable).map((g) => (
                <fieldset key={g.group} style={{ border: 0, margin: '0 0 8px', padding: 0 }}>
                  <legend style={{ fontSize: 13, fontWeight: 600, marginBottom: 2 }}>{groupLabel(g.group)}</legend>
                  <Flex vertical gap={2}>
                    {g.items.map((p) => (
                      <Checkbox key={p.code} value={p.code} data-testid={`api-key-permission-${p.code}`}>
                        {permissionLabel(p, p.code, locale)}
                      </Checkbox>
                    ))}
                  </Flex>
                </fieldset>
              ))}
            </Checkbox.Group>
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

/** The secret, once: copy button and a warning that it will not be shown again. */
function SecretModal({ created, onClose }: { created?: NewApiKey; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!created}
      title={t('apiKeys.secretTitle', { name: created?.name ?? '' })}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      // Nothing of the secret stays in the page once the modal closes.
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="api-key-secret-done">
          {t('apiKeys.secretDone')}
        </Button>
      }
    >
      <Flex vertical gap={16} data-testid="api-key-secret-modal">
        <Alert type="warning" showIcon title={t('apiKeys.secretWarning')} />
        <Typography.Paragraph
          copyable={{ text: created?.secret, tooltips: [t('common.copy'), t('common.copied')] }}
          className="rg-mono"
          style={{ padding: 12, background: '#f6f8fa', borderRadius: 6, wordBreak: 'break-all', marginBottom: 0 }}
          data-testid="api-key-secret"
        >
          {created?.secret}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t('apiKeys.secretUsage')}</Typography.Text>
      </Flex>
    </Modal>
  );
}

export default function ApiKeysPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const keys = useApiKeys();
  const permissions = usePermissions(can('roles.read'));
  const byCode = useMemo(() => new Map((permissions.data ?? []).map((p) => [p.code, p])), [permissions.data]);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<NewApiKey>();
  const [revoking, setRevoking] = useState<ApiKey>();
  const [revokeError, setRevokeError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const writable = can('api_keys.write');

  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    setRevokeError(undefined);
    try {
      await revokeApiKey(revoking.id);
      void message.success(t('apiKeys.revoked', { name: revoking.name }));
      setRevoking(undefined);
      await queryClient.invalidateQueries({ queryKey: apiKeysKey });
    } catch (e) {
      setRevokeError(e);
    } finally {
      setBusy(false);
    }
  }

  const columns: TableColumnsType<ApiKey> = [
    { key: 'name', title: t('fields.name'), render: (_, k) => <Typography.Text strong>{k.name}</Typography.Text> },
    { key: 'prefix', title: t('apiKeys.prefix'), render: (_, k) => <span className="rg-mono">{k.prefix}…</span> },
    { key: 'owner', title: t('apiKeys.owner'), dataIndex: 'operator_name' },
    {
      key: 'permissions',
      title: t('roles.permissions'),
      render: (_, k) => (
        <Tooltip title={k.permissions.map((c) => permissionLabel(byCode.get(c), c, locale)).join(', ')}>
          <Tag>{t('apiKeys.permissionCount', { count: k.permissions.length })}</Tag>
        </Tooltip>
      ),
    },
    { key: 'created', title: t('fields.createdAt'), render: (_, k) => formatDateTime(k.created_at, locale) },
    { key: 'used', title: t('apiKeys.lastUsed'), render: (_, k) => (k.last_used_at ? formatDateTime(k.last_used_at, locale) : t('apiKeys.neverUsed')) },
    { key: 'status', title: t('fields.status'), render: (_, k) => <ApiKeyStatusTag status={k.status} /> },
    {
      key: 'actions',
      title: <span className="rg-visually-hidden">{t('common.actions')}</span>,
      align: 'right',
      fixed: 'right',
      render: (_, k) =>
        writable && k.status === 'active' ? (
          <Button
            size="small"
            danger
            icon={<StopOutlined />}
            onClick={() => {
              setRevokeError(undefined);
              setRevoking(k);
            }}
            data-testid={`api-key-revoke-${k.name}`}
          >
            {t('apiKeys.revoke')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="api-keys-page">
      <PageHeader
        title={t('apiKeys.title')}
        subtitle={t('apiKeys.subtitle')}
        extra={
          <>
            <ExportButton path="/api/v1/api-keys" testId="api-keys-export" />
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="api-key-new">
                {t('apiKeys.new')}
              </Button>
            )}
          </>
        }
      />
      <ListTable<ApiKey>
        query={keys}
        loadError={t('apiKeys.loadError')}
        skeletonRows={4}
        columns={columns}
        scroll={{ x: 1000 }}
        tableLayout="auto"
        data-testid="api-keys-table"
        empty={
          <Empty description={writable ? t('apiKeys.emptyWritable') : t('apiKeys.empty')}>
            {writable && (
              <Button type="primary" onClick={() => setCreating(true)}>
                {t('apiKeys.new')}
              </Button>
            )}
          </Empty>
        }
      />
      <CreateKeyModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(k) => {
          setCreating(false);
          setCreated(k);
        }}
      />
      <SecretModal created={created} onClose={() => setCreated(undefined)} />
      <TypedConfirm
        open={!!revoking}
        title={t('apiKeys.revokeTitle', { name: revoking?.name ?? '' })}
        description={t('apiKeys.revokeText')}
        expected={revoking?.name ?? ''}
        okText={t('apiKeys.revoke')}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(undefined)}
        loading={busy}
        error={revokeError}
        testId="revoke-api-key"
      />
    </Flex>
  );
}
