// Confirmation for destructive or irreversible actions (DESIGN §10): the operator types a word
// (e.g. the e-mail of the operator being deleted) before the button unlocks.
import { useEffect, useId, useState, type ReactNode } from 'react';
import { Alert, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import ProblemAlert from './ProblemAlert';

export default function TypedConfirm({
  open,
  title,
  description,
  expected,
  okText,
  onConfirm,
  onCancel,
  loading,
  error,
  testId = 'typed-confirm',
}: {
  open: boolean;
  title: string;
  description: ReactNode;
  /** What must be typed, compared ignoring case and surrounding spaces. */
  expected: string;
  okText: string;
  onConfirm: () => void;
  onCancel: () => void;
  loading?: boolean;
  error?: unknown;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const inputId = useId();
  useEffect(() => {
    if (open) setTyped('');
  }, [open]);
  const matches = typed.trim().toLowerCase() === expected.trim().toLowerCase();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: !matches, loading, 'data-testid': `${testId}-ok` } as never}
      onOk={onConfirm}
      onCancel={onCancel}
      destroyOnHidden
    >
      <div data-testid={testId}>
      <Alert type="warning" showIcon title={description} style={{ marginBottom: 16 }} />
      <label htmlFor={inputId}>
        <Typography.Text>{t('confirm.typeToConfirm')} </Typography.Text>
        <Typography.Text strong code>
          {expected}
        </Typography.Text>
      </label>
      <Input
        id={inputId}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        autoComplete="off"
        style={{ marginTop: 8 }}
        data-testid={`${testId}-input`}
        onPressEnter={() => matches && !loading && onConfirm()}
      />
      {error ? (
        <div style={{ marginTop: 12 }}>
          <ProblemAlert error={error} testId={`${testId}-error`} />
        </div>
      ) : null}
      </div>
    </Modal>
  );
}
