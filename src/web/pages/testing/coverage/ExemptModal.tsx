import { App, Form, Input, Select } from 'antd';
import { EXEMPTION_REASONS, EXEMPTION_REASON_LABELS, type ExemptionReason } from '../../../../shared/testing.js';
import { api } from '../../../api/client.js';
import { FormModal } from '../../../components/FormModal.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { MissingPerson } from '../types.js';

interface Values {
  reason: ExemptionReason;
  note?: string;
}

/** 登记免检: a resident left out of the round's expected count, with the reason code (隔离中, 住院, 外出…). */
export function ExemptModal({ roundId, person, onClose, onDone }: { roundId: string; person: MissingPerson; onClose(): void; onDone(): void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { submit, busy, error } = useFormSubmit(async (v: Values) => {
    await api.post(`/testing/rounds/${roundId}/exemptions`, { personId: person.personId, reason: v.reason, note: v.note?.trim() || null });
    message.success(t('testing.exempt.saved', { name: person.name }));
    onDone();
  });
  return (
    <FormModal
      title={t('testing.exempt.title', { name: person.name })}
      okText={t('common.save')}
      intro={<p className="muted">{t('testing.exempt.intro')}</p>}
      form={form}
      busy={busy}
      error={error}
      onClose={onClose}
    >
      <Form<Values> form={form} layout="vertical" name="exempt" onFinish={submit}>
        <Form.Item name="reason" label={t('testing.exempt.reason')} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={EXEMPTION_REASONS.map((r) => ({ value: r, label: pick(EXEMPTION_REASON_LABELS[r]) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('testing.followup.note')}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
