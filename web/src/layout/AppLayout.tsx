import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App, Button, Dropdown, Grid, Layout, Menu, Skeleton, theme, type MenuProps } from 'antd';
import { DownOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { signOut } from '../api/identity';
import { useCurrentOperator } from '../auth/session';
import LanguageSwitch from '../components/LanguageSwitch';
import HelpMenu from '../pages/help/HelpMenu';
import { MessagesBell, SignInNotice } from '../pages/messages/HeaderWidgets';
import SupportButton from '../pages/support/SupportButton';
import { findNavItem, SIGN_IN_PATH, visibleGroups } from '../navigation';

const { Header, Sider, Content } = Layout;
const COLLAPSED_KEY = 'retaguarda.nav.collapsed';

/** Whether the operator folded the menu (the header button); a narrow window folds it anyway. */
function storedCollapsed(): boolean {
  try {
    return window.localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

export default function AppLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(storedCollapsed);
  const me = useCurrentOperator();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  // Only the screens the operator may open (structural sharing keeps me.permissions stable).
  const groups = useMemo(() => visibleGroups(undefined, me.permissions), [me.permissions]);
  const [openKeys, setOpenKeys] = useState<string[]>(() => groups.map((g) => g.key));
  const current = findNavItem(pathname, groups);

  async function doSignOut() {
    try {
      await signOut();
    } catch {
      /* the session may already be gone: the sign-in page is where the operator goes anyway */
    }
    queryClient.clear();
    void message.success(t('auth.signedOut'));
    navigate(SIGN_IN_PATH, { replace: true });
  }

  const userMenu: MenuProps = {
    items: [
      {
        key: 'profile',
        icon: <UserOutlined />,
        label: (
          <Link to="/profile" data-testid="user-menu-profile">
            {t('userMenu.profile')}
          </Link>
        ),
      },
      { type: 'divider' },
      {
        key: 'sign-out',
        icon: <LogoutOutlined />,
        label: <span data-testid="user-menu-sign-out">{t('userMenu.signOut')}</span>,
        onClick: () => void doSignOut(),
      },
    ],
  };

  // Only the operator's own choice (the header button) is remembered; the menu folding by
  // itself in a narrow window is not a choice.
  function toggleCollapsed() {
    const next = !collapsed;
    setCollapsed(next);
    try {
      window.localStorage.setItem(COLLAPSED_KEY, next ? '1' : '0');
    } catch {
      /* ignore */
    }
  }

  const items: MenuProps['items'] = useMemo(
    () =>
      groups.map((g) => ({
        key: g.key,
        icon: g.icon,
        label: t(g.labelKey as never),
        children: g.items.map((item) => ({
          key: item.key,
          icon: item.icon,
          label: (
            <Link to={item.path} data-testid={`nav-${item.key}`}>
              {t(item.labelKey as never)}
            </Link>
          ),
        })),
      })),
    [groups, t],
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="rg-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 8, paddingInline: 12 }}>
        <Button
          type="text"
          icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
          onClick={toggleCollapsed}
          aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
          aria-expanded={!collapsed}
          aria-controls="rg-sider"
          data-testid="nav-toggle"
          style={{ color: '#fff' }}
        />
        <Link to="/" className="rg-brand" data-testid="brand">
          <img src="/favicon.svg" alt="" />
          <span>{t('app.name')}</span>
          <small className="rg-tagline">{t('app.tagline')}</small>
        </Link>
        <div className="rg-lang" style={{ marginInlineStart: 'auto' }}>
          <LanguageSwitch />
        </div>
        <MessagesBell />
        <SupportButton />
        <HelpMenu />
        <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
          <Button
            type="text"
            className="rg-user-button"
            icon={<UserOutlined />}
            aria-label={t('userMenu.label', { name: me.name })}
            data-testid="user-menu"
          >
            <span className="rg-user-name" data-testid="user-name">
              {me.name}
            </span>
            <DownOutlined style={{ fontSize: 10 }} />
          </Button>
        </Dropdown>
      </Header>
      <Layout>
        <Sider
          id="rg-sider"
          width={264}
          collapsedWidth={64}
          collapsible
          collapsed={collapsed}
          onCollapse={(narrow) => setCollapsed(narrow || storedCollapsed())}
          breakpoint="lg"
          trigger={null}
          theme="light"
          style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
        >
          <nav aria-label={t('nav.label')}>
            <Menu
              mode="inline"
              items={items}
              selectedKeys={current ? [current.item.key] : []}
              openKeys={collapsed ? undefined : openKeys}
              // Folded, the menu reports its groups closed (they become pop-ups); that is not
              // the operator closing them, so they are open again when the menu unfolds.
              onOpenChange={(keys) => {
                if (!collapsed) setOpenKeys(keys as string[]);
              }}
              style={{ borderInlineEnd: 'none', paddingBlock: 8 }}
              data-testid="side-nav"
            />
          </nav>
        </Sider>
        <Content id="main" tabIndex={-1} style={{ padding: screens.sm ? 24 : 12, outline: 'none', minWidth: 0 }}>
          <Suspense
            fallback={
              <div aria-busy="true" aria-label={t('app.loading')}>
                <Skeleton active />
              </div>
            }
          >
            <Outlet />
          </Suspense>
          <SignInNotice />
        </Content>
      </Layout>
    </Layout>
  );
}
