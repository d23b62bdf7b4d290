import { Tag } from 'antd';
import { ExclamationCircleOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Severity } from '../../api/messages';

export default function SeverityTag({ severity }: { severity: Severity | string }) {
  const { t } = useTranslation();
  return severity === 'warning' ? (
    <Tag color="orange" icon={<ExclamationCircleOutlined />} data-testid="severity-warning">
      {t('messages.severity.warning')}
    </Tag>
  ) : (
    <Tag color="blue" icon={<InfoCircleOutlined />} data-testid="severity-info">
      {t('messages.severity.info')}
    </Tag>
  );
}
