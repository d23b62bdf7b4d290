import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { problemTitle, translateMessage } from '../api/problemText';
import { currentLanguage } from '../i18n';

/**
 * Shows a failed request: the problem+json `title` (or a localised explanation when the
 * server sent no problem), its `detail`, field messages and the request id.
 */
export default function ProblemAlert({
  error,
  message,
  onRetry,
  onClose,
  hideFields = false,
  testId = 'problem-alert',
}: {
  error: unknown;
  /** Context line, e.g. "Could not load the system status". */
  message?: string;
  onRetry?: () => void;
  onClose?: () => void;
  /** The form shows the field messages next to their fields already. */
  hideFields?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const title = problemTitle(error, t);
  let detail: string | undefined;
  let fields: { field: string; message: string }[] = [];
  let requestId: string | undefined;
  if (isApiError(error)) {
    requestId = error.requestId;
    detail = translateMessage(error.detail, t, locale);
    fields = error.fields.map((f) => ({ field: f.field, message: translateMessage(f.message, t, locale) ?? f.message }));
    // A detail that only repeats the single field message says nothing new.
    // With the field messages next to their fields, a detail repeating one of them goes too.
    if (hideFields && fields.some((f) => f.message === detail)) detail = undefined;
    if (hideFields || (fields.length === 1 && fields[0].message === detail)) fields = [];
  }

  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId}
      title={message ? `${message}: ${title}` : title}
      closable={onClose ? { onClose } : undefined}
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
