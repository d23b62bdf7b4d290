// Tags on records of any module (PLT-13): the chips a list or detail shows, the editor that
// attaches and detaches them, and the select a list filters by.
import { App, Flex, Select, Tag as AntTag, Typography } from 'antd';
import { TagsOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { attachTag, detachTag, useRefreshTags, useTagAssignments, useTags, type Tag } from '../api/tags';
import { useCan } from '../auth/session';
import { problemMessage } from './problemMessage';

/** One tag as Ant Design shows it; the name is always written, so color is never the only signal. */
export function TagChip({ tag }: { tag: Pick<Tag, 'name' | 'color'> }) {
  return (
    <AntTag color={tag.color} style={{ marginInlineEnd: 4 }} data-testid="tag-chip">
      {tag.name}
    </AntTag>
  );
}

export function TagChips({ tags }: { tags?: Tag[] }) {
  if (!tags?.length) return null;
  return (
    <Flex wrap gap={2}>
      {tags.map((tag) => (
        <TagChip key={tag.id} tag={tag} />
      ))}
    </Flex>
  );
}

/** The tags of one record with a select to attach and detach (needs tags.write). */
export function RecordTagsEditor({ recordType, recordId }: { recordType: string; recordId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const all = useTags(can('tags.read'));
  const assigned = useTagAssignments(recordType, [recordId], can('tags.read'));
  const refresh = useRefreshTags();
  if (!can('tags.read')) return null;
  const current = assigned.data?.get(recordId) ?? [];
  if (!can('tags.write')) {
    return current.length ? <TagChips tags={current} /> : <Typography.Text type="secondary">{t('tags.none')}</Typography.Text>;
  }
  const byId = new Map((all.data ?? []).map((tag) => [tag.id, tag]));
  async function change(tagId: string, attach: boolean) {
    try {
      if (attach) await attachTag(tagId, recordType, recordId);
      else await detachTag(tagId, recordType, recordId);
      await refresh();
    } catch (error) {
      void message.error(problemMessage(error, t));
    }
  }
  return (
    <Select
      mode="multiple"
      style={{ minWidth: 260 }}
      value={current.map((tag) => tag.id)}
      loading={all.isPending || assigned.isPending}
      placeholder={t('tags.addPlaceholder')}
      aria-label={t('tags.editorLabel')}
      suffixIcon={<TagsOutlined />}
      optionFilterProp="label"
      options={(all.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
      tagRender={({ value, closable, onClose }) => {
        const tag = byId.get(String(value)) ?? current.find((c) => c.id === value);
        return (
          <AntTag color={tag?.color} closable={closable} onClose={onClose} style={{ marginInlineEnd: 4 }} data-testid="tag-chip">
            {tag?.name ?? String(value)}
          </AntTag>
        );
      }}
      onSelect={(tagId: string) => void change(tagId, true)}
      onDeselect={(tagId: string) => void change(tagId, false)}
      notFoundContent={t('tags.noneToChoose')}
      data-testid="record-tags-editor"
    />
  );
}

/** A list's "filter by tag" select; the value is a tag id. */
export function TagFilterSelect({ value, onChange }: { value?: string; onChange: (tagId?: string) => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const tags = useTags(can('tags.read'));
  if (!can('tags.read')) return null;
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      value={value}
      onChange={(v?: string) => onChange(v)}
      placeholder={t('tags.filter')}
      aria-label={t('tags.filter')}
      style={{ width: 180 }}
      loading={tags.isPending}
      options={(tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
      optionRender={(option) => {
        const tag = tags.data?.find((x) => x.id === option.value);
        return tag ? <TagChip tag={tag} /> : option.label;
      }}
      data-testid="filter-tag"
    />
  );
}
