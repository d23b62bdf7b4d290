// One request sent for approval (seed 004): what was asked, by whom, its business status, and the
// checker's steps: "Assumir" (Pick Up, locks the request to the checker), then "Aprovar e ativar"
// (the action runs now) or "Rejeitar" (with a reason). The maker can never check their own
// request; buttons appear only for the operator who may use them.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Timeline,
  Typography,
} from 'antd';
import { CheckOutlined, CloseOutlined, LockOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  approvalsKey,
  approveApproval,
  pickUpApproval,
  rejectApproval,
  useApproval,
  type ApprovalRequest,
} from '../../api/approvals';
import { operatorsKey, useOperator } from '../../api/identity';
import { translatedFormFields } from '../../api/problemText';
import { useCan, useCurrentOperator } from '../../auth/session';
import { ApprovalStatusTag, BusinessStatusTag, useApprovalActionLabel } from '../../components/approvalLabels';
import { DetailCrumbs, DetailFallback } from '../../components/detail';
import { PageHeader } from '../../components/list';
import ProblemAlert from '../../components/ProblemAlert';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';

const OPEN = new Set(['pending', 'picked_up']);

function Json({ value, testId }: { value: unknown; testId: string }) {
  return (
    <pre className="rg-json" data-testid={testId} tabIndex={0}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function RejectModal({
  request,
  open,
  onClose,
  onDone,
}: {
  request: ApprovalRequest;
  open: boolean;
  onClose: () => void;
  onDone: (r: ApprovalRequest) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function submit({ reason }: { reason: string }) {
    setBusy(true);
    setError(undefined);
    try {
      onDone(await rejectApproval(request.id, reason.trim()));
    } catch (e) {
      const fields = translatedFormFields(e, t, locale);
      if (fields.length) form.setFields(fields as never);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('approvals.reject.title')}
      okText={t('approvals.actions.reject')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'approval-reject-ok' } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="approval-reject-form" requiredMark>
        <Typography.Paragraph type="secondary">{t('approvals.reject.text', { summary: request.summary })}</Typography.Paragraph>
        <Form.Item
          name="reason"
          label={t('approvals.detail.reason')}
          rules={[
            { required: true, whitespace: true, message: t('approvals.reject.reasonRequired') },
            { min: 3, message: t('approvals.reject.reasonMin') },
            { max: 500, message: t('approvals.reject.reasonMax') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="approval-reject-reason" />
        </Form.Item>
        {error && !translatedFormFields(error, t, locale).length ? <ProblemAlert error={error} testId="approval-reject-error" /> : null}
      </Form>
    </Modal>
  );
}

export default function ApprovalDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const locale = currentLanguage();
  const can = useCan();
  const me = useCurrentOperator();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const actionLabel = useApprovalActionLabel();
  const query = useApproval(id);
  // The operator the request is about, to name them (the request carries only the id).
  const operatorTarget = query.data?.target_type === 'operator' && can('operators.read') ? query.data.target_id : undefined;
  const targetOperator = useOperator(operatorTarget);
  const [busy, setBusy] = useState<'pick-up' | 'approve' | undefined>();
  const [actionError, setActionError] = useState<unknown>();
  const [rejecting, setRejecting] = useState(false);
  const r = query.data;

  const crumbs = <DetailCrumbs list={t('approvals.title')} to="/approvals" current={r ? t('approvals.detail.crumb', { id: r.id }) : undefined} />;
  if (!r) {
    return (
      <DetailFallback
        query={query}
        crumbs={crumbs}
        notFound={t('approvals.detail.notFound')}
        backTo="/approvals"
        backLabel={t('approvals.detail.backToList')}
        loadError={t('approvals.loadError')}
        testIdPrefix="approval"
      />
    );
  }

  const isMaker = r.maker_id === me.id;
  const isChecker = !!r.checker_id && r.checker_id === me.id;
  const mayCheck = can('approvals.check');
  const open = OPEN.has(r.status);
  const overdue = open && new Date(r.expires_at).getTime() <= Date.now();

  async function updated(next: ApprovalRequest) {
    queryClient.setQueryData([...approvalsKey, 'one', next.id], next);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: approvalsKey }),
      // An approved request changed its target (e.g. the operator is now inactive).
      queryClient.invalidateQueries({ queryKey: operatorsKey }),
    ]);
  }

  async function run(kind: 'pick-up' | 'approve', call: () => Promise<ApprovalRequest>, done: string) {
    setBusy(kind);
    setActionError(undefined);
    try {
      await updated(await call());
      void message.success(done);
    } catch (e) {
      setActionError(e);
      // The request may have moved on (picked up by someone else, expired): show its state now.
      void query.refetch();
    } finally {
      setBusy(undefined);
    }
  }

  function confirmApprove() {
    modal.confirm({
      title: t('approvals.approve.title'),
      content: t('approvals.approve.text', { action: actionLabel(r!.action), summary: r!.summary }),
      okText: t('approvals.actions.approve'),
      okButtonProps: { 'data-testid': 'confirm-approve' } as never,
      cancelText: t('common.cancel'),
      onOk: () => run('approve', () => approveApproval(r!.id), t('approvals.approve.done')),
    });
  }

  const buttons = [];
  if (open && !overdue && mayCheck && !isMaker) {
    if (r.status === 'pending') {
      buttons.push(
        <Button
          key="pick-up"
          type="primary"
          icon={<LockOutlined />}
          loading={busy === 'pick-up'}
          onClick={() => void run('pick-up', () => pickUpApproval(r.id), t('approvals.pickUp.done'))}
          data-testid="approval-pick-up"
        >
          {t('approvals.actions.pickUp')}
        </Button>,
      );
    } else if (isChecker) {
      buttons.push(
        <Button key="approve" type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} onClick={confirmApprove} data-testid="approval-approve">
          {t('approvals.actions.approve')}
        </Button>,
        <Button key="reject" danger icon={<CloseOutlined />} onClick={() => setRejecting(true)} data-testid="approval-reject">
          {t('approvals.actions.reject')}
        </Button>,
      );
    }
  }

  // Why there is nothing to click (or what happens next), in words.
  let note: { type: 'info' | 'warning' | 'success' | 'error'; text: string; testId: string } | undefined;
  if (open && overdue) note = { type: 'warning', text: t('approvals.notes.overdue'), testId: 'approval-note-overdue' };
  else if (open && isMaker) note = { type: 'info', text: t('approvals.notes.maker'), testId: 'approval-note-maker' };
  else if (open && !mayCheck) note = { type: 'info', text: t('approvals.notes.noPermission'), testId: 'approval-note-permission' };
  else if (r.status === 'picked_up' && !isChecker)
    note = {
      type: 'info',
      text: t('approvals.notes.pickedByOther', { name: r.checker_name, time: r.picked_up_at ? formatDateTime(r.picked_up_at, locale) : '' }),
      testId: 'approval-note-other',
    };
  else if (r.status === 'pending') note = { type: 'info', text: t('approvals.notes.pickUpFirst'), testId: 'approval-note-pick-up' };
  else if (r.status === 'picked_up') note = { type: 'info', text: t('approvals.notes.decide'), testId: 'approval-note-decide' };

  const timeline = [
    {
      color: 'blue',
      children: (
        <>
          <Typography.Text strong>{t('approvals.timeline.requested', { name: r.maker_name })}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{formatDateTime(r.created_at, locale)}</Typography.Text>
        </>
      ),
    },
    ...(r.picked_up_at
      ? [
          {
            color: 'blue',
            children: (
              <>
                <Typography.Text strong>{t('approvals.timeline.pickedUp', { name: r.checker_name })}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{formatDateTime(r.picked_up_at, locale)}</Typography.Text>
              </>
            ),
          },
        ]
      : []),
    ...(r.status === 'approved' || r.status === 'rejected' || r.status === 'failed'
      ? [
          {
            color: r.status === 'approved' ? 'green' : 'red',
            children: (
              <>
                <Typography.Text strong>
                  {t(`approvals.timeline.${r.status as 'approved'}`, { name: r.checker_name })}
                </Typography.Text>
                <br />
                <Typography.Text type="secondary">{r.decided_at ? formatDateTime(r.decided_at, locale) : ''}</Typography.Text>
              </>
            ),
          },
        ]
      : r.status === 'expired'
        ? [{ color: 'gray', children: <Typography.Text strong>{t('approvals.timeline.expired')}</Typography.Text> }]
        : [
            {
              color: 'gray',
              children: (
                <>
                  <Typography.Text>{t('approvals.timeline.waiting')}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">
                    {t('approvals.timeline.expiresAt', { time: formatDateTime(r.expires_at, locale) })}
                  </Typography.Text>
                </>
              ),
            },
          ]),
  ];

  // The operator a request is about; after an approved deletion there is no page to open.
  const targetOp = targetOperator.data;
  const targetLabel = targetOp
    ? `${targetOp.name} (${targetOp.email})`
    : `${r.target_type === 'operator' ? t('audit.targetTypes.operator') : r.target_type} ${r.target_id}`;
  const target = !r.target_type ? '—' : targetOp ? (
    <Link to={`/operators/${r.target_id}`} data-testid="approval-target-link">
      {targetLabel}
    </Link>
  ) : (
    <span data-testid="approval-target">{targetLabel}</span>
  );

  return (
    <Flex vertical gap={16} data-testid="approval-detail" data-status={r.status}>
      {crumbs}
      <PageHeader
        title={r.summary}
        small
        subtitle={
          <Flex gap={8} align="center" wrap component="span">
            <ApprovalStatusTag status={r.status} />
            <BusinessStatusTag status={r.business_status} />
            <Typography.Text type="secondary">{actionLabel(r.action)}</Typography.Text>
          </Flex>
        }
        extra={buttons.length ? buttons : undefined}
      />
      {note && <Alert type={note.type} showIcon title={note.text} data-testid={note.testId} />}
      {actionError ? (
        <ProblemAlert error={actionError} onClose={() => setActionError(undefined)} testId="approval-error" />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Card title={t('approvals.detail.request')} size="small">
              <Descriptions
                bordered
                size="small"
                column={{ xs: 1, sm: 1, md: 2 }}
                styles={{ label: { whiteSpace: 'nowrap' } }}
                items={[
                  { key: 'action', label: t('approvals.columns.action'), children: <span data-testid="approval-action">{actionLabel(r.action)}</span> },
                  { key: 'target', label: t('approvals.detail.target'), children: target },
                  { key: 'maker', label: t('approvals.columns.maker'), children: <span data-testid="approval-maker">{r.maker_name}</span> },
                  { key: 'created', label: t('approvals.columns.createdAt'), children: formatDateTime(r.created_at, locale) },
                  { key: 'checker', label: t('approvals.columns.checker'), children: <span data-testid="approval-checker">{r.checker_name || '—'}</span> },
                  { key: 'picked', label: t('approvals.detail.pickedUpAt'), children: r.picked_up_at ? formatDateTime(r.picked_up_at, locale) : '—' },
                  { key: 'decided', label: t('approvals.columns.decidedAt'), children: r.decided_at ? formatDateTime(r.decided_at, locale) : '—' },
                  { key: 'expires', label: t('approvals.columns.expiresAt'), children: formatDateTime(r.expires_at, locale) },
                  { key: 'status', label: t('fields.status'), children: <ApprovalStatusTag status={r.status} /> },
                  { key: 'business', label: t('approvals.columns.businessStatus'), children: <BusinessStatusTag status={r.business_status} /> },
                ]}
              />
            </Card>
            {r.reason ? (
              <Card title={t('approvals.detail.reason')} size="small">
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} data-testid="approval-reason">
                  {r.reason}
                </Typography.Paragraph>
              </Card>
            ) : null}
            <Card title={t('approvals.detail.payload')} size="small">
              <Json value={r.payload} testId="approval-payload" />
            </Card>
            {r.result !== null && r.result !== undefined ? (
              <Card title={t('approvals.detail.result')} size="small">
                <Json value={r.result} testId="approval-result" />
              </Card>
            ) : null}
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('approvals.detail.progress')} size="small">
            <Timeline items={timeline} data-testid="approval-timeline" />
          </Card>
        </Col>
      </Row>
      <RejectModal
        request={r}
        open={rejecting}
        onClose={() => setRejecting(false)}
        onDone={(next) => {
          setRejecting(false);
          void updated(next);
          void message.success(t('approvals.reject.done'));
        }}
      />
    </Flex>
  );
}
