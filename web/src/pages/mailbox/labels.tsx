import { Tag } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** "first_access_code" → "Código de primeiro acesso" (unknown templates show their code). */
export function useTemplateLabel() {
  const { t, i18n } = useTranslation();
  return (template: string) => {
    const key = `mailbox.templates.${template}`;
    return i18n.exists(key) ? (t(key as 'mailbox.templates.first_access_code') as string) : template;
  };
}

export function MailStatusTag({ status }: { status: string }) {
  const { t, i18n } = useTranslation();
  const key = `mailbox.status.${status}`;
  const label = i18n.exists(key) ? (t(key as 'mailbox.status.mailbox') as string) : status;
  const [color, icon] =
    status === 'sent'
      ? ['success', <CheckCircleOutlined key="i" />]
      : status === 'failed' || status === 'dead'
        ? ['error', <CloseCircleOutlined key="i" />]
        : status === 'mailbox'
          ? ['blue', <InboxOutlined key="i" />]
          : ['default', <ClockCircleOutlined key="i" />];
  return (
    <Tag color={color as string} icon={icon}>
      {label}
    </Tag>
  );
}
