// The server writes problem+json titles, details and field messages in English (for logs and
// API clients). The console shows them in the operator's language: known messages map to i18n
// keys (problems.*), the rest are shown as the server wrote them.
import type { TFunction } from 'i18next';
import { isApiError } from './client';
import { formatDateTime, type Locale } from '../format';

/** `t` for keys built at run time (the typed `t` only takes literal keys). */
export type LooseT = (key: string, options?: Record<string, unknown>) => string;
export const loose = (t: TFunction) => t as unknown as LooseT;

// Exact messages (detail or field message) → key under problems.messages.
const EXACT: Record<string, string> = {
  'E-mail or password is incorrect.': 'badCredentials',
  'Enter the code from your authenticator app.': 'totpRequired',
  'The authenticator code is required.': 'totpRequired',
  'The authenticator code is not valid.': 'totpInvalid',
  'This operator may use the API only, not the console.': 'apiOnly',
  'Your session has ended. Sign in again.': 'sessionEnded',
  'Your session has expired. Sign in again.': 'sessionExpired',
  'Sign in or send an API key.': 'signInRequired',
  'Sign in to continue.': 'signInRequired',
  'Sign in to read the mailbox.': 'signInRequired',
  'Missing or wrong X-CSRF-Token header.': 'csrf',
  'Your password expired. Choose a new one to continue.': 'passwordExpired',
  expired: 'passwordExpiredField',
  'The code is wrong or expired. Ask for a new one.': 'codeInvalid',
  'The password does not meet the password policy.': 'passwordPolicy',
  'The password must have at least 8 characters.': 'password.too_short',
  'The password must have at most 128 characters.': 'password.too_long',
  'The password must contain an upper-case letter.': 'password.missing_upper',
  'The password must contain a lower-case letter.': 'password.missing_lower',
  'The password must contain a digit.': 'password.missing_digit',
  'The password must contain a special character (anything but a letter or a digit).': 'password.missing_special',
  'The password must not contain sequential digits such as 123 or 987.': 'password.sequential_digits',
  "The password must not contain the operator's or the company's name.": 'password.contains_name',
  "The password must not contain the operator's or the company's e-mail.": 'password.contains_email',
  'Choose a password different from the previous one.': 'password.repeated',
  'The current password is not correct.': 'currentPasswordWrong',
  'The password is not correct.': 'passwordWrong',
  'Two-factor authentication is already on.': 'totpAlreadyOn',
  'Start the enrolment first.': 'totpStartFirst',
  'The code does not match. Check the time on your phone and try again.': 'totpMismatch',
  'A name of 1 to 120 characters is required.': 'nameRequired',
  'A valid e-mail is required.': 'emailInvalid',
  'Another operator already uses this e-mail.': 'emailTaken',
  'A tag with this name exists.': 'tagNameTaken',
  "Another operator now uses this e-mail; change that operator's e-mail first.": 'restoreEmailTaken',
  'Another operator now uses this e-mail.': 'restoreEmailTakenField',
  'No deleted record with this type and id.': 'deletedNotFound',
  'A phone with area code, 10 or 11 digits, e.g. (11) 91234-5678.': 'phoneInvalid',
  'Unknown role.': 'roleUnknown',
  'A daily query limit of at least 1 is required for this role.': 'dailyLimitRequired',
  'A monthly query limit of at least 1 is required for this role.': 'monthlyLimitRequired',
  'The daily limit cannot be greater than the monthly limit.': 'dailyAboveMonthly',
  'Must be console, api or both.': 'accessInterfaceInvalid',
  'Some fields are invalid.': 'someFieldsInvalid',
  'You cannot change your own role.': 'ownRole',
  'You cannot disable yourself.': 'disableSelf',
  'You cannot delete yourself.': 'deleteSelf',
  'Operator not found.': 'operatorNotFound',
  'Built-in roles cannot be changed; create a custom role instead.': 'builtInRoleChange',
  'Built-in roles cannot be deleted.': 'builtInRoleDelete',
  'Operators still have this role; give them another role first.': 'roleInUse',
  'Role not found.': 'roleNotFound',
  'A role with this name exists.': 'roleNameTaken',
  'Choose at least one permission.': 'permissionsRequired',
  'Unknown operator.': 'operatorUnknown',
  'This operator may use the console only; set the access interface to API.': 'operatorConsoleOnly',
  'API key not found.': 'apiKeyNotFound',
  'The key is already revoked.': 'apiKeyRevoked',
  'No such message.': 'messageNotFound',
  'This field is required.': 'required',
  'Must be an integer.': 'integer',
  'The database is busy or unreachable; try again.': 'unavailable',
  'Must be true or false.': 'boolean',
  'You cannot do this to yourself.': 'notToYourself',
  'The operator is disabled; enable them first.': 'operatorDisabledFirst',
  // Maker-checker (platform/approvals).
  'You made this request; another operator must check it.': 'makerCannotCheck',
  'Another checker already picked this request up.': 'alreadyPickedUp',
  'This request is no longer pending.': 'notPending',
  'This request expired.': 'requestExpired',
  'Pick the request up first.': 'pickUpFirst',
  'This request was already decided.': 'alreadyDecided',
  'Another checker picked this request up.': 'pickedByOther',
  'This action is no longer available.': 'actionUnavailable',
  'Approval request not found.': 'approvalNotFound',
  'Say why the request is rejected.': 'rejectReason',
  'Must be from 1 to 720 hours.': 'hoursRange',
  'Unknown status.': 'statusUnknown',
  // Webhooks (platform/webhooks).
  'The URL is required and must have at most 2000 characters.': 'webhookUrlLength',
  'The URL is not valid.': 'webhookUrlInvalid',
  'The URL has no host.': 'webhookUrlNoHost',
  'The URL must not carry credentials.': 'webhookUrlCredentials',
  'The URL must use https.': 'webhookUrlHttps',
  'The URL must use https (http is accepted only for 127.0.0.1, ::1 and localhost).': 'webhookUrlHttpsLoopback',
  'Choose at least one event type.': 'webhookEventTypesRequired',
  'Trigger not found.': 'webhookTriggerNotFound',
  'Delivery not found.': 'webhookDeliveryNotFound',
  "The delivery's trigger was deleted.": 'webhookTriggerDeleted',
  // Messages, support contact, push notifications (platform/messages, support, push).
  'This customer has no active device registered.': 'pushNoDevice',
  "The institution's messaging resource is disabled; a platform administrator can enable it.": 'messagingDisabled',
  'messaging is disabled for this institution.': 'messagingDisabled',
  'Use an https:// address.': 'httpsRequired',
  'Give a link, an e-mail or a phone number.': 'supportContactRequired',
  'Use an ISO 8601 instant such as 2026-12-01T09:00:00-03:00.': 'instantInvalid',
  'Must be after publish_from.': 'publishWindow',
  'Choose at least one institution.': 'tenantsRequired',
  // Customers, partners, documents (banking/customers).
  'Another customer already has this document.': 'customerDocumentTaken',
  'Another customer registered since the deletion already has this document.': 'customerDocumentTaken',
  'Another partner of this customer already has this document.': 'partnerDocumentTaken',
  'A company cannot be its own partner.': 'partnerItself',
  'Customer not found.': 'customerNotFound',
  'Partner not found.': 'partnerNotFound',
  'Document not found.': 'documentNotFound',
  'The customer has accounts; only a customer registered by mistake, with no accounts, can be deleted.': 'customerHasAccounts',
  'Only companies (PJ) have partners; this customer is a person (PF).': 'partnersOnlyPj',
  "The partner's customer was deleted; restore the customer first.": 'partnerCustomerDeleted',
  'The file is not a PDF, PNG, JPEG, WebP or HEIC image.': 'documentType',
  'The file is too large.': 'documentTooLarge',
  'Send the file\'s bytes as the request body.': 'documentEmpty',
  'Say why the document is rejected.': 'documentRejectReason',
  'Use a valid e-mail address.': 'emailInvalid',
  'Use a mobile number with area code, e.g. (11) 98765-4321.': 'mobileInvalid',
  'Use a phone number with area code, e.g. (11) 3265-4321.': 'phoneInvalid',
  'Use a phone number with area code, e.g. (11) 98765-4321.': 'phoneInvalid',
  'The CEP has 8 digits, e.g. 01310-100.': 'cepInvalid',
  'Use one of the 27 federative units, e.g. SP.': 'ufInvalid',
  'Use a date as YYYY-MM-DD.': 'dateInvalid',
  'The date cannot be in the future.': 'dateFuture',
  'The date cannot be before 1900.': 'dateTooOld',
  // Accounts and P2P transfers (banking/accounts, banking/transfers).
  'The account still holds money; move the residual balance first.': 'accountHoldsMoney',
  'A sub-account still holds money; redeem it first.': 'subAccountHoldsMoney',
  'Only an active account can be suspended.': 'accountSuspendActiveOnly',
  'Only a suspended account can be reactivated.': 'accountReactivateSuspendedOnly',
  'The account is cancelled.': 'accountCancelled',
  'The account is cancelled already.': 'accountCancelledAlready',
  'The account is suspended.': 'accountSuspended',
  'The residual balance only goes to an account of the same holder.': 'residualSameHolder',
  'The receiving account is not active.': 'receivingNotActive',
  'There is no balance to move.': 'noBalanceToMove',
  'The sub-account has no balance to redeem.': 'noBalanceToRedeem',
  'The night period starts between 18:00 and 22:00.': 'nightStartRange',
  'No such plan.': 'planUnknown',
  'No such account.': 'accountUnknown',
  'Choose another account.': 'chooseAnotherAccount',
  'Only a scheduled transfer can be cancelled.': 'transferCancelScheduledOnly',
  'Only a failed transfer can be processed again.': 'transferProcessFailedOnly',
  'Schedule from today up to a year ahead.': 'scheduleWindow',
  'The main account is not active.': 'mainAccountInactive',
  'The main account is cancelled.': 'mainAccountCancelled',
  'Sub-accounts hang from a main account.': 'subAccountOfMain',
  'Only a sub-account is redeemed into its main account.': 'redeemSubOnly',
  'The account uses more overdraft than this plan grants.': 'planOverdraftInUse',
  'Say why the account is suspended (up to 500 characters).': 'suspendReason',
  'Say why the account is cancelled (up to 500 characters).': 'cancelReason',
  'Only a completed P2P transfer can be charged back.': 'chargebackNotCompleted',
  'This transfer was charged back in full already.': 'chargebackFull',
  'Charge not found.': 'chargeNotFound',
  'Only a pending charge can be collected.': 'chargeNotPendingCollect',
  'Only a pending charge can be waived.': 'chargeNotPendingWaive',
  "The account's available balance does not cover the charge yet.": 'chargeBalanceShort',
};

