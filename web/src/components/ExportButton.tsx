// The "Exportar" button of every list page (PLT-09): a dropdown with CSV and Excel that asks the
// list's own API for a file with the page's current filters. Small results download at once;
// large ones run in the background and the operator is pointed to "Exportações".
//
// Usage: <ExportButton path="/api/v1/audit" filters={apiFilters} testId="audit-export" />
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Dropdown } from 'antd';
import { DownloadOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { requestExport, type ExportFormat } from '../api/exports';
import { currentLanguage } from '../i18n';
import { isApiError } from '../api/client';
import { problemTitle, translateMessage } from '../api/problemText';

export interface ExportButtonProps {
  /** The list's API path, e.g. `/api/v1/operators`. */
  path: string;
  /** The list's current filters, exactly as the page sends them to the list API. */
  filters?: object;
  /** data-testid of the button (menu items get `-csv` / `-xlsx`). */
  testId?: string;
  disabled?: boolean;
}

export default function ExportButton({ path, filters = {}, testId = 'export-button', disabled }: ExportButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  async function run(format: ExportFormat) {
    setBusy(true);
    try {
      const outcome = await requestExport(path, filters, format, currentLanguage());
      if (outcome.kind === 'queued') {
        void message.info({
          content: (
            <span data-testid="export-queued">
              {t('exports.queued')}{' '}
              {/* The toast renders outside the router's tree, so it navigates through the hook. */}
              <a
                href="/exports"
                onClick={(event) => {
                  event.preventDefault();
                  navigate('/exports');
                }}
              >
                {t('exports.openList')}
              </a>
            </span>
          ),
          duration: 8,
        });
      }
    } catch (e) {
      const detail = isApiError(e) ? translateMessage(e.detail, t, currentLanguage()) : undefined;
      void message.error(`${t('list.exportFailed')} ${problemTitle(e, t)}${detail ? `: ${detail}` : ''}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dropdown
      disabled={disabled || busy}
      trigger={['click']}
      menu={{
        items: [
          { key: 'csv', icon: <FileTextOutlined />, label: <span data-testid={`${testId}-csv`}>{t('exports.csv')}</span> },
          { key: 'xlsx', icon: <FileExcelOutlined />, label: <span data-testid={`${testId}-xlsx`}>{t('exports.xlsx')}</span> },
        ],
        onClick: ({ key }) => void run(key as ExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid={testId}>
        {t('exports.button')}
      </Button>
    </Dropdown>
  );
}
