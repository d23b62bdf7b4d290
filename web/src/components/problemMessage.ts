import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';
import { problemTitle, translateMessage } from '../api/problemText';
import { currentLanguage } from '../i18n';

/** A failed request in one line for a toast: the problem's title and its detail, translated. */
export function problemMessage(error: unknown, t: TFunction): string {
  const detail = isApiError(error) ? translateMessage(error.detail, t, currentLanguage()) : undefined;
  return detail ? `${problemTitle(error, t)}: ${detail}` : problemTitle(error, t);
}
