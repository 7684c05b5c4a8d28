import { App, Form, Input, Radio } from 'antd';
import { FOLLOWUP_OUTCOMES, FOLLOWUP_OUTCOME_LABELS, type FollowupOutcome } from '../../../../shared/testing.js';
import { api } from '../../../api/client.js';
import { FormModal } from '../../../components/FormModal.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { MissingPerson } from '../types.js';

interface Values {
  outcome: FollowupOutcome;
  note?: string;
}

/** 登记核查结果: what door-knocking found for a missing resident; a refusal goes up to the community at once. */
export function FollowupModal({ roundId, person, onClose, onDone }: { roundId: string; person: MissingPerson; onClose(): void; onDone(): void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const { submit, busy, error } = useFormSubmit(async (v: Values) => {
    await api.post(`/testing/rounds/${roundId}/followups`, { personId: person.personId, outcome: v.outcome, note: v.note?.trim() || null });
    message.success(t('testing.followup.saved', { name: person.name }));
    onDone();
  });
  return (
    <FormModal title={t('testing.followup.title', { name: person.name })} okText={t('common.save')} form={form} busy={busy} error={error} onClose={onClose}>
      <Form<Values> form={form} layout="vertical" name="followup" onFinish={submit} initialValues={{ outcome: person.lastFollowup?.outcome }}>
        <Form.Item name="outcome" label={t('testing.followup.outcome')} rules={[{ required: true, message: t('form.required') }]}>
          <Radio.Group className="followup-outcomes" options={FOLLOWUP_OUTCOMES.map((o) => ({ value: o, label: pick(FOLLOWUP_OUTCOME_LABELS[o]) }))} />
        </Form.Item>
        {outcome === 'refused' && <div className="testing-note-warn">{t('testing.followup.refusedHelp')}</div>}
        <Form.Item name="note" label={t('testing.followup.note')}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
