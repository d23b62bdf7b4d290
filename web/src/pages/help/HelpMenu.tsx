// The header's Help menu (PLT-17, seed 002 "Ajuda"): the user manual, the API reference (a page of
// its own at /docs/api, opened in a new tab) and the FAQ. Imports nothing of the manual itself,
// so the Markdown and the pages load only when a help screen is opened.
import { Link } from 'react-router-dom';
import { Button, Dropdown, type MenuProps } from 'antd';
import { ApiOutlined, BookOutlined, DownOutlined, QuestionCircleOutlined, QuestionOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export default function HelpMenu() {
  const { t } = useTranslation();
  const menu: MenuProps = {
    items: [
      {
        key: 'manual',
        icon: <BookOutlined />,
        label: (
          <Link to="/help/manual" data-testid="help-menu-manual">
            {t('help.menu.manual')}
          </Link>
        ),
      },
      {
        key: 'api',
        icon: <ApiOutlined />,
        label: (
          <a href="/docs/api" target="_blank" rel="noopener" data-testid="help-menu-api">
            {t('help.menu.api')}
          </a>
        ),
      },
      {
        key: 'faq',
        icon: <QuestionOutlined />,
        label: (
          <Link to="/help/faq" data-testid="help-menu-faq">
            {t('help.menu.faq')}
          </Link>
        ),
      },
    ],
  };
  return (
    <Dropdown menu={menu} trigger={['click']} placement="bottomRight">
      <Button
        type="text"
        className="rg-user-button"
        icon={<QuestionCircleOutlined />}
        aria-label={t('help.menu.label')}
        data-testid="help-menu"
      >
        <span className="rg-user-name">{t('help.menu.label')}</span>
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
