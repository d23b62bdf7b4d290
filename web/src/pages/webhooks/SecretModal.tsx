// A trigger's signing secret, once (after create or rotate): copy button, a warning that it will
// not be shown again, and how the receiver verifies the signature.
import { Alert, Button, Flex, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TriggerWithSecret } from '../../api/webhooks';

export default function SecretModal({
  shown,
  rotated,
  onClose,
}: {
  shown?: TriggerWithSecret;
  /** After "rotate secret" rather than create. */
  rotated: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={!!shown}
      title={rotated ? t('webhooks.secret.rotatedTitle') : t('webhooks.secret.createdTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      // Nothing of the secret stays in the page once the modal closes.
      destroyOnHidden
      width={600}
      footer={
        <Button type="primary" onClick={onClose} data-testid="trigger-secret-done">
          {t('webhooks.secret.done')}
        </Button>
      }
    >
      <Flex vertical gap={16} data-testid="trigger-secret-modal">
        <Typography.Text type="secondary" className="rg-mono" style={{ wordBreak: 'break-all' }}>
          {shown?.url}
        </Typography.Text>
        <Alert type="warning" showIcon title={t('webhooks.secret.warning')} />
        <Typography.Paragraph
          copyable={{ text: shown?.secret, tooltips: [t('common.copy'), t('common.copied')] }}
          className="rg-mono"
          style={{ padding: 12, background: '#f6f8fa', borderRadius: 6, wordBreak: 'break-all', marginBottom: 0 }}
          data-testid="trigger-secret"
        >
          {shown?.secret}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t('webhooks.secret.usage')}</Typography.Text>
        {rotated && <Alert type="info" showIcon title={t('webhooks.secret.rotatedNote')} />}
      </Flex>
    </Modal>
  );
}
