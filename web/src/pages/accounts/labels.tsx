// Labels and small pieces shared by the accounts and transfers screens: status tags (text and
// colour), kind names, the account's number as agência/conta-dígito, amounts coloured by sign and
// the R$ amount input that hands back centavos.
import { InputNumber, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccountKind, AccountStatus } from '../../api/accounts';
import type { Transfer, TransferStatus } from '../../api/transfers';
import { translateMessage } from '../../api/problemText';
import { formatMoney } from '../../format';
import { currentLanguage } from '../../i18n';

export function useAccountLabels() {
  const { t } = useTranslation();
  const locale = currentLanguage();
  return {
    kind: (k: AccountKind) => t(`accounts.kind.${k}`),
    status: (s: AccountStatus) => t(`accounts.status.${s}`),
    transferStatus: (s: TransferStatus) => t(`transfers.status.${s}`),
    /**
     * Why a transfer failed, in the console's language. The server writes the reason in pt-BR,
     * quoting an account's problem in English ("Conta de origem: The account is suspended.").
     */
    failure: (tr: Pick<Transfer, 'failure_code' | 'failure_reason'>) => {
      const reason = tr.failure_reason ?? '';
      const side = /^Conta de (origem|destino): (.*)$/.exec(reason);
      if (side) {
        const detail = translateMessage(side[2], t, locale) ?? side[2];
        return side[1] === 'origem' ? t('transfers.failure.from', { reason: detail }) : t('transfers.failure.to', { reason: detail });
      }
      if (locale !== 'pt-BR' && tr.failure_code === 'insufficient_funds') return t('transfers.failure.insufficientFunds');
      return reason;
    },
  };
}

const ACCOUNT_COLOR: Record<AccountStatus, string> = { active: 'green', suspended: 'gold', cancelled: 'default' };
const TRANSFER_COLOR: Record<TransferStatus, string> = { scheduled: 'blue', completed: 'green', failed: 'red', cancelled: 'default' };

export function AccountStatusTag({ status, testId = 'account-status' }: { status: AccountStatus; testId?: string }) {
  const labels = useAccountLabels();
  return (
    <Tag color={ACCOUNT_COLOR[status]} data-testid={testId}>
      {labels.status(status)}
    </Tag>
  );
}

export function TransferStatusTag({ status }: { status: TransferStatus }) {
  const labels = useAccountLabels();
  return (
    <Tag color={TRANSFER_COLOR[status]} data-testid="transfer-status">
      {labels.transferStatus(status)}
    </Tag>
  );
}

/** "0001 / 10000001-5", never broken across lines. */
export function AccountNumber({ account }: { account: { branch: string; number: string; check_digit: string } }) {
  return (
    <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }} data-testid="account-number">
      {account.branch} / {account.number}-{account.check_digit}
    </span>
  );
}

/** Money with credits in green and debits in red; the sign is in the text too. */
export function SignedMoney({ centavos, muted = false }: { centavos: number; muted?: boolean }) {
  const type = muted ? 'secondary' : centavos < 0 ? 'danger' : centavos > 0 ? 'success' : undefined;
  return (
    <Typography.Text type={type} style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      {centavos > 0 ? '+' : ''}
      {formatMoney(centavos)}
    </Typography.Text>
  );
}

/** Reais typed with the Brazilian decimal comma and thousands dots; the form keeps reais. */
export function MoneyInput({ testId, ...props }: { testId?: string; id?: string; value?: number | null; onChange?: (v: number | null) => void; min?: number }) {
  const pt = currentLanguage() === 'pt-BR';
  return (
    <InputNumber<number>
      {...props}
      min={props.min ?? 0.01}
      precision={2}
      prefix="R$"
      decimalSeparator={pt ? ',' : '.'}
      formatter={(v, info) => {
        if (info.userTyping) return info.input;
        if (v === undefined || v === null || `${v}` === '') return '';
        const [int, frac = ''] = `${v}`.split('.');
        const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, pt ? '.' : ',');
        return `${grouped}${pt ? ',' : '.'}${frac.padEnd(2, '0').slice(0, 2)}`;
      }}
      parser={(text) => {
        const s = (text ?? '').replace(/[^\d.,-]/g, '');
        const normal = pt ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
        const n = Number(normal);
        return Number.isFinite(n) ? n : 0;
      }}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

/** Reais from a MoneyInput → integer centavos for the API. */
export const toCentavos = (reais: number) => Math.round(reais * 100);
