import { Alert } from 'antd';
import { ApiError, NETWORK_ERROR } from '../api/client.js';
import { useI18n } from '../i18n/I18nProvider.js';

/** The server's message when it gave one (already in the user's language), else a plain fallback. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  return (error) => {
    if (error instanceof ApiError && error.code === NETWORK_ERROR) return t('error.network');
    if (error instanceof ApiError && error.message) return error.message;
    return t('error.unexpected');
  };
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = useErrorText();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={text(error)}
      action={onRetry ? <a onClick={onRetry}>{t('common.retry')}</a> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
