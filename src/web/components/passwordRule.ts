import type { FormRule } from 'antd';
import type { UiKey } from '../../shared/i18n/index.js';
import { FIELD_MESSAGES, type Locale } from '../../shared/messages.js';

/** The server's password policy, checked before sending: 8+ characters with letters and digits. */
export function passwordRule(t: (key: UiKey) => string, locale: Locale): FormRule {
  return {
    validator: (_, value: string | undefined) => {
      if (!value) return Promise.reject(new Error(t('form.required')));
      const ok = value.length >= 8 && /[A-Za-z]/.test(value) && /\d/.test(value);
      return ok ? Promise.resolve() : Promise.reject(new Error(FIELD_MESSAGES.PASSWORD_WEAK[locale]));
    },
  };
}
