import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import enUS from 'antd/es/locale/en_US.js';
import zhCN from 'antd/es/locale/zh_CN.js';
import type { Locale } from '../../shared/messages.js';

// antd's ES build has no "type": "module", so TypeScript (NodeNext) types these default imports as
// CommonJS namespaces; the bundler hands over the locale objects themselves.
export const ANTD_LOCALES: Record<Locale, AntdLocale> = {
  'zh-CN': zhCN as unknown as AntdLocale,
  en: enUS as unknown as AntdLocale,
};
