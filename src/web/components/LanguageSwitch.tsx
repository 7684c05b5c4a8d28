import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider.js';

/** One tap to the other language; the label names the language it switches to, in that language. */
export function LanguageSwitch({ onDark = false, compact = false }: { onDark?: boolean; compact?: boolean }) {
  const { locale, setLocale, t } = useI18n();
  const next = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      onClick={() => setLocale(next)}
      title={t('lang.switchTitle')}
      style={onDark ? { color: '#fff' } : undefined}
    >
      {next === 'en' ? (compact ? 'EN' : 'English') : '中文'}
    </Button>
  );
}
