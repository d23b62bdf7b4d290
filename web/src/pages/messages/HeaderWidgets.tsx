// The console header's message widgets: the unread badge (a link to "Mensagens") and the notice
// shown after sign-in listing unread important (warning) messages.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Button, Flex, Modal, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useInbox, useOpenMessage, useUnreadCount } from '../../api/messages';
import { useCurrentOperator } from '../../auth/session';
import MessageBody from './MessageBody';

const READ_PERMISSION = 'messages.read';

export function MessagesBell() {
  const { t } = useTranslation();
  const me = useCurrentOperator();
  const allowed = me.permissions.includes(READ_PERMISSION);
  const unread = useUnreadCount(allowed);
  if (!allowed) return null;
  const count = unread.data?.count ?? 0;
  return (
    <Link to="/messages" aria-label={t('messages.bell', { count })} data-testid="messages-bell">
      <Badge count={count} size="small" offset={[-4, 4]} data-testid="messages-badge">
        <Button type="text" icon={<BellOutlined />} style={{ color: '#fff' }} tabIndex={-1} aria-hidden />
      </Badge>
    </Link>
  );
}

/** Dismissed for this session only: the key carries the session's CSRF token. */
function dismissKey(csrf: string | undefined) {
  return `retaguarda.notice.dismissed.${(csrf ?? '').slice(0, 12)}`;
}

export function SignInNotice() {
  const { t } = useTranslation();
  const me = useCurrentOperator();
  const allowed = me.permissions.includes(READ_PERMISSION);
  const key = dismissKey(me.csrf_token);
  const [dismissed, setDismissed] = useState(() => {
    try {
      return window.sessionStorage.getItem(key) === '1';
    } catch {
      return false;
    }
  });
  const [busy, setBusy] = useState(false);
  const open = useOpenMessage();
  const warnings = useInbox({ viewed: 'false', severity: 'warning', page_size: 10 }, allowed && !dismissed);
  const items = warnings.data?.items ?? [];
  if (!allowed || dismissed || items.length === 0) return null;

  function later() {
    try {
      window.sessionStorage.setItem(key, '1');
    } catch {
      /* private mode: the notice simply comes back on reload */
    }
    setDismissed(true);
  }

  async function acknowledge() {
    setBusy(true);
    try {
      for (const m of items) await open(m.id);
    } finally {
      setBusy(false);
      later();
    }
  }

  return (
    <Modal
      open
      title={t('messages.notice.title', { count: items.length })}
      onCancel={later}
      width={640}
      footer={
        <Flex gap={8} justify="flex-end">
          <Button onClick={later} data-testid="notice-later">
            {t('messages.notice.later')}
          </Button>
          <Button type="primary" loading={busy} onClick={() => void acknowledge()} data-testid="notice-ack">
            {t('messages.notice.acknowledge')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={16} data-testid="messages-notice">
        {items.map((m) => (
          <div key={m.id} data-testid="notice-item">
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {m.title}
            </Typography.Title>
            <MessageBody body={m.body} testId="notice-body" />
          </div>
        ))}
      </Flex>
    </Modal>
  );
}
