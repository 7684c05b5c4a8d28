import { useState } from 'react';
import { Alert, Form, Input, List } from 'antd';
import { api } from '../../../api/client.js';
import { FormModal } from '../../../components/FormModal.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { IssuedMissingTasks } from '../types.js';

/** 派发任务: one door-knocking task per grid under the region that still has people missing, due at the round's end. */
export function IssueTasksModal({ roundId, region, regionName, onClose }: { roundId: string; region: string; regionName: string; onClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note?: string }>();
  const [issued, setIssued] = useState<IssuedMissingTasks>();
  const { submit, busy, error } = useFormSubmit(async ({ note }: { note?: string }) => {
    if (issued) {
      onClose();
      return;
    }
    setIssued(await api.post<IssuedMissingTasks>(`/testing/rounds/${roundId}/missing/tasks`, { region, note: note?.trim() || null }));
  });
  return (
    <FormModal
      title={t('testing.tasks.title', { name: regionName })}
      okText={issued ? t('common.close') : t('testing.tasks.issue')}
      form={form}
      busy={busy}
      error={error}
      onClose={onClose}
    >
      {issued ? (
        <div data-testid="issued-tasks">
          <Alert
            type={issued.created.length > 0 ? 'success' : 'info'}
            showIcon
            className="testing-alert"
            title={t('testing.tasks.issued', { count: issued.created.length, already: issued.alreadyOpen })}
          />
          <List
            size="small"
            dataSource={issued.created}
            renderItem={(c) => <List.Item>{t('testing.tasks.line', { name: c.regionName, missing: c.missing })}</List.Item>}
          />
        </div>
      ) : (
        <Form form={form} layout="vertical" name="issueTasks" onFinish={submit}>
          <p>{t('testing.tasks.intro')}</p>
          <Form.Item name="note" label={t('testing.tasks.note')}>
            <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('testing.tasks.notePlaceholder')} />
          </Form.Item>
        </Form>
      )}
    </FormModal>
  );
}
