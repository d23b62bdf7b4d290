// One e-mail of the built-in mailbox. The HTML part is shown in a sandboxed iframe (no scripts,
// no same-origin access: the message cannot touch the console); the text part in a <pre>.
import { useParams } from 'react-router-dom';
import { Card, Descriptions, Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMailMessage, type MailMessage } from '../../api/platform';
import { DetailCrumbs, DetailFallback } from '../../components/detail';
import { PageHeader } from '../../components/list';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { MailStatusTag, useTemplateLabel } from './labels';

/** Links open in a new tab (the sandbox lets only popups out, never scripts). */
function withBaseTarget(html: string): string {
  const base = '<base target="_blank">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => m + base) : base + html;
}

function Bodies({ message }: { message: MailMessage }) {
  const { t } = useTranslation();
  const text = (
    <pre className="rg-mail-text" data-testid="mail-text" tabIndex={0}>
      {message.body_text}
    </pre>
  );
  if (!message.body_html) return text;
  return (
    <Tabs
      items={[
        {
          key: 'html',
          label: t('mailbox.view.html'),
          children: (
            <iframe
              className="rg-mail-frame"
              title={t('mailbox.view.frameTitle', { subject: message.subject })}
              sandbox="allow-popups allow-popups-to-escape-sandbox"
              referrerPolicy="no-referrer"
              srcDoc={withBaseTarget(message.body_html)}
              data-testid="mail-html"
            />
          ),
        },
        { key: 'text', label: t('mailbox.view.text'), children: text },
      ]}
    />
  );
}

export default function MailMessagePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const templateLabel = useTemplateLabel();
  const query = useMailMessage(id);
  const m = query.data;
  const crumbs = <DetailCrumbs list={t('mailbox.title')} to="/mailbox" current={m?.subject} />;
  if (!m) {
    return (
      <DetailFallback
        query={query}
        crumbs={crumbs}
        notFound={t('mailbox.notFound')}
        backTo="/mailbox"
        backLabel={t('mailbox.backToList')}
        loadError={t('mailbox.loadError')}
        skeletonRows={10}
        testIdPrefix="mail"
      />
    );
  }
  return (
    <Flex vertical gap={16} data-testid="mail-message">
      {crumbs}
      <PageHeader title={m.subject} subtitle={<MailStatusTag status={m.status} />} />
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 3, xl: 3, xxl: 3 }}
          items={[
            { key: 'to', label: t('mailbox.columns.to'), children: <span data-testid="mail-detail-to">{m.to}</span> },
            { key: 'template', label: t('mailbox.columns.template'), children: templateLabel(m.template) },
            { key: 'locale', label: t('fields.locale'), children: m.locale },
            { key: 'created', label: t('mailbox.columns.createdAt'), children: formatDateTime(m.created_at, locale) },
            { key: 'sent', label: t('mailbox.sentAt'), children: m.sent_at ? formatDateTime(m.sent_at, locale) : '—' },
            { key: 'attempts', label: t('mailbox.attempts'), children: m.attempts },
            ...(m.last_error
              ? [{ key: 'error', label: t('mailbox.lastError'), children: <Typography.Text type="danger">{m.last_error}</Typography.Text> }]
              : []),
          ]}
        />
      </Card>
      <Card size="small">
        <Bodies message={m} />
      </Card>
    </Flex>
  );
}
