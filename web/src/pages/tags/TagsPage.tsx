// Seed 000 "Tags" (PLT-13): the tenant's tags with their colors, how many records carry each,
// create / edit / delete, and the records of a tag.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Drawer, Empty, Flex, Form, Input, List, Modal, Popconfirm, Select, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { createTag, deleteTag, TAG_COLORS, updateTag, useRefreshTags, useTagRecords, useTagRecordTypes, useTags, type Tag } from '../../api/tags';
import { useCan } from '../../auth/session';
import ExportButton from '../../components/ExportButton';
import { FilterBar, ListTable, PageHeader } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';
import { showFieldErrors } from '../../components/formErrors';
import { problemMessage } from '../../components/problemMessage';
import { TagChip } from '../../components/RecordTags';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

const FORM_FIELDS = ['name', 'color', 'description'] as const;

function TagFormModal({ tag, open, onClose }: { tag?: Tag; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; color: string; description: string }>();
  const refresh = useRefreshTags();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const color = Form.useWatch('color', form);
  const name = Form.useWatch('name', form);

  async function save(values: { name: string; color: string; description?: string }) {
    setSaving(true);
    setError(undefined);
    try {
      const input = { name: values.name, color: values.color, description: values.description ?? '' };
      if (tag) await updateTag(tag.id, input);
      else await createTag(input);
      await refresh();
      void message.success(tag ? t('tags.saved') : t('tags.created'));
      onClose();
    } catch (e) {
      if (!showFieldErrors(form, e, t, currentLanguage(), FORM_FIELDS)) setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={open}
      title={tag ? t('tags.edit') : t('tags.new')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'tag-save' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ name: tag?.name ?? '', color: tag?.color ?? 'blue', description: tag?.description ?? '' }}
        onFinish={(v) => void save(v)}
        data-testid="tag-form"
      >
        {error !== undefined && <ProblemAlert error={error} testId="tag-form-error" />}
        <Form.Item name="name" label={t('fields.name')} rules={[{ required: true, message: t('tags.nameRequired') }, { max: 40 }]}>
          <Input maxLength={40} data-testid="tag-name" />
        </Form.Item>
        <Form.Item name="color" label={t('tags.color')}>
          <Select
            data-testid="tag-color"
            options={TAG_COLORS.map((c) => ({ value: c, label: <TagChip tag={{ name: t(`tags.colors.${c}`), color: c }} /> }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('tags.description')} rules={[{ max: 200 }]}>
          <Input.TextArea maxLength={200} rows={2} data-testid="tag-description" />
        </Form.Item>
        <Typography.Text type="secondary">
          {t('tags.preview')}: <TagChip tag={{ name: name || t('tags.previewName'), color: color ?? 'blue' }} />
        </Typography.Text>
      </Form>
    </Modal>
  );
}

function recordPath(type: string, id: string): string | undefined {
  if (type === 'operator') return `/operators/${id}`;
  if (type === 'webhook_trigger') return `/webhooks/triggers/${id}`;
  return undefined;
}

function TagRecordsDrawer({ tag, onClose }: { tag?: Tag; onClose: () => void }) {
  const { t } = useTranslation();
  const pt = currentLanguage() === 'pt-BR';
  const records = useTagRecords(tag?.id);
  const types = useTagRecordTypes();
  const typeLabel = (type: string) => {
    const found = types.data?.find((x) => x.type === type);
    return found ? (pt ? found.label_pt : found.label_en) : type;
  };
  return (
    <Drawer open={!!tag} onClose={onClose} title={tag ? t('tags.recordsOf', { name: tag.name }) : ''} width={480} data-testid="tag-records">
      {records.isError && <ProblemAlert error={records.error} />}
      <List
        loading={records.isPending}
        dataSource={records.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('tags.noRecords')} /> }}
        renderItem={(r) => {
          const path = recordPath(r.record_type, r.record_id);
          return (
            <List.Item data-testid="tag-record">
              <List.Item.Meta
                title={path ? <Link to={path}>{r.label || r.record_id}</Link> : r.label || r.record_id}
                description={typeLabel(r.record_type)}
              />
            </List.Item>
          );
        }}
      />
    </Drawer>
  );
}

export default function TagsPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const { message } = App.useApp();
  const tags = useTags();
  const refresh = useRefreshTags();
  const [editing, setEditing] = useState<Tag | 'new'>();
  const [showing, setShowing] = useState<Tag>();
  const [search, setSearch] = useState('');
  const writable = can('tags.write');
  const rows = (tags.data ?? []).filter((tag) => tag.name.toLowerCase().includes(search.trim().toLowerCase()));

  async function remove(tag: Tag) {
    try {
      await deleteTag(tag.id);
      await refresh();
      void message.success(t('tags.deleted'));
    } catch (e) {
      void message.error(problemMessage(e, t));
    }
  }

  const columns: TableColumnsType<Tag> = [
    { key: 'name', title: t('fields.name'), render: (_, tag) => <TagChip tag={tag} /> },
    { key: 'description', title: t('tags.description'), dataIndex: 'description', render: (v: string) => v || '—' },
    {
      key: 'record_count',
      title: t('tags.records'),
      align: 'right',
      render: (_, tag) => (
        <Button type="link" size="small" icon={<UnorderedListOutlined />} onClick={() => setShowing(tag)} data-testid={`tag-records-${tag.name}`}>
          {tag.record_count}
        </Button>
      ),
    },
    { key: 'updated_at', title: t('tags.updatedAt'), render: (_, tag) => formatDateTime(tag.updated_at, locale) },
    {
      key: 'actions',
      title: <span className="rg-visually-hidden">{t('common.actions')}</span>,
      align: 'right',
      render: (_, tag) =>
        writable && (
          <Flex gap={4} justify="flex-end">
            <Button size="small" icon={<EditOutlined />} aria-label={t('tags.edit')} onClick={() => setEditing(tag)} data-testid={`tag-edit-${tag.name}`} />
            <Popconfirm
              title={t('tags.deleteConfirm', { name: tag.name })}
              description={t('tags.deleteHint', { count: tag.record_count })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, 'data-testid': 'tag-delete-confirm' } as never}
              onConfirm={() => remove(tag)}
            >
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid={`tag-delete-${tag.name}`} />
            </Popconfirm>
          </Flex>
        ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="tags-page">
      <PageHeader
        title={t('tags.title')}
        subtitle={t('tags.subtitle')}
        extra={
          writable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="tag-new">
              {t('tags.new')}
            </Button>
          )
        }
      />
      <FilterBar
        end={
          <>
            {/* Counted once the tags are in, never "no tags" while they load. */}
            {tags.data && (
              <Typography.Text type="secondary" data-testid="tags-count">
                {t('tags.count', { count: rows.length })}
              </Typography.Text>
            )}
            <ExportButton path="/api/v1/tags" filters={search.trim() ? { q: search.trim() } : {}} testId="tags-export" />
          </>
        }
      >
        <Input.Search
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('tags.search')}
          aria-label={t('tags.search')}
          style={{ width: 280 }}
          data-testid="tags-search"
        />
      </FilterBar>
      <ListTable<Tag>
        query={tags}
        rows={rows}
        skeletonRows={4}
        size="small"
        columns={columns}
        data-testid="tags-table"
        empty={<Empty description={writable ? t('tags.emptyWritable') : t('tags.empty')} />}
      />
      {editing && <TagFormModal open tag={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />}
      <TagRecordsDrawer tag={showing} onClose={() => setShowing(undefined)} />
    </Flex>
  );
}
