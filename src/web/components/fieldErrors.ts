import type { FormInstance, FormRule } from 'antd';
import { FIELD_MESSAGES, format, type FieldMessageCode, type Locale } from '../../shared/messages.js';
import type { Check, Failure } from '../../shared/validators/index.js';
import { ApiError } from '../api/client.js';

const isFieldCode = (code: string | undefined): code is FieldMessageCode => Boolean(code && code in FIELD_MESSAGES);

/** A validator's failure in the user's language, naming the field as the form labels it. */
export function failureText(failure: Failure, locale: Locale, fieldLabel: string): string {
  return format(FIELD_MESSAGES[failure.code][locale], { ...failure.params, field: fieldLabel });
}

/** A form rule from one of the shared validators, so the phone says what the server would say, before sending. */
export function checkRule<T>(check: (value: string) => Check<T>, label: string, locale: Locale, optional = false): FormRule {
  return {
    validator: (_, raw?: string) => {
      if (optional && !raw?.trim()) return Promise.resolve();
      const result = check(raw ?? '');
      return result.ok ? Promise.resolve() : Promise.reject(new Error(failureText(result, locale, label)));
    },
  };
}

/**
 * Puts the server's field errors on the form's fields. Known codes are re-worded with the form's own
 * labels; others keep the server's message. `rename` maps a server field to the form's name for it.
 * Returns false when none of the errors belonged to a field shown.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  locale: Locale,
  labels: Record<string, string>,
  rename: Record<string, string> = {},
): boolean {
  if (!(error instanceof ApiError)) return false;
  const byField = new Map<string, string[]>();
  for (const f of error.fields) {
    const name = f.field.split('.')[0];
    if (!(name in labels)) continue;
    const text = isFieldCode(f.code)
      ? format(FIELD_MESSAGES[f.code][locale], { ...f.params, field: labels[name] })
      : f.message;
    const formName = rename[name] ?? name;
    byField.set(formName, [...(byField.get(formName) ?? []), text]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
