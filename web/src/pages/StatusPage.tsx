import { useEffect } from 'react';
import { Button, Card, Col, Descriptions, Flex, Grid, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSystemStatus, type SystemStatus } from '../api/status';
import ProblemAlert from '../components/ProblemAlert';
import { currentLanguage } from '../i18n';
import { formatDateTime, formatDuration, formatNumber, formatTime, type Locale } from '../format';

const { Title, Text } = Typography;

function useDatabaseLabel() {
  const { t } = useTranslation();
  return (kind: string) => {
    if (kind === 'sqlite') return t('status.dbKind.sqlite');
    if (kind === 'postgresql') return t('status.dbKind.postgresql');
    return t('status.dbKind.unknown', { kind });
  };
}

function StatusDetails({ data, locale }: { data: SystemStatus; locale: Locale }) {
  const { t } = useTranslation();
  const dbLabel = useDatabaseLabel();
  const migrationsOk = data.migrations.applied === data.migrations.expected;
  const screens = Grid.useBreakpoint();
  const narrow = !screens.sm;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card title={t('status.summary')} data-testid="status-summary">
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
            layout={narrow ? 'vertical' : 'horizontal'}
            styles={{ label: { whiteSpace: 'nowrap' }, content: narrow ? undefined : { whiteSpace: 'nowrap' } }}
            items={[
              {
                key: 'product',
                label: t('status.product'),
                children: <span data-testid="status-product">{data.product}</span>,
              },
              {
                key: 'version',
                label: t('status.version'),
                children: <span data-testid="status-version">{data.version}</span>,
              },
              {
                key: 'database',
                label: t('status.database'),
                children: <span data-testid="status-database">{dbLabel(data.database.kind)}</span>,
              },
              {
                key: 'readiness',
                label: t('status.readiness'),
                children: data.ready ? (
                  <Tag color="success" icon={<CheckCircleOutlined />} data-testid="status-readiness">
                    {t('status.ready')}
                  </Tag>
                ) : (
                  <Tag color="error" icon={<CloseCircleOutlined />} data-testid="status-readiness">
                    {t('status.unavailable')}
                  </Tag>
                ),
              },
              {
                key: 'migrations',
                label: t('status.migrations'),
                children: (
                  <Flex gap={8} align="center" wrap>
                    <span data-testid="status-migrations">
                      {t('status.migrationsValue', {
                        applied: data.migrations.applied,
                        expected: data.migrations.expected,
                      })}
                    </span>
                    {migrationsOk ? (
                      <Tag color="success">{t('status.migrationsUpToDate')}</Tag>
                    ) : (
                      <Tag color="warning" icon={<WarningOutlined />}>
                        {t('status.migrationsPending')}
                      </Tag>
                    )}
                  </Flex>
                ),
              },
              {
                key: 'uptime',
                label: t('status.uptime'),
                children: <span data-testid="status-uptime">{formatDuration(data.uptime_s, locale)}</span>,
              },
              {
                key: 'startedAt',
                label: t('status.startedAt'),
                children: (
                  <time dateTime={data.started_at} data-testid="status-started-at">
                    {formatDateTime(data.started_at, locale)}
                  </time>
                ),
              },
              {
                key: 'serverTime',
                label: t('status.serverTime'),
                children: (
                  <time dateTime={data.server_time} data-testid="status-server-time">
                    {formatDateTime(data.server_time, locale)}
                  </time>
                ),
              },
            ]}
          />
          <Text type="secondary" style={{ display: 'block', marginTop: 12, fontSize: 12 }}>
            {t('status.timeZoneNote')}
          </Text>
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card title={t('status.jobs')} data-testid="status-jobs">
          <Flex gap={40} wrap>
            <div>
              <Statistic
                title={t('status.jobsQueued')}
                value={data.jobs.queued}
                formatter={(v) => formatNumber(Number(v), locale)}
                data-testid="status-jobs-queued"
              />
            </div>
            <div>
              <Statistic
                title={t('status.jobsRunning')}
                value={data.jobs.running}
                formatter={(v) => formatNumber(Number(v), locale)}
                data-testid="status-jobs-running"
              />
            </div>
            <div>
              <Statistic
                title={t('status.jobsDead')}
                value={data.jobs.dead}
                formatter={(v) => formatNumber(Number(v), locale)}
                prefix={data.jobs.dead > 0 ? <WarningOutlined /> : undefined}
                styles={data.jobs.dead > 0 ? { content: { color: '#cf1322' } } : undefined}
                data-testid="status-jobs-dead"
              />
            </div>
          </Flex>
          <Text type="secondary" style={{ display: 'block', marginTop: 16, fontSize: 12 }}>
            {t('status.jobsDeadHint')}
          </Text>
        </Card>
      </Col>
    </Row>
  );
}

export default function StatusPage() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const query = useSystemStatus();

  useEffect(() => {
    document.title = `${t('status.title')} · ${t('app.name')}`;
  }, [t]);

  return (
    <Flex vertical gap={16} data-testid="status-page">
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <div>
          <Title level={2} style={{ margin: 0 }} data-testid="page-title">
            {t('status.title')}
          </Title>
          <Text type="secondary">{t('status.subtitle')}</Text>
        </div>
        <Flex align="center" gap={12}>
          {query.dataUpdatedAt > 0 && (
            <Text type="secondary" data-testid="status-updated-at" aria-live="polite">
              {t('status.updatedAt', { time: formatTime(query.dataUpdatedAt, locale) })}
            </Text>
          )}
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void query.refetch()}
            loading={query.isFetching}
            data-testid="status-refresh"
          >
            {t('status.refresh')}
          </Button>
        </Flex>
      </Flex>

      {query.isError && (
        <ProblemAlert
          error={query.error}
          message={t('status.loadError')}
          onRetry={() => void query.refetch()}
          testId="status-error"
        />
      )}

      {query.isPending && !query.isError ? (
        <Card data-testid="status-skeleton" aria-busy="true" aria-label={t('app.loading')}>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        query.data && <StatusDetails data={query.data} locale={locale} />
      )}
    </Flex>
  );
}
