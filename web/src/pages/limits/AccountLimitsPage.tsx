// "Limites da conta": one account's limits, the account found by its number with the accounts
// module's picker (any status); the account page shows the same card in its "Limites" tab.
import { useNavigate, useParams } from 'react-router-dom';
import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { accountLabel, useAccount } from '../../api/accounts';
import { DetailCrumbs } from '../../components/detail';
import { PageHeader } from '../../components/list';
import AccountPicker from '../accounts/AccountPicker';
import AccountLimitsCard from './AccountLimitsCard';

export default function AccountLimitsPage() {
  const { t } = useTranslation();
  const { accountId } = useParams();
  const navigate = useNavigate();
  const account = useAccount(accountId).data;
  return (
    <Flex vertical gap={16} data-testid="account-limits-page">
      <DetailCrumbs list={t('nav.items.limits')} to="/limits" current={account ? accountLabel(account) : accountId} />
      <PageHeader
        title={t('limits.account.title')}
        extra={
          <div style={{ width: 360 }}>
            <AccountPicker
              value={accountId}
              status="any"
              onChange={(id) => navigate(id ? `/limits/accounts/${id}` : '/limits/accounts')}
              placeholder={t('limits.account.lookup')}
              testId="account-limits-picker"
            />
          </div>
        }
      />
      {accountId && <AccountLimitsCard key={accountId} accountId={accountId} />}
    </Flex>
  );
}
