// One message, opened from the inbox (opening it marks it viewed on the server).
import { Flex, Modal, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InboxMessage } from '../../api/messages';
import ProblemAlert from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import MessageBody from './MessageBody';
import SeverityTag from './SeverityTag';

export default function MessageModal({
  message,
  error,
  onClose,
}: {
  /** undefined while loading. */
  message: InboxMessage | undefined;
  error?: unknown;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return (
    <Modal
      open
      onCancel={onClose}
      onOk={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
      title={message ? message.title : t('app.loading')}
      width={640}
    >
      <div data-testid="message-modal">
        {error ? (
          <ProblemAlert error={error} message={t('messages.loadError')} />
        ) : !message ? (
          <Skeleton active />
        ) : (
          <Flex vertical gap={8}>
            <Flex gap={8} align="center" wrap>
              <SeverityTag severity={message.severity} />
              <Typography.Text type="secondary">
                {t('messages.from', { name: message.author_name, date: formatDateTime(message.created_at, locale) })}
              </Typography.Text>
            </Flex>
            <MessageBody body={message.body} />
          </Flex>
        )}
      </div>
    </Modal>
  );
}
