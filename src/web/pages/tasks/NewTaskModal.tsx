import { DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client.js';
import type { NewTaskInput } from '../../api/types.js';
import { applyFieldErrors } from '../../components/fieldErrors.js';
import { FormModal } from '../../components/FormModal.js';
import { RegionTreeSelect, type RegionOption } from '../../components/RegionTreeSelect.js';
import { useFormSubmit } from '../../components/useFormSubmit.js';
import { chinaTimeToIso } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';

interface Values {
  title: string;
  region: RegionOption;
  dueAt?: Dayjs;
  note?: string;
}

/** Assigns work to everyone responsible for a region. */
export function NewTaskModal({ onClose, onCreated }: { onClose(): void; onCreated(): void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const labels = { title: t('tasks.title'), regionCode: t('tasks.region'), dueAt: t('tasks.dueAt'), note: t('tasks.instructions') };
  const { submit, busy, error } = useFormSubmit(async (v: Values) => {
    await api.post('/tasks', {
      title: v.title.trim(), regionCode: v.region.value, dueAt: v.dueAt ? chinaTimeToIso(v.dueAt.format('YYYY-MM-DDTHH:mm')) : null,
      note: v.note?.trim() || null,
    } satisfies NewTaskInput);
    onCreated();
  }, (err) => applyFieldErrors(form, err, locale, labels, { regionCode: 'region' }));

  return (
    <FormModal title={t('tasks.new')} okText={t('tasks.assign')} form={form} busy={busy} error={error} onClose={onClose}>
      <Form<Values> form={form} name="newTask" layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('tasks.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('tasks.titleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="region" label={t('tasks.region')} rules={[{ required: true, message: t('tasks.regionRequired') }]}>
          <RegionTreeSelect placeholder={t('people.regionPlaceholder')} />
        </Form.Item>
        <Form.Item name="dueAt" label={t('tasks.dueAt')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('tasks.instructions')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
