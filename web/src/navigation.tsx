// The console's modules in one place: each entry is both a side-menu item and a route.
// A module adds its screens by appending to `items` of its group; groups without items are not
// shown. `labelKey` points into the i18n files (nav.groups.* / nav.items.*).
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApiOutlined,
  AppstoreOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  BankOutlined,
  CheckSquareOutlined,
  ControlOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  DollarOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  IdcardOutlined,
  KeyOutlined,
  MailOutlined,
  MobileOutlined,
  NotificationOutlined,
  PercentageOutlined,
  RestOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SettingOutlined,
  SlidersOutlined,
  SolutionOutlined,
  SwapOutlined,
  TagsOutlined,
  TeamOutlined,
  UserOutlined,
  WalletOutlined,
} from '@ant-design/icons';

export interface NavItem {
  /** Unique key, also the menu key. */
  key: string;
  /** Route path (absolute). Nested screens (e.g. `/accounts/:id`) go in `routes`. */
  path: string;
  labelKey: `nav.items.${string}`;
  icon?: ReactNode;
  page: LazyExoticComponent<ComponentType>;
  /**
   * Permission (from GET /api/v1/me `permissions`) needed to see the entry and open its routes;
   * without one the entry is shown to every signed-in operator.
   */
  permission?: string;
  /** Extra routes owned by this entry that are not menu items (detail pages, etc.). */
  routes?: { path: string; page: LazyExoticComponent<ComponentType>; permission?: string }[];
}

/** A screen without a menu entry (sign-in, profile…). */
export interface PlainRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
}

export interface NavGroup {
  key: string;
  labelKey: `nav.groups.${string}`;
  icon: ReactNode;
  items: NavItem[];
}

