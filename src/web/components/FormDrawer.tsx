import type { ReactNode } from 'react';
import { Button, Drawer, Space, type FormInstance } from 'antd';
import { useI18n } from '../i18n/I18nProvider.js';
import { ErrorAlert } from './ErrorAlert.js';
import { useIsMobile } from './media.js';

/** A drawer holding one form: full screen on a phone, cancel and save in the footer, the error above the form. */
export function FormDrawer({ title, width, form, busy, error, onClose, children }: {
  title: ReactNode;
  width: number;
  form: FormInstance;
  busy: boolean;
  error: unknown;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const mobile = useIsMobile();
  return (
    <Drawer
      open
      onClose={onClose}
      title={title}
      size={mobile ? '100%' : width}
      footer={(
        <Space className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()}>{t('common.save')}</Button>
        </Space>
      )}
    >
      <ErrorAlert error={error} />
      {children}
    </Drawer>
  );
}
