// The user manual (PLT-17): the page list with a search over titles and section titles, and the
// chosen page rendered from docs/manual/<language>/<slug>.md in the console's language.
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Col, Empty, Flex, Input, Menu, Result, Row, Typography } from 'antd';
import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/list';
import { currentLanguage } from '../../i18n';
import Markdown from './Markdown';
import { filterSections, manualSections } from './manual';

/** Scrolls to the URL's #anchor (a link to a page's section) once the page is rendered. */
function useScrollToHash(deps: unknown[]) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!hash) return;
    document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [hash, ...deps]);
}

export default function ManualPage() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  // useTranslation re-renders on a language switch, so the pages follow it at once.
  const lang = currentLanguage();
  const sections = useMemo(() => manualSections(lang), [lang]);
  const pages = useMemo(() => sections.flatMap((s) => s.pages), [sections]);
  const shown = useMemo(() => filterSections(sections, query), [sections, query]);
  const at = slug ? pages.findIndex((p) => p.slug === slug) : 0;
  const page = pages[at];
  useScrollToHash([page?.slug]);
  useEffect(() => {
    if (!window.location.hash) window.scrollTo({ top: 0 });
  }, [page?.slug]);

  const list = (
    <Card size="small" title={t('help.manual.pages')}>
      <Input.Search
        allowClear
        placeholder={t('help.manual.search')}
        aria-label={t('help.manual.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="manual-search"
      />
      {shown.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('help.manual.noMatch')} />
      ) : (
        <nav aria-label={t('help.manual.pages')}>
          <Menu
            className="rg-help-nav"
            mode="inline"
            selectedKeys={page ? [page.slug] : []}
            style={{ borderInlineEnd: 'none', marginTop: 8 }}
            data-testid="manual-pages"
            items={shown.map((s) => ({
              type: 'group' as const,
              key: s.key,
              label: s.title,
              children: s.pages.map((p) => ({
                key: p.slug,
                label: (
                  <Link to={`/help/manual/${p.slug}`} data-testid={`manual-link-${p.slug}`}>
                    {p.title}
                  </Link>
                ),
              })),
            }))}
          />
        </nav>
      )}
    </Card>
  );

  const previous = at > 0 ? pages[at - 1] : undefined;
  const next = at >= 0 && at < pages.length - 1 ? pages[at + 1] : undefined;

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('help.manual.title')}
        subtitle={t('help.manual.subtitle')}
        extra={
          <>
            <Link to="/help/faq" data-testid="manual-to-faq">
              {t('help.menu.faq')}
            </Link>
            <a href="/docs/api" target="_blank" rel="noopener" data-testid="manual-to-api">
              {t('help.menu.api')}
            </a>
          </>
        }
      />
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} lg={8} xl={7}>
          {list}
        </Col>
        <Col xs={24} lg={16} xl={17}>
          <Card>
            {page ? (
              <article aria-labelledby="manual-page-title">
                <Typography.Title level={3} id="manual-page-title" style={{ marginTop: 0 }} data-testid="manual-page-title">
                  {page.title}
                </Typography.Title>
                <Markdown testId="manual-page-body">{page.body}</Markdown>
                <Flex justify="space-between" gap={8} wrap style={{ marginTop: 24 }}>
                  {previous ? (
                    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/help/manual/${previous.slug}`)} data-testid="manual-previous">
                      {previous.title}
                    </Button>
                  ) : (
                    <span />
                  )}
                  {next && (
                    <Button
                      icon={<ArrowRightOutlined />}
                      iconPlacement="end"
                      onClick={() => navigate(`/help/manual/${next.slug}`)}
                      data-testid="manual-next"
                    >
                      {next.title}
                    </Button>
                  )}
                </Flex>
              </article>
            ) : (
              <Result
                status="404"
                title={t('help.manual.missing')}
                extra={<Link to="/help/manual">{t('help.manual.backToStart')}</Link>}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
