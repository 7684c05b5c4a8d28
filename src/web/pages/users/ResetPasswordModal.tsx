import { App, Form, Input, Typography } from 'antd';
import { api } from '../../api/client.js';
import type { UserView } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { passwordRule } from '../../components/passwordRule.js';
import { useFormSubmit } from '../../components/useFormSubmit.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/** Sets a new password for someone who forgot theirs; their open sessions end. */
export function ResetPasswordModal({ user, onClose }: { user: UserView; onClose(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();

  const { submit, busy, error } = useFormSubmit(async ({ password }: { password: string }) => {
    await api.post(`/users/${user.id}/password`, { password });
    message.success(t('users.passwordReset', { name: user.displayName }));
    onClose();
  });

  return (
    <FormModal
      title={t('users.resetPassword')}
      intro={<Typography.Paragraph>{t('users.resetIntro', { name: `${user.displayName}（${user.username}）` })}</Typography.Paragraph>}
      form={form}
      busy={busy}
      error={error}
      onClose={onClose}
    >
      <Form form={form} name="resetPassword" layout="vertical" onFinish={submit}>
        <Form.Item name="password" label={t('auth.newPassword')} required rules={[passwordRule(t, locale)]} extra={t('auth.passwordHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
