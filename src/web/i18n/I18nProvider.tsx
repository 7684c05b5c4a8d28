import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import type { Locale } from '../../shared/messages.js';
import { translate, type UiKey } from '../../shared/i18n/index.js';

/** A label in both locales, as the shared modules write them. */
export type LabelPair = { 'zh-CN': string; en: string } | { zh: string; en: string };

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: UiKey, params?: Record<string, unknown>): string;
  pick(label: LabelPair): string;
}

const STORAGE_KEY = 'anning_locale';
/** The server localizes its error messages from this cookie. */
const LOCALE_COOKIE = 'anning_locale';

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLocale(locale: Locale): void {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = locale;
  document.title = translate(locale, 'app.title');
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = storedLocale();
    applyLocale(initial);
    return initial;
  });

  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the cookie still carries the choice for this session.
    }
    applyLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(() => ({
    locale,
    setLocale,
    t: (key, params) => translate(locale, key, params),
    pick: (label) => (locale === 'en' ? label.en : 'zh' in label ? label.zh : label['zh-CN']),
  }), [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
