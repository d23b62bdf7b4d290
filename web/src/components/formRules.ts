// Form rules shared by the console's forms.
import type { FormRule } from 'antd';

/**
 * A Brazilian phone with area code (10 or 11 digits, masks ignored); `mobile` wants a mobile
 * number (11 digits, the ninth digit first). Empty passes unless `required`.
 */
export function phoneRule(message: string, { mobile = false, required = false } = {}): FormRule {
  return {
    validator: (_, v: string | undefined) => {
      const d = (v ?? '').replace(/\D/g, '');
      const ok = !d ? !required : mobile ? d.length === 11 && d[2] === '9' : d.length === 10 || d.length === 11;
      return ok ? Promise.resolve() : Promise.reject(new Error(message));
    },
  };
}
