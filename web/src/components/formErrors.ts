import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { translatedFormFields } from '../api/problemText';
import type { Locale } from '../format';

/**
 * Puts a problem's field messages (translated) next to the form's fields. Messages about fields
 * the form does not have are left for the alert. Returns true when every field message found a
 * field, so the alert need not list them again.
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  t: TFunction,
  locale: Locale,
  formFields: readonly string[],
  /** Server field name → form field name, when they differ. */
  rename: Record<string, string> = {},
): boolean {
  const fields = translatedFormFields(error, t, locale).map((f) => ({ ...f, name: rename[f.name] ?? f.name }));
  const known = fields.filter((f) => formFields.includes(f.name));
  if (known.length) form.setFields(known);
  return fields.length > 0 && known.length === fields.length;
}
