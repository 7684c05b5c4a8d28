import { App, Form, Input, Select, Switch } from 'antd';
import { ROLES, ROLE_LABELS, type Role } from '../../../shared/roles.js';
import { api } from '../../api/client.js';
import type { NewUserInput, UpdateUserInput, UserView } from '../../api/types.js';
import { applyFieldErrors } from '../../components/fieldErrors.js';
import { FormDrawer } from '../../components/FormDrawer.js';
import { passwordRule } from '../../components/passwordRule.js';
import { RegionTreeSelect, type RegionOption } from '../../components/RegionTreeSelect.js';
import { useFormSubmit } from '../../components/useFormSubmit.js';
import { useI18n } from '../../i18n/I18nProvider.js';

interface Values {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scopes: RegionOption[];
  capture: boolean;
  active: boolean;
}

/** Creates an account, or changes one's name, role, scopes and status (`user` given). */
export function UserFormDrawer({ user, onClose, onSaved }: { user?: UserView; onClose(): void; onSaved(u: UserView): void }) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  const initial: Partial<Values> = user
    ? {
      displayName: user.displayName, role: user.role, active: user.status === 'active',
      scopes: user.scopes.map((s) => ({ value: s.code, label: s.name })), capture: user.scopes.every((s) => s.capture),
    }
    : { scopes: [], capture: true, active: true };

  const labels = {
    username: t('users.username'), displayName: t('users.displayName'), password: t('users.password'),
    role: t('users.role'), scopes: t('users.scopes'),
  };
  const { submit, busy, error } = useFormSubmit(async (v: Values) => {
    const scopes = v.scopes.map((s) => ({ code: s.value, capture: v.capture }));
    const saved = user
      ? await api.patch<UserView>(`/users/${user.id}`, {
        displayName: v.displayName, role: v.role, scopes, status: v.active ? 'active' : 'disabled',
      } satisfies UpdateUserInput)
      : await api.post<UserView>('/users', {
        username: v.username.trim(), password: v.password, displayName: v.displayName, role: v.role, scopes,
      } satisfies NewUserInput);
    message.success(t('users.saved', { name: saved.displayName }));
    onSaved(saved);
  }, (err) => applyFieldErrors(form, err, locale, labels));

  return (
    <FormDrawer
      title={user ? t('users.edit', { name: user.username }) : t('users.new')}
      width={520}
      form={form}
      busy={busy}
      error={error}
      onClose={onClose}
    >
      <Form<Values> form={form} name="user" layout="vertical" initialValues={initial} onFinish={submit}>
        {!user && (
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={t('users.usernameHelp')}
            rules={[{ required: true, pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: t('users.usernameHelp') }]}
          >
            <Input autoComplete="off" autoCapitalize="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={40} />
        </Form.Item>
        {!user && (
          <Form.Item name="password" label={t('users.password')} required rules={[passwordRule(t, locale)]} extra={t('auth.passwordHint')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABELS[r]) }))} />
        </Form.Item>
        <Form.Item name="scopes" label={t('users.scopes')} extra={t('users.scopesHelp')} rules={[{ required: true, message: t('users.scopesRequired') }]}>
          <RegionTreeSelect multiple placeholder={t('people.regionPlaceholder')} />
        </Form.Item>
        <Form.Item name="capture" label={t('users.capture')} valuePropName="checked" extra={t('users.captureHelp')}>
          <Switch />
        </Form.Item>
        {user && (
          <Form.Item name="active" label={t('users.status')} valuePropName="checked">
            <Switch checkedChildren={t('users.active')} unCheckedChildren={t('users.disabled')} />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
