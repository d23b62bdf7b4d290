// An account named by its id (transfers carry ids only): its number linked to its page and its
// holder. Each account is fetched once and shared through the query cache.
import { Link } from 'react-router-dom';
import { Flex, Typography } from 'antd';
import { accountLabel, useAccount } from '../../api/accounts';

export default function AccountRef({ id, showHolder = true }: { id: string; showHolder?: boolean }) {
  const query = useAccount(id);
  const a = query.data;
  if (!a) return <Typography.Text type="secondary">{query.isPending ? '…' : id}</Typography.Text>;
  return (
    <Flex vertical>
      <Link to={`/accounts/${a.id}`} style={{ whiteSpace: 'nowrap' }} data-testid="account-ref">
        {accountLabel(a)}
      </Link>
      {showHolder && <Typography.Text type="secondary">{a.holder.name}</Typography.Text>}
    </Flex>
  );
}
