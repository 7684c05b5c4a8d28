import { App, Form, Input, InputNumber, Select, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ZONE_LEVELS, ZONE_LEVEL_LABELS, type ZoneLevel } from '../../../../shared/testing.js';
import { api } from '../../../api/client.js';
import { applyFieldErrors } from '../../../components/fieldErrors.js';
import { FormDrawer } from '../../../components/FormDrawer.js';
import { useIsMobile } from '../../../components/media.js';
import { RegionTreeSelect, type RegionOption } from '../../../components/RegionTreeSelect.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { NewSiteInput, SiteView } from '../types.js';

interface Values {
  name: string;
  region?: RegionOption;
  address?: string;
  zoneLevel: ZoneLevel;
  hours: [Dayjs, Dayjs];
  tableCount: number;
}

const clock = (hhmm: string) => dayjs(`2000-01-01T${hhmm}`);

/** 新建/编辑采样点: name, region, address, zone level (which sets the pool size), hours and tables. */
export function SiteDrawer({ site, onClose, onSaved }: { site?: SiteView; onClose(): void; onSaved(site: SiteView): void }) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const labels = {
    name: t('testing.site.name'), regionCode: t('testing.site.region'), address: t('testing.site.address'),
    zoneLevel: t('testing.site.zoneLevel'), opensAt: t('testing.site.hours'), closesAt: t('testing.site.hours'), tableCount: t('testing.site.tables'),
  };

  const { submit, busy, error } = useFormSubmit(async (v: Values) => {
    const body = {
      name: v.name.trim(),
      regionCode: v.region?.value ?? '',
      address: v.address?.trim() || null,
      zoneLevel: v.zoneLevel,
      opensAt: v.hours[0].format('HH:mm'),
      closesAt: v.hours[1].format('HH:mm'),
      tableCount: v.tableCount,
    } satisfies NewSiteInput;
    const saved = site
      ? await api.patch<SiteView>(`/testing/sites/${site.id}`, body)
      : await api.post<SiteView>('/testing/sites', body);
    message.success(t('testing.site.saved', { name: saved.name }));
    onSaved(saved);
  }, (err) => applyFieldErrors(form, err, locale, labels, { regionCode: 'region', opensAt: 'hours', closesAt: 'hours' }));

  return (
    <FormDrawer title={site ? t('testing.site.edit') : t('testing.site.new')} width={520} form={form} busy={busy} error={error} onClose={onClose}>
      <Form<Values>
        form={form}
        name="site"
        layout="vertical"
        onFinish={submit}
        scrollToFirstError
        initialValues={site
          ? {
            name: site.name, region: { value: site.regionCode, label: site.regionName }, address: site.address ?? undefined,
            zoneLevel: site.zoneLevel, hours: [clock(site.opensAt), clock(site.closesAt)], tableCount: site.tableCount,
          }
          : { zoneLevel: 'low', hours: [clock('07:00'), clock('22:00')], tableCount: 2 }}
      >
        <Form.Item name="name" label={labels.name} rules={[{ required: true, whitespace: true, min: 2, message: t('testing.site.nameRule') }]}>
          <Input maxLength={100} placeholder={t('testing.site.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="region" label={labels.regionCode} rules={[{ required: true, message: t('form.required') }]}>
          <RegionTreeSelect placeholder={t('testing.site.regionPlaceholder')} />
        </Form.Item>
        <Form.Item name="address" label={labels.address}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="zoneLevel" label={labels.zoneLevel} extra={t('testing.site.zoneHelp')}>
          <Select options={ZONE_LEVELS.map((z) => ({ value: z, label: pick(ZONE_LEVEL_LABELS[z]) }))} />
        </Form.Item>
        <Form.Item name="hours" label={labels.opensAt} rules={[{ required: true, message: t('form.required') }]}>
          <TimePicker.RangePicker format="HH:mm" minuteStep={5} inputReadOnly={mobile} style={{ width: '100%' }} order={false} />
        </Form.Item>
        <Form.Item name="tableCount" label={labels.tableCount} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