export const navigation: NavGroup[] = [
  {
    key: 'accounts',
    labelKey: 'nav.groups.accounts',
    icon: <BankOutlined />,
    items: [
      {
        // ACC-01/02/09: customers PF/PJ, partners and documents.
        key: 'customers',
        path: '/customers',
        labelKey: 'nav.items.customers',
        icon: <IdcardOutlined />,
        permission: 'customers.read',
        page: lazy(() => import('./pages/customers/CustomersPage')),
        routes: [{ path: '/customers/:id', page: lazy(() => import('./pages/customers/CustomerDetailPage')) }],
      },
      {
        // ACC-05…08, ACC-10, ACC-12, ACC-16: accounts, sub-accounts, statement and actions.
        key: 'accounts',
        path: '/accounts',
        labelKey: 'nav.items.accounts',
        icon: <WalletOutlined />,
        permission: 'accounts.read',
        page: lazy(() => import('./pages/accounts/AccountsPage')),
        routes: [{ path: '/accounts/:id', page: lazy(() => import('./pages/accounts/AccountDetailPage')) }],
      },
      {
        // TRX-02: P2P transfers, immediate and scheduled.
        key: 'transfers',
        path: '/transfers',
        labelKey: 'nav.items.transfers',
        icon: <SwapOutlined />,
        permission: 'transfers.read',
        page: lazy(() => import('./pages/transfers/TransfersPage')),
      },
      // Limits and cash-out levels (TRX-05, ACC-14), plans (ACC-03) and tariffs (TRX-06).
      {
        key: 'limits',
        path: '/limits',
        labelKey: 'nav.items.limits',
        icon: <SlidersOutlined />,
        permission: 'limits.read',
        page: lazy(() => import('./pages/limits/LimitsPage')),
        routes: [
          { path: '/limits/accounts', page: lazy(() => import('./pages/limits/AccountLimitsPage')) },
          { path: '/limits/accounts/:accountId', page: lazy(() => import('./pages/limits/AccountLimitsPage')) },
        ],
      },
      {
        key: 'plans',
        path: '/plans',
        labelKey: 'nav.items.plans',
        icon: <AppstoreOutlined />,
        permission: 'plans.read',
        page: lazy(() => import('./pages/plans/PlansPage')),
        routes: [{ path: '/plans/:id', page: lazy(() => import('./pages/plans/PlanDetailPage')) }],
      },
      {
        key: 'tariffs',
        path: '/tariffs',
        labelKey: 'nav.items.tariffs',
        icon: <PercentageOutlined />,
        permission: 'tariffs.read',
        page: lazy(() => import('./pages/plans/TariffsPage')),
      },
      // TRX-06: what tariffs brought in, and the charges to collect.
      {
        key: 'revenue',
        path: '/revenue',
        labelKey: 'nav.items.revenue',
        icon: <RiseOutlined />,
        permission: 'revenue.read',
        page: lazy(() => import('./pages/revenue/RevenuePage')),
      },
      {
        key: 'billing',
        path: '/billing',
        labelKey: 'nav.items.billing',
        icon: <DollarOutlined />,
        permission: 'billing.read',
        page: lazy(() => import('./pages/billing/BillingPage')),
      },
    ],
  },
  { key: 'onboarding', labelKey: 'nav.groups.onboarding', icon: <SolutionOutlined />, items: [] },
  { key: 'credit', labelKey: 'nav.groups.credit', icon: <FileSearchOutlined />, items: [] },
  { key: 'contactCenter', labelKey: 'nav.groups.contactCenter', icon: <CustomerServiceOutlined />, items: [] },
  {
    key: 'access',
    labelKey: 'nav.groups.access',
    icon: <TeamOutlined />,
    items: [
      {
        key: 'operators',
        path: '/operators',
        labelKey: 'nav.items.operators',
        icon: <UserOutlined />,
        permission: 'operators.read',
        page: lazy(() => import('./pages/operators/OperatorsPage')),
        routes: [{ path: '/operators/:id', page: lazy(() => import('./pages/operators/OperatorDetailPage')) }],
      },
      {
        key: 'roles',
        path: '/roles',
        labelKey: 'nav.items.roles',
        icon: <SafetyCertificateOutlined />,
        permission: 'roles.read',
        page: lazy(() => import('./pages/roles/RolesPage')),
      },
      {
        key: 'apiKeys',
        path: '/api-keys',
        labelKey: 'nav.items.apiKeys',
        icon: <KeyOutlined />,
        permission: 'api_keys.read',
        page: lazy(() => import('./pages/apiKeys/ApiKeysPage')),
      },
    ],
  },
  {
    // Maker-checker (seed 004): the requests waiting for a second operator, and which actions need one.
    key: 'approvals',
    labelKey: 'nav.groups.approvals',
    icon: <CheckSquareOutlined />,
    items: [
      {
        key: 'approvals',
        path: '/approvals',
        labelKey: 'nav.items.approvals',
        icon: <FileDoneOutlined />,
        permission: 'approvals.read',
        page: lazy(() => import('./pages/approvals/ApprovalsPage')),
        routes: [{ path: '/approvals/:id', page: lazy(() => import('./pages/approvals/ApprovalDetailPage')) }],
      },
      {
        key: 'approvalSettings',
        path: '/approvals/settings',
        labelKey: 'nav.items.approvalSettings',
        icon: <ControlOutlined />,
        permission: 'approvals.read',
        page: lazy(() => import('./pages/approvals/ApprovalSettingsPage')),
      },
    ],
  },
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
      {
        key: 'mailbox',
        path: '/mailbox',
        labelKey: 'nav.items.mailbox',
        icon: <MailOutlined />,
        permission: 'mailbox.read',
        page: lazy(() => import('./pages/mailbox/MailboxPage')),
        routes: [{ path: '/mailbox/:id', page: lazy(() => import('./pages/mailbox/MailMessagePage')) }],
      },
      {
        key: 'audit',
        path: '/audit',
        labelKey: 'nav.items.audit',
        icon: <AuditOutlined />,
        permission: 'audit.read',
        page: lazy(() => import('./pages/audit/AuditPage')),
      },
      {
        // Exportações (PLT-09): the operator's background exports and their download links.
        key: 'exports',
        path: '/exports',
        labelKey: 'nav.items.exports',
        icon: <FileDoneOutlined />,
        permission: 'exports.read',
        page: lazy(() => import('./pages/exports/ExportsPage')),
      },
      {
        // Webhooks (seed 000 "Gatilhos"): triggers and their deliveries log.
        key: 'webhooks',
        path: '/webhooks',
        labelKey: 'nav.items.webhooks',
        icon: <ApiOutlined />,
        permission: 'webhooks.read',
        page: lazy(() => import('./pages/webhooks/TriggersPage')),
        routes: [{ path: '/webhooks/triggers/:id', page: lazy(() => import('./pages/webhooks/TriggerDetailPage')) }],
      },
      {
        key: 'webhookDeliveries',
        path: '/webhooks/deliveries',
        labelKey: 'nav.items.webhookDeliveries',
        icon: <SendOutlined />,
        permission: 'webhooks.read',
        page: lazy(() => import('./pages/webhooks/DeliveriesPage')),
      },
      {
        // Tags (seed 000 "Tags", PLT-13): the tenant's tags; records carry them in their own screens.
        key: 'tags',
        path: '/tags',
        labelKey: 'nav.items.tags',
        icon: <TagsOutlined />,
        permission: 'tags.read',
        page: lazy(() => import('./pages/tags/TagsPage')),
      },
      {
        // Seed 000 "Gerenciar Registros Excluídos" (PLT-14): deleted records of every module, restore.
        key: 'deletedRecords',
        path: '/deleted-records',
        labelKey: 'nav.items.deletedRecords',
        icon: <RestOutlined />,
        permission: 'deleted_records.read',
        page: lazy(() => import('./pages/deleted/DeletedRecordsPage')),
      },
      {
        // Seed 002 "Mensagens" (PLT-12): what the platform operator broadcast, viewed / not viewed.
        key: 'messages',
        path: '/messages',
        labelKey: 'nav.items.messages',
        icon: <BellOutlined />,
        permission: 'messages.read',
        page: lazy(() => import('./pages/messages/MessagesPage')),
      },
      {
        // Seed 000 "Enviar Notificações PUSH" (PLT-11): send, outbox, devices, sandbox gateway.
        key: 'push',
        path: '/push',
        labelKey: 'nav.items.push',
        icon: <MobileOutlined />,
        permission: 'push.read',
        page: lazy(() => import('./pages/push/PushPage')),
      },
      {
        // Seed 000 "Intercom" (PLT-16): the support contact shown in the header.
        key: 'support',
        path: '/support/settings',
        labelKey: 'nav.items.support',
        icon: <CustomerServiceOutlined />,
        permission: 'support.configure',
        page: lazy(() => import('./pages/support/SupportSettingsPage')),
      },
    ],
  },
  {
    // Only in the platform operator's own tenant (platform.* permissions).
    key: 'platformAdmin',
    labelKey: 'nav.groups.platformAdmin',
    icon: <ApartmentOutlined />,
    items: [
      {
        key: 'broadcasts',
        path: '/platform/messages',
        labelKey: 'nav.items.broadcasts',
        icon: <NotificationOutlined />,
        permission: 'platform.messages',
        page: lazy(() => import('./pages/messages/BroadcastsPage')),
      },
      {
        key: 'tenants',
        path: '/platform/tenants',
        labelKey: 'nav.items.tenants',
        icon: <ApartmentOutlined />,
        permission: 'platform.tenants',
        page: lazy(() => import('./pages/messages/TenantsPage')),
      },
    ],
  },
];

