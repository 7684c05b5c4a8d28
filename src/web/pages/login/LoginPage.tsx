import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useLocation } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { useErrorText } from '../../components/ErrorAlert.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { mayOpen } from '../../shell/nav.js';

interface Values {
  username: string;
  password: string;
}

export function LoginPage() {
  const { me, expired, login, can } = useAuth();
  const { t } = useI18n();
  const errorText = useErrorText();
  const location = useLocation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  if (me) {
    // Back to where the session ended, if this user may be there (another user may have signed in).
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' && mayOpen(from, can) ? from : '/'} replace />;
  }

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await login(v.username.trim(), v.password);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const locked = error instanceof ApiError && error.code === 'ACCOUNT_LOCKED';
  return (
    <div className="login-page">
      <div className="login-lang"><LanguageSwitch onDark /></div>
      <Card className="login-card" variant="borderless">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <div>
            <Typography.Title level={2} style={{ margin: 0 }}>{t('app.name')}</Typography.Title>
            <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          </div>
        </div>
        {expired && !error && <Alert type="info" showIcon title={t('auth.sessionEnded')} className="login-alert" />}
        {error !== undefined && (
          <Alert
            type={locked ? 'warning' : 'error'}
            showIcon
            title={errorText(error)}
            description={locked ? t('auth.lockedHelp') : undefined}
            className="login-alert"
            role="alert"
          />
        )}
        <Form<Values> name="login" layout="vertical" size="large" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="off" autoCorrect="off" spellCheck={false} autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('auth.login')}</Button>
        </Form>
        <Typography.Paragraph type="secondary" className="login-help">{t('auth.forgotHelp')}</Typography.Paragraph>
      </Card>
    </div>
  );
}
