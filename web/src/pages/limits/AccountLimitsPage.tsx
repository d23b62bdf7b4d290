// "Limites da conta": one account's limits by its id, until the account page embeds
// AccountLimitsCard (the accounts module links here meanwhile).
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Flex, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { DetailCrumbs } from '../../components/detail';
import { PageHeader } from '../../components/list';
import AccountLimitsCard from './AccountLimitsCard';

export default function AccountLimitsPage() {
  const { t } = useTranslation();
  const { accountId } = useParams();
  const navigate = useNavigate();
  const [typed, setTyped] = useState(accountId ?? '');
  const valid = /^\d{1,18}$/.test(typed.trim());
  return (
    <Flex vertical gap={16} data-testid="account-limits-page">
      <DetailCrumbs list={t('nav.items.limits')} to="/limits" current={accountId} />
      <PageHeader
        title={t('limits.account.title')}
        extra={
          <Flex gap={8}>
            <Input
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              onPressEnter={() => valid && navigate(`/limits/accounts/${typed.trim()}`)}
              placeholder={t('limits.account.lookup')}
              aria-label={t('limits.account.lookup')}
              style={{ width: 240 }}
              data-testid="account-limits-id"
            />
            <Button disabled={!valid} onClick={() => navigate(`/limits/accounts/${typed.trim()}`)} data-testid="account-limits-open">
              {t('limits.account.open')}
            </Button>
          </Flex>
        }
      />
      {accountId && <AccountLimitsCard key={accountId} accountId={accountId} />}
    </Flex>
  );
}