// Messages with a variable part → key and how to name the captured value.
// `arg` names the first captured value; `args` names them all when there are several.
const PATTERNS: { re: RegExp; key: string; arg: string; args?: string[]; time?: boolean }[] = [
  { re: /^Too many failed attempts\. Try again after (.+)\.$/, key: 'locked', arg: 'time', time: true },
  { re: /^You need the permission '(.+)'\.$/, key: 'permissionNeeded', arg: 'permission' },
  { re: /^You cannot grant '(.+)', which you do not hold\.$/, key: 'cannotGrant', arg: 'permission' },
  { re: /^Unknown permission '(.+)'\.$/, key: 'permissionUnknown', arg: 'permission' },
  { re: /^Must have at least (\d+) characters\.$/, key: 'minLength', arg: 'count' },
  { re: /^Must have at most (\d+) characters\.$/, key: 'maxLength', arg: 'count' },
  { re: /^Must be between (-?\d+) and (-?\d+)\.$/, key: 'between', arg: 'min', args: ['min', 'max'] },
  { re: /^Unknown action '(.+)'\.$/, key: 'actionUnknown', arg: 'action' },
  { re: /^Unknown event type '(.+)'\.$/, key: 'webhookEventTypeUnknown', arg: 'type' },
  { re: /^A tenant can have at most (\d+) triggers\.$/, key: 'webhookTriggersMax', arg: 'count' },
  { re: /^A record can carry at most (\d+) tags\.$/, key: 'tagsPerRecordMax', arg: 'count' },
  {
    re: /^The partners' shares would add up to (\d+) basis points, more than 10000 \(100 %\); (-?\d+) remain for this partner\.$/,
    key: 'shareExceeded',
    arg: 'total',
    args: ['total', 'available'],
  },
  { re: /^The document was already (approved|rejected) by (.*)\.$/, key: 'documentReviewed', arg: 'status', args: ['status', 'name'] },
];

