import { Form, Input } from 'antd';
import type { TaskStatus } from '../../../shared/tasks.js';
import { api } from '../../api/client.js';
import type { TaskView } from '../../api/types.js';
import { FormModal } from '../../components/FormModal.js';
import { useFormSubmit } from '../../components/useFormSubmit.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { needsReason } from './transitions.js';

export interface Move {
  task: TaskView;
  to: TaskStatus;
  title: string;
}

/** Moves a task with a note: optional when finishing, required when cancelling or reopening. */
export function MoveTaskModal({ move, onClose, onMoved }: { move: Move; onClose(): void; onMoved(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note?: string }>();
  const required = needsReason(move.task.status, move.to);

  const { submit, busy, error } = useFormSubmit(async ({ note }: { note?: string }) => {
    await api.post(`/tasks/${move.task.id}/status`, { to: move.to, ...(note?.trim() ? { note: note.trim() } : {}) });
    onMoved();
  });

  return (
    <FormModal title={`${move.title} · ${move.task.title}`} okText={move.title} form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} name="moveTask" layout="vertical" onFinish={submit}>
        <Form.Item
          name="note"
          label={required ? t('tasks.reason') : t('tasks.note')}
          rules={required ? [{ required: true, whitespace: true, message: t('tasks.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} placeholder={required ? undefined : t('tasks.notePlaceholder')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
