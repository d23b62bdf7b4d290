// The password policy (seed 002, src/identity/password_policy.hpp) as text plus live hints.
// The checks here mirror the server's so the operator sees what is missing while typing; the
// server stays the judge (it also knows the operator's and the company's names).
import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const isUpper = (c: string) => /[A-Z\u00C0-\u00D6\u00D8-\u00DE]/.test(c);
const isLower = (c: string) => /[a-z\u00DF-\u00F6\u00F8-\u00FF]/.test(c);
const isDigit = (c: string) => /[0-9]/.test(c);

/** Longest run of adjacent digits going up or down by one ("123" → 3, "121" → 2). */
export function longestSequentialRun(password: string): number {
  let longest = 0;
  let up = 0;
  let down = 0;
  let previous = -10;
  for (const c of password) {
    if (!isDigit(c)) {
      up = down = 0;
      previous = -10;
      continue;
    }
    const d = c.charCodeAt(0) - 48;
    const afterDigit = up > 0;
    up = afterDigit && d === previous + 1 ? up + 1 : 1;
    down = afterDigit && d === previous - 1 ? down + 1 : 1;
    longest = Math.max(longest, up, down);
    previous = d;
  }
  return longest;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export type RuleState = 'ok' | 'bad' | 'todo';

export interface RuleCheck {
  key: 'length' | 'upper' | 'lower' | 'digit' | 'special' | 'sequence' | 'personal';
  state: RuleState;
}

/** Each rule's state for `password`; `email`/`name` (when known) feed the "personal data" rule. */
export function checkPassword(password: string, context: { email?: string; name?: string } = {}): RuleCheck[] {
  const chars = [...password];
  const empty = chars.length === 0;
  const has = (test: (c: string) => boolean) => chars.some(test);
  const state = (ok: boolean): RuleState => (ok ? 'ok' : empty ? 'todo' : 'bad');
  const folded = fold(password);
  const needles: string[] = [];
  const email = fold(context.email?.trim() ?? '');
  if (email) {
    needles.push(email);
    const local = email.slice(0, email.lastIndexOf('@'));
    if (email.includes('@') && [...local].length >= 3) needles.push(local);
  }
  for (const word of fold(context.name ?? '').split(/[^a-z0-9\u0100-\uffff]+/)) if (word.length >= 3) needles.push(word);
  const personal = needles.some((n) => folded.includes(n));
  return [
    { key: 'length', state: state(chars.length >= 8 && chars.length <= 128) },
    { key: 'upper', state: state(has(isUpper)) },
    { key: 'lower', state: state(has(isLower)) },
    { key: 'digit', state: state(has(isDigit)) },
    { key: 'special', state: state(has((c) => !isUpper(c) && !isLower(c) && !isDigit(c))) },
    { key: 'sequence', state: empty ? 'todo' : longestSequentialRun(password) > 2 ? 'bad' : 'ok' },
    { key: 'personal', state: empty ? 'todo' : personal ? 'bad' : 'ok' },
  ];
}

/** True when every rule the console can check passes. */
export function passwordLooksValid(password: string, context: { email?: string; name?: string } = {}): boolean {
  return checkPassword(password, context).every((r) => r.state === 'ok');
}

export default function PasswordRules({
  password,
  email,
  name,
  id,
}: {
  password: string;
  email?: string;
  name?: string;
  /** For aria-describedby on the password input. */
  id?: string;
}) {
  const { t } = useTranslation();
  const checks = checkPassword(password, { email, name });
  return (
    <div id={id} data-testid="password-rules">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }} data-testid="password-policy">
        {t('password.policy')}
      </Typography.Paragraph>
      <ul className="rg-rules" aria-live="polite">
        {checks.map((c) => (
          <li key={c.key} className={c.state} data-testid={`password-rule-${c.key}`} data-state={c.state}>
            {c.state === 'ok' ? (
              <CheckCircleFilled aria-hidden />
            ) : c.state === 'bad' ? (
              <CloseCircleFilled aria-hidden />
            ) : (
              <MinusCircleOutlined aria-hidden />
            )}
            <span>
              {t(`password.rules.${c.key}`)}
              <span className="rg-visually-hidden">
                {' — '}
                {t(`password.ruleState.${c.state}`)}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
