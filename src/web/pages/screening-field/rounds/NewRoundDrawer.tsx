import { App, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../api/client.js';
import { applyFieldErrors } from '../../../components/fieldErrors.js';
import { FormDrawer } from '../../../components/FormDrawer.js';
import { useIsMobile } from '../../../components/media.js';
import { RegionTreeSelect, type RegionOption } from '../../../components/RegionTreeSelect.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { NewScreeningRoundInput, ScreeningRoundView } from '../types.js';

interface Values {
  name: string;
  regions: RegionOption[];
  window: [Dayjs, Dayjs];
}

/** 新建排查轮次: a name, the regions and the dates (headquarters). */
export function NewRoundDrawer({ onClose, onCreated }: { onClose(): void; onCreated(round: ScreeningRoundView): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const labels = { name: t('field.round.name'), regionCodes: t('field.round.regions'), startsOn: t('field.round.window'), endsOn: t('field.round.window') };
  const { submit, busy, error } = useFormSubmit(async (v: Values) => {
    const round = await api.post<ScreeningRoundView>('/screening/rounds', {
      name: v.name.trim(), regionCodes: v.regions.map((r) => r.value),
      startsOn: v.window[0].format('YYYY-MM-DD'), endsOn: v.window[1].format('YYYY-MM-DD'),
    } satisfies NewScreeningRoundInput);
    message.success(t('field.round.created', { name: round.name }));
    onCreated(round);
  }, (err) => applyFieldErrors(form, err, locale, labels, { regionCodes: 'regions', startsOn: 'window', endsOn: 'window' }));

  return (
    <FormDrawer title={t('field.round.new')} width={560} form={form} busy={busy} error={error} onClose={onClose}>
      <Form<Values> form={form} name="newScreeningRound" layout="vertical" onFinish={submit} scrollToFirstError
        initialValues={{ window: [dayjs(), dayjs().add(2, 'day')] }}>
        <Form.Item name="name" label={labels.name} rules={[{ required: true, whitespace: true, min: 2, message: t('field.round.nameRule') }]}>
          <Input maxLength={100} placeholder={t('field.round.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="regions" label={labels.regionCodes} rules={[{ required: true, type: 'array', min: 1, message: t('field.round.regionsRequired') }]}>
          <RegionTreeSelect multiple selectableLevels={['district', 'township', 'community', 'grid']} placeholder={t('field.round.regions')} />
        </Form.Item>
        <Form.Item name="window" label={labels.startsOn} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly={mobile} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
