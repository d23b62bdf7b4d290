import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { Layout, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import LanguageSwitch from '../components/LanguageSwitch';

const { Header, Content, Footer } = Layout;

/** Sign-in, first access / recovery and the forced password change: brand, language, one card. */
export default function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="rg-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 8, paddingInline: 16 }}>
        <span className="rg-brand" data-testid="brand">
          <img src="/favicon.svg" alt="" />
          <span>{t('app.name')}</span>
          <small className="rg-tagline">{t('app.tagline')}</small>
        </span>
        <div className="rg-lang" style={{ marginInlineStart: 'auto' }}>
          <LanguageSwitch />
        </div>
      </Header>
      <Content id="main" tabIndex={-1} className="rg-public-content">
        <Suspense
          fallback={
            <div className="rg-public-card" aria-busy="true" aria-label={t('app.loading')}>
              <Skeleton active paragraph={{ rows: 6 }} />
            </div>
          }
        >
          <Outlet />
        </Suspense>
      </Content>
      <Footer style={{ textAlign: 'center', fontSize: 12, color: '#6b7785' }}>{t('auth.footer')}</Footer>
    </Layout>
  );
}
