import { useState } from 'react';
import { App, Form, Input, Modal, Typography } from 'antd';
import { api } from '../../api/client.js';
import type { UserView } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { passwordRule } from '../../components/passwordRule.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/** Sets a new password for someone who forgot theirs; their open sessions end. */
export function ResetPasswordModal({ user, onClose }: { user: UserView; onClose(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async ({ password }: { password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/users/${user.id}/password`, { password });
      message.success(t('users.passwordReset', { name: user.displayName }));
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('users.resetPassword')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}>
      <Typography.Paragraph>{t('users.resetIntro', { name: `${user.displayName}（${user.username}）` })}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} name="resetPassword" layout="vertical" onFinish={submit}>
        <Form.Item name="password" label={t('auth.newPassword')} required rules={[passwordRule(t, locale)]} extra={t('auth.passwordHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
