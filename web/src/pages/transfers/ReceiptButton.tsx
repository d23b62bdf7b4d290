// "Comprovante" (TRX-04): downloads a receipt PDF the API draws on request, with the session
// (never an unauthenticated URL); a refusal (409: not completed or not posted) shows as a toast.
import { useState } from 'react';
import { App, Button } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../api/exports';
import { problemMessage } from '../../components/problemMessage';

export default function ReceiptButton({ path, fileName, testId, compact }: { path: string; fileName: string; testId: string; compact?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    try {
      await downloadFile(path, fileName);
    } catch (e) {
      void message.error(`${t('transfers.receipt.failed')} ${problemMessage(e, t)}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button
      icon={<FilePdfOutlined />}
      size={compact ? 'small' : undefined}
      type={compact ? 'text' : 'default'}
      loading={busy}
      onClick={() => void download()}
      aria-label={t('transfers.receipt.button')}
      title={compact ? t('transfers.receipt.button') : undefined}
      data-testid={testId}
    >
      {compact ? null : t('transfers.receipt.button')}
    </Button>
  );
}
