// ACC-09 "Enviar Documentos": drag a file (PDF, PNG, JPEG, WebP or HEIC, up to 10 MiB) to send it
// for analysis, see each document's status, approve or reject it (with a reason) and download it.
// Uploading, reviewing and downloading need customers.documents; the list needs customers.read.
import { useState } from 'react';
import { App, Button, Flex, Input, Modal, Select, Table, Typography, Upload, type TableColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  customersKey,
  DOCUMENT_BYTES_MAX,
  DOCUMENT_KINDS,
  documentDownloadUrl,
  reviewDocument,
  uploadDocument,
  useCustomerDocuments,
  type Customer,
  type CustomerDocument,
  type DocumentKind,
} from '../../api/customers';
import { useCan } from '../../auth/session';
import ProblemAlert from '../../components/ProblemAlert';
import { formatDateTime, formatNumber } from '../../format';
import { currentLanguage } from '../../i18n';
import { DocumentStatusTag, useCustomerLabels } from './labels';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.heic,application/pdf,image/png,image/jpeg,image/webp,image/heic';

export default function DocumentsTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const labels = useCustomerLabels();
  const documents = useCustomerDocuments(customer.id);
  const [kind, setKind] = useState<DocumentKind>(customer.kind === 'pf' ? 'identity' : 'articles_of_association');
  const [error, setError] = useState<unknown>();
  const [uploading, setUploading] = useState(false);
  const [rejecting, setRejecting] = useState<CustomerDocument>();
  const [reason, setReason] = useState('');
  const allowed = can('customers.documents');
  const refresh = () => queryClient.invalidateQueries({ queryKey: [...customersKey, 'documents', customer.id] });

  async function send(file: File) {
    setError(undefined);
    if (file.size > DOCUMENT_BYTES_MAX) {
      void message.error(t('customers.documents.tooLarge', { name: file.name }));
      return;
    }
    setUploading(true);
    try {
      await uploadDocument(customer.id, kind, file);
      await refresh();
      void message.success(t('customers.documents.sent', { name: file.name }));
    } catch (e) {
      setError(e);
    } finally {
      setUploading(false);
    }
  }

  async function review(d: CustomerDocument, decision: 'approve' | 'reject', why?: string) {
    setError(undefined);
    try {
      await reviewDocument(customer.id, d.id, decision, why);
      await refresh();
      void message.success(t(decision === 'approve' ? 'customers.documents.approvedMessage' : 'customers.documents.rejectedMessage', { name: d.file_name }));
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  }

  const columns: TableColumnsType<CustomerDocument> = [
    { key: 'kind', title: t('customers.documents.kind'), render: (_, d) => labels.documentKind(d.kind) },
    { key: 'file', title: t('customers.documents.file'), render: (_, d) => <span data-testid="document-file">{d.file_name}</span> },
    {
      key: 'size',
      title: t('customers.documents.size'),
      align: 'right',
      render: (_, d) => `${formatNumber(Math.max(1, Math.round(d.size_bytes / 1024)), locale)} KiB`,
    },
    {
      key: 'status',
      title: t('fields.status'),
      render: (_, d) => (
        <Flex vertical gap={2}>
          <span>
            <DocumentStatusTag status={d.status} />
          </span>
          {d.rejection_reason && <Typography.Text type="secondary">{d.rejection_reason}</Typography.Text>}
          {d.reviewed_by_name && d.reviewed_at && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('customers.documents.reviewedBy', { name: d.reviewed_by_name, at: formatDateTime(d.reviewed_at, locale) })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'sent',
      title: t('customers.documents.sentAt'),
      render: (_, d) => `${formatDateTime(d.created_at, locale)} · ${d.uploaded_by_name}`,
    },
    ...(allowed
      ? [
          {
            key: 'actions',
            title: <span className="rg-visually-hidden">{t('common.actions')}</span>,
            align: 'right' as const,
            render: (_: unknown, d: CustomerDocument) => (
              <Flex gap={4} justify="flex-end" wrap={false}>
                {d.status === 'pending' && (
                  <>
                    <Button size="small" icon={<CheckOutlined />} onClick={() => void review(d, 'approve')} data-testid="document-approve">
                      {t('customers.documents.approve')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      icon={<CloseOutlined />}
                      onClick={() => {
                        setReason('');
                        setRejecting(d);
                      }}
                      data-testid="document-reject"
                    >
                      {t('customers.documents.reject')}
                    </Button>
                  </>
                )}
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  href={documentDownloadUrl(customer.id, d.id)}
                  download={d.file_name}
                  aria-label={t('customers.documents.download')}
                  data-testid="document-download"
                />
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12} data-testid="documents-tab">
      {allowed ? (
        <Flex vertical gap={8}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text>{t('customers.documents.kind')}</Typography.Text>
            <Select<DocumentKind>
              value={kind}
              onChange={setKind}
              style={{ width: 280 }}
              aria-label={t('customers.documents.kind')}
              options={DOCUMENT_KINDS.map((k) => ({ value: k, label: labels.documentKind(k) }))}
              data-testid="document-kind"
            />
          </Flex>
          <Upload.Dragger
            accept={ACCEPT}
            multiple={false}
            showUploadList={false}
            disabled={uploading}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
            data-testid="document-dropzone"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{uploading ? t('customers.documents.uploading') : t('customers.documents.drop')}</p>
            <p className="ant-upload-hint">{t('customers.documents.hint')}</p>
          </Upload.Dragger>
        </Flex>
      ) : (
        <Typography.Text type="secondary" data-testid="documents-no-permission">
          {t('customers.documents.noPermission')}
        </Typography.Text>
      )}
      {error !== undefined && <ProblemAlert error={error} testId="documents-error" />}
      {documents.isError && <ProblemAlert error={documents.error} message={t('customers.documents.loadError')} onRetry={() => void documents.refetch()} />}
      <Table<CustomerDocument>
        rowKey="id"
        size="small"
        loading={documents.isPending}
        columns={columns}
        dataSource={documents.data ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        onRow={(d) => ({ 'data-testid': `document-row-${d.file_name}` }) as never}
        locale={{ emptyText: t('customers.documents.empty') }}
        data-testid="documents-table"
      />
      <Modal
        open={!!rejecting}
        title={t('customers.documents.rejectTitle', { name: rejecting?.file_name ?? '' })}
        okText={t('customers.documents.reject')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'document-reject-confirm' } as never}
        cancelText={t('common.cancel')}
        onCancel={() => setRejecting(undefined)}
        onOk={async () => {
          if (rejecting && (await review(rejecting, 'reject', reason.trim()))) setRejecting(undefined);
        }}
        destroyOnHidden
      >
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          rows={3}
          placeholder={t('customers.documents.reasonPlaceholder')}
          aria-label={t('customers.documents.reason')}
          data-testid="document-reject-reason"
        />
      </Modal>
    </Flex>
  );
}
