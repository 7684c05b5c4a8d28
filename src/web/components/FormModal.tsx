import type { ReactNode } from 'react';
import { Modal, type FormInstance } from 'antd';
import { ErrorAlert } from './ErrorAlert.js';

/** A modal holding one form: OK submits it, the error stands above the form (after any `intro`). */
export function FormModal({ title, okText, intro, form, busy, error, onClose, children }: {
  title: ReactNode;
  /** The OK button's text; antd's 确定/OK when not given. */
  okText?: ReactNode;
  intro?: ReactNode;
  form: FormInstance;
  busy: boolean;
  error: unknown;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <Modal open title={title} okText={okText} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}>
      {intro}
      <ErrorAlert error={error} />
      {children}
    </Modal>
  );
}
