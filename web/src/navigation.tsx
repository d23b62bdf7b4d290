// The console's modules in one place: each entry is both a side-menu item and a route.
// A module adds its screens by appending to `items` of its group; groups without items are not
// shown. `labelKey` points into the i18n files (nav.groups.* / nav.items.*).
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  BankOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  SettingOutlined,
  SolutionOutlined,
} from '@ant-design/icons';

export interface NavItem {
  /** Unique key, also the menu key. */
  key: string;
  /** Route path (absolute). Nested screens (e.g. `/accounts/:id`) go in `routes`. */
  path: string;
  labelKey: `nav.items.${string}`;
  icon?: ReactNode;
  page: LazyExoticComponent<ComponentType>;
  /** Extra routes owned by this entry that are not menu items (detail pages, etc.). */
  routes?: { path: string; page: LazyExoticComponent<ComponentType> }[];
}

export interface NavGroup {
  key: string;
  labelKey: `nav.groups.${string}`;
  icon: ReactNode;
  items: NavItem[];
}

export const navigation: NavGroup[] = [
  { key: 'accounts', labelKey: 'nav.groups.accounts', icon: <BankOutlined />, items: [] },
  { key: 'onboarding', labelKey: 'nav.groups.onboarding', icon: <SolutionOutlined />, items: [] },
  { key: 'credit', labelKey: 'nav.groups.credit', icon: <FileSearchOutlined />, items: [] },
  { key: 'contactCenter', labelKey: 'nav.groups.contactCenter', icon: <CustomerServiceOutlined />, items: [] },
  {
    key: 'platform',
    labelKey: 'nav.groups.platform',
    icon: <SettingOutlined />,
    items: [
      {
        key: 'status',
        path: '/status',
        labelKey: 'nav.items.status',
        icon: <DashboardOutlined />,
        page: lazy(() => import('./pages/StatusPage')),
      },
    ],
  },
];

/** Where `/` goes. */
export const HOME_PATH = '/status';

/** Groups that have at least one screen (the only ones the menu shows). */
export function visibleGroups(groups: NavGroup[] = navigation): NavGroup[] {
  return groups.filter((g) => g.items.length > 0);
}

/** The menu entry that owns `pathname` (longest matching path prefix), if any. */
export function findNavItem(pathname: string, groups: NavGroup[] = navigation) {
  let best: { group: NavGroup; item: NavItem } | undefined;
  for (const group of groups)
    for (const item of group.items)
      if (pathname === item.path || pathname.startsWith(item.path + '/'))
        if (!best || item.path.length > best.item.path.length) best = { group, item };
  return best;
}
