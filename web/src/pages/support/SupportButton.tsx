// "Suporte" in the console header: the institution's support contact (link, e-mail, phone,
// hours) in a popover. Only a link and text: no third-party widget script is loaded.
import { Button, Flex, Grid, Popover, Typography } from 'antd';
import { ClockCircleOutlined, CustomerServiceOutlined, MailOutlined, PhoneOutlined, ExportOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useSupport } from '../../api/messages';
import { useCan } from '../../auth/session';

export default function SupportButton() {
  const { t } = useTranslation();
  const can = useCan();
  const support = useSupport();
  const screens = Grid.useBreakpoint();
  const s = support.data;
  const content = (
    <Flex vertical gap={8} style={{ maxWidth: 320 }} data-testid="support-popover">
      {!s?.configured ? (
        <Typography.Text type="secondary">{t('support.notConfigured')}</Typography.Text>
      ) : (
        <>
          {s.url && (
            <a href={s.url} target="_blank" rel="noopener noreferrer" data-testid="support-link">
              <ExportOutlined /> {t('support.open')}
            </a>
          )}
          {s.email && (
            <a href={`mailto:${s.email}`} data-testid="support-email">
              <MailOutlined /> {s.email}
            </a>
          )}
          {s.phone && (
            <a href={`tel:${s.phone.replace(/[^\d+]/g, '')}`} data-testid="support-phone">
              <PhoneOutlined /> {s.phone}
            </a>
          )}
          {s.hours && (
            <Typography.Text type="secondary">
              <ClockCircleOutlined /> {s.hours}
            </Typography.Text>
          )}
        </>
      )}
      {can('support.configure') && (
        <Link to="/support/settings" data-testid="support-settings-link">
          {t('support.configure')}
        </Link>
      )}
    </Flex>
  );
  return (
    <Popover content={content} title={s?.configured ? s.label : t('support.title')} trigger="click" placement="bottomRight">
      <Button
        type="text"
        icon={<CustomerServiceOutlined />}
        style={{ color: '#fff' }}
        aria-label={t('support.title')}
        data-testid="support-button"
      >
        {screens.md && t('support.title')}
      </Button>
    </Popover>
  );
}