/** The message in the console's language, or the server's text when it is not a known one. */
export function translateMessage(message: string | undefined, t: TFunction, locale: Locale): string | undefined {
  if (!message) return message;
  const exact = EXACT[message];
  if (exact) return loose(t)(`problems.messages.${exact}`);
  for (const p of PATTERNS) {
    const m = p.re.exec(message);
    if (m) {
      if (p.args) return loose(t)(`problems.messages.${p.key}`, Object.fromEntries(p.args.map((name, i) => [name, m[i + 1]])));
      const value = p.time ? formatDateTime(m[1], locale) : m[1];
      return loose(t)(`problems.messages.${p.key}`, { [p.arg]: value });
    }
  }
  return message;
}

const TITLE_SLUGS = new Set([
  'invalid',
  'not_found',
  'conflict',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'unavailable',
  'internal',
  'payload_too_large',
  'timeout',
]);

/** The problem's title in the console's language (by its `type`), else the server's title. */
export function problemTitle(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('errors.unknown');
  if (error.kind === 'network') return t('errors.network');
  if (error.kind === 'parse') return t('errors.parse');
  const slug = error.type?.split('/').pop();
  if (slug && TITLE_SLUGS.has(slug)) return loose(t)(`problems.titles.${slug}`);
  return error.title ?? (t('errors.http', { status: error.status }) as string);
}

/** Field errors translated and grouped per field, in the shape antd's `form.setFields` takes. */
export function translatedFormFields(error: unknown, t: TFunction, locale: Locale) {
  if (!isApiError(error)) return [];
  const byField = new Map<string, string[]>();
  for (const f of error.fields) {
    const text = translateMessage(f.message, t, locale) ?? f.message;
    const list = byField.get(f.field) ?? [];
    if (!list.includes(text)) list.push(text);
    byField.set(f.field, list);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}

/** True for the 403 every call answers while the operator's password has expired. */
export function isPasswordExpired(error: unknown): boolean {
  return (
    isApiError(error) &&
    error.status === 403 &&
    error.fields.some((f) => f.field === 'password' && f.message === 'expired')
  );
}
