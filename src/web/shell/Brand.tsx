import { useI18n } from '../i18n/I18nProvider.js';

export function Brand({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  return (
    <div className={compact ? 'brand brand-compact' : 'brand'}>
      <img src="/favicon.svg" alt="" className="brand-mark" />
      <div>
        <div className="brand-name">{t('app.name')}</div>
        {!compact && <div className="brand-sub">{t('app.subtitle')}</div>}
      </div>
    </div>
  );
}
