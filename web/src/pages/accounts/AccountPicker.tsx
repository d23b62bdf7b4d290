// Picks an account: typing an account number ("10000001" or "10000001-5") asks the API for it;
// without a search the newest accounts (of `customerId` when given) are offered.
import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { accountLabel, useAccount, useAccounts, type Account, type AccountStatus } from '../../api/accounts';

export default function AccountPicker({
  id,
  value,
  onChange,
  customerId,
  status = 'active',
  exclude,
  testId,
  placeholder,
}: {
  id?: string;
  value?: string;
  onChange?: (id: string | undefined, account?: Account) => void;
  customerId?: string;
  /** Only accounts with this status ('any': all). */
  status?: AccountStatus | 'any';
  /** An account not to offer (the other side of a transfer). */
  exclude?: string;
  testId?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const number = search.replace(/[^\d-]/g, '');
  const query = useAccounts({ customer_id: customerId, status: status === 'any' ? undefined : status, number: number || undefined, page_size: 20 });
  // The chosen account stays named even when the search no longer lists it.
  const chosen = useAccount(value).data;
  const listed = (query.data?.items ?? []).filter((a) => a.id !== exclude);
  const items = chosen && !listed.some((a) => a.id === chosen.id) ? [chosen, ...listed] : listed;
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(v: string | undefined) => onChange?.(v, items.find((a) => a.id === v))}
      loading={query.isFetching}
      placeholder={placeholder ?? t('accounts.picker.placeholder')}
      notFoundContent={query.isFetching ? undefined : t('accounts.picker.none')}
      options={items.map((a) => ({
        value: a.id,
        label: `${accountLabel(a)} · ${a.holder.name}${a.kind !== 'main' ? ` (${t(`accounts.kind.${a.kind}`)})` : ''}`,
      }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
