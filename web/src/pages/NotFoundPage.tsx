import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { HOME_PATH } from '../navigation';

export default function NotFoundPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    document.title = `${t('notFound.title')} · ${t('app.name')}`;
  }, [t]);
  return (
    <div data-testid="not-found">
      <Result
        status="404"
        title={<h1 style={{ fontSize: 'inherit', margin: 0 }}>{t('notFound.title')}</h1>}
        subTitle={t('notFound.subtitle', { path: pathname })}
        extra={
          <Button type="primary" onClick={() => navigate(HOME_PATH)} data-testid="not-found-home">
            {t('notFound.back')}
          </Button>
        }
      />
    </div>
  );
}
