import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

/**
 * Shows a failed request: the problem+json `title` (or a localised explanation when the
 * server sent no problem), its `detail`, field messages and the request id.
 */
export default function ProblemAlert({
  error,
  message,
  onRetry,
  testId = 'problem-alert',
}: {
  error: unknown;
  /** Context line, e.g. "Could not load the system status". */
  message?: string;
  onRetry?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  let title: string;
  let detail: string | undefined;
  let fields: { field: string; message: string }[] = [];
  let requestId: string | undefined;
  if (isApiError(error)) {
    requestId = error.requestId;
    fields = error.fields;
    switch (error.kind) {
      case 'problem':
        title = error.title ?? t('errors.http', { status: error.status });
        detail = error.detail;
        break;
      case 'network':
        title = t('errors.network');
        break;
      case 'parse':
        title = t('errors.parse');
        break;
      default:
        title = t('errors.http', { status: error.status });
    }
  } else {
    title = t('errors.unknown');
  }

  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId}
      title={message ? `${message}: ${title}` : title}
      description={
        detail || fields.length || requestId ? (
          <>
            {detail && <div data-testid={`${testId}-detail`}>{detail}</div>}
            {fields.length > 0 && (
              <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
                {fields.map((f) => (
                  <li key={`${f.field}:${f.message}`}>
                    <code>{f.field}</code>: {f.message}
                  </li>
                ))}
              </ul>
            )}
            {requestId && <div style={{ opacity: 0.7 }}>{t('errors.requestId', { id: requestId })}</div>}
          </>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" danger onClick={onRetry}>
            {t('errors.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
