import { App, Form, Input } from 'antd';
import { api } from '../api/client.js';
import { useAuth } from '../auth/AuthProvider.js';
import { applyFieldErrors } from '../components/fieldErrors.js';
import { FormModal } from '../components/FormModal.js';
import { passwordRule } from '../components/passwordRule.js';
import { useFormSubmit } from '../components/useFormSubmit.js';
import { useI18n } from '../i18n/I18nProvider.js';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Changing one's password ends every session, so the user signs in again with the new one. */
export function ChangePasswordModal({ onClose }: { onClose(): void }) {
  const { t, locale } = useI18n();
  const { logout } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { submit, busy, error } = useFormSubmit(async (v: Values) => {
    await api.post('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
    message.success(t('auth.passwordChanged'));
    onClose();
    await logout();
  }, (err) => applyFieldErrors(form, err, locale, { newPassword: t('auth.newPassword') }));

  return (
    <FormModal title={t('auth.changePassword')} okText={t('common.save')} form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} name="changePassword" layout="vertical" onFinish={submit}>
        <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('form.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('auth.newPassword')} required rules={[passwordRule(t, locale)]} extra={t('auth.passwordHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('form.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
