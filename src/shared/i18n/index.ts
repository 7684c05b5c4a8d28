import { format, type Locale } from '../messages.js';
import { EN } from './en.js';
import { ZH_CN, type UiKey } from './zh-CN.js';

export type { UiKey };

export const UI_TEXT: Record<Locale, Record<UiKey, string>> = { 'zh-CN': ZH_CN, en: EN };

/** A UI string in the given locale, with {placeholders} filled in. */
export function translate(locale: Locale, key: UiKey, params?: Record<string, unknown>): string {
  return format(UI_TEXT[locale][key], params);
}