/** Screens for everyone, signed in or not (they have their own minimal layout). */
export const publicRoutes: PlainRoute[] = [
  { path: '/sign-in', page: lazy(() => import('./pages/auth/SignInPage')) },
  // First access and password recovery are the same step: the e-mailed code and a new password.
  { path: '/first-access', page: lazy(() => import('./pages/auth/FirstAccessPage')) },
];

/** The forced (or voluntary) password change: signed in, outside the main layout. */
export const changePasswordRoute: PlainRoute = {
  path: '/change-password',
  page: lazy(() => import('./pages/auth/ChangePasswordPage')),
};

/** Signed-in screens without a menu entry (reached from the header's operator menu). */
export const accountRoutes: PlainRoute[] = [
  { path: '/profile', page: lazy(() => import('./pages/profile/ProfilePage')) },
  // Help (PLT-17, the header's Help menu): the user manual and the FAQ from docs/manual.
  { path: '/help/manual/:slug?', page: lazy(() => import('./pages/help/ManualPage')) },
  { path: '/help/faq', page: lazy(() => import('./pages/help/FaqPage')) },
];

export const SIGN_IN_PATH = '/sign-in';

/** Where `/` goes. */
export const HOME_PATH = '/status';

/** True when an operator holding `permissions` may see `item`. */
export function canSee(item: { permission?: string }, permissions: readonly string[]): boolean {
  return !item.permission || permissions.includes(item.permission);
}

/**
 * Groups that have at least one screen the operator may open (the only ones the menu shows),
 * each with only those screens. Without `permissions`, every screen counts.
 */
export function visibleGroups(groups: NavGroup[] = navigation, permissions?: readonly string[]): NavGroup[] {
  return groups
    .map((g) => (permissions ? { ...g, items: g.items.filter((i) => canSee(i, permissions)) } : g))
    .filter((g) => g.items.length > 0);
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
