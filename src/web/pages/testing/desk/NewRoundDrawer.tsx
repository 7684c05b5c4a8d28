import { useEffect, useState } from 'react';
import { App, DatePicker, Descriptions, Form, Input, Select, Spin, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DEFAULT_PARAMETERS } from '../../../../shared/response.js';
import { POOL_SIZES, ZONE_LEVELS, ZONE_LEVEL_LABELS, type PoolPolicy, type PoolSize, type ZoneLevel } from '../../../../shared/testing.js';
import { api } from '../../../api/client.js';
import type { ResponseView } from '../../../api/types.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useIsMobile } from '../../../components/media.js';
import { applyFieldErrors } from '../../../components/fieldErrors.js';
import { FormDrawer } from '../../../components/FormDrawer.js';
import { RegionTreeSelect, type RegionOption } from '../../../components/RegionTreeSelect.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { chinaTimeToIso, formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { poolOptions } from '../labels.js';
import type { NewRoundInput, RoundPlan, RoundView } from '../types.js';

interface Values {
  name: string;
  regions: RegionOption[];
  startsAt: Dayjs;
  endsAt: Dayjs;
  byZone: Record<ZoneLevel, PoolSize>;
  incidentMember: PoolSize;
}

const WALL_CLOCK = 'YYYY-MM-DDTHH:mm';
const asPool = (n: number): PoolSize => (POOL_SIZES.includes(n as PoolSize) ? (n as PoolSize) : 10);

/** The plan for the chosen scope: people, sites (one per 2,000–3,000) and samplers (population ÷ 360 per 24 h). */
function PlanPreview({ codes, hours }: { codes: string[]; hours: number }) {
  const { t, locale } = useI18n();
  const [plan, setPlan] = useState<RoundPlan>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const key = codes.join(',');

  useEffect(() => {
    setPlan(undefined);
    setError(undefined);
    if (!key) return;
    let current = true;
    setLoading(true);
    const timer = setTimeout(() => {
      api.get<RoundPlan>('/testing/plan', { regions: key, hours }).then(
        (p) => current && setPlan(p),
        (err: unknown) => current && setError(err),
      ).finally(() => current && setLoading(false));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, hours]);

  if (!key) return <Typography.Text type="secondary">{t('testing.plan.pickRegions')}</Typography.Text>;
  const n = (v: number) => formatNumber(v, locale);
  return (
    <Spin spinning={loading}>
      <ErrorAlert error={error} />
      {plan && (
        <div data-testid="round-plan">
          <Descriptions size="small" column={{ xs: 1, sm: 3 }} bordered className="testing-plan">
            <Descriptions.Item label={t('testing.plan.population')}>{n(plan.population)}</Descriptions.Item>
            <Descriptions.Item label={t('testing.plan.sites')}>{`${n(plan.sites.min)}–${n(plan.sites.max)}`}</Descriptions.Item>
            <Descriptions.Item label={t('testing.plan.samplers', { hours: plan.hours })}>{n(plan.samplers)}</Descriptions.Item>
          </Descriptions>
          {plan.byRegion.length > 1 && (
            <Table
              size="small"
              rowKey="code"
              dataSource={plan.byRegion}
              pagination={false}
              className="testing-plan-table"
              columns={[
                { title: t('testing.region'), dataIndex: 'name' },
                { title: t('testing.plan.population'), dataIndex: 'population', align: 'right', render: n },
                { title: t('testing.plan.sites'), key: 'sites', align: 'right', render: (_: unknown, r: RoundPlan['byRegion'][number]) => `${n(r.sites.min)}–${n(r.sites.max)}` },
                { title: t('testing.plan.samplersShort'), dataIndex: 'samplers', align: 'right', render: n },
              ]}
            />
          )}
          <Typography.Paragraph type="secondary" className="testing-note">{t('testing.plan.basis')}</Typography.Paragraph>
        </div>
      )}
    </Spin>
  );
}

/** 新建轮次: name, scope, window and pool policy (from the response in force), with the plan for the scope. */
export function NewRoundDrawer({ onClose, onCreated }: { onClose(): void; onCreated(round: RoundView): void }) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const regions = Form.useWatch('regions', form) ?? [];
  const startsAt = Form.useWatch('startsAt', form);
  const endsAt = Form.useWatch('endsAt', form);
  const hours = startsAt && endsAt ? Math.min(72, Math.max(6, Math.round(endsAt.diff(startsAt, 'minute') / 60))) : 24;

  // The pool sizes start from the response in force (its parameters), else the plan's defaults.
  useEffect(() => {
    api.get<ResponseView | null>('/response').then((r) => {
      const byZone = (r?.parameters ?? DEFAULT_PARAMETERS).poolSizeByZone;
      if (!form.isFieldsTouched(['byZone'])) {
        form.setFieldValue('byZone', Object.fromEntries(ZONE_LEVELS.map((z) => [z, asPool(byZone[z])])));
      }
    }, () => undefined);
  }, [form]);

  const labels = { name: t('testing.round.name'), regionCodes: t('testing.round.regions'), startsAt: t('testing.round.startsAt'), endsAt: t('testing.round.endsAt') };
  const { submit, busy, error } = useFormSubmit(async (v: Values) => {
    const poolPolicy: PoolPolicy = { byZone: v.byZone, byCategory: { incident_member: v.incidentMember } };
    const round = await api.post<RoundView>('/testing/rounds', {
      name: v.name.trim(),
      regionCodes: v.regions.map((r) => r.value),
      startsAt: chinaTimeToIso(v.startsAt.format(WALL_CLOCK)),
      endsAt: chinaTimeToIso(v.endsAt.format(WALL_CLOCK)),
      poolPolicy,
    } satisfies NewRoundInput);
    message.success(t('testing.round.created', { name: round.name }));
    onCreated(round);
  }, (err) => applyFieldErrors(form, err, locale, labels, { regionCodes: 'regions' }));

  const start = dayjs().add(1, 'hour').startOf('hour');
  const defaults = DEFAULT_PARAMETERS.poolSizeByZone;
  return (
    <FormDrawer title={t('testing.round.new')} width={640} form={form} busy={busy} error={error} onClose={onClose}>
      <Form<Values>
        form={form}
        name="newRound"
        layout="vertical"
        onFinish={submit}
        scrollToFirstError
        initialValues={{
          startsAt: start,
          endsAt: start.add(24, 'hour'),
          byZone: Object.fromEntries(ZONE_LEVELS.map((z) => [z, asPool(defaults[z])])),
          incidentMember: 1,
        }}
      >
        <Form.Item name="name" label={labels.name} rules={[{ required: true, whitespace: true, min: 2, message: t('testing.round.nameRule') }]}>
          <Input maxLength={100} placeholder={t('testing.round.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="regions" label={labels.regionCodes} rules={[{ required: true, type: 'array', min: 1, message: t('testing.round.regionsRequired') }]}>
          <RegionTreeSelect multiple placeholder={t('testing.round.regionsPlaceholder')} />
        </Form.Item>
        <div className="testing-window-grid">
          <Form.Item name="startsAt" label={labels.startsAt} rules={[{ required: true, message: t('form.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly={mobile} />
          </Form.Item>
          <Form.Item
            name="endsAt"
            label={labels.endsAt}
            dependencies={['startsAt']}
            rules={[
              { required: true, message: t('form.required') },
              ({ getFieldValue }) => ({
                validator: (_, v?: Dayjs) => {
                  const from = getFieldValue('startsAt') as Dayjs | undefined;
                  return !v || !from || v.isAfter(from) ? Promise.resolve() : Promise.reject(new Error(t('testing.round.windowOrder')));
                },
              }),
            ]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} inputReadOnly={mobile} />
          </Form.Item>
        </div>
        <Typography.Title level={5}>{t('testing.round.poolPolicy')}</Typography.Title>
        <Typography.Paragraph type="secondary" className="testing-note">{t('testing.round.poolHelp')}</Typography.Paragraph>
        <div className="testing-pool-grid">
          {ZONE_LEVELS.map((z) => (
            <Form.Item key={z} name={['byZone', z]} label={pick(ZONE_LEVEL_LABELS[z])}>
              <Select options={poolOptions(POOL_SIZES, t)} />
            </Form.Item>
          ))}
          <Form.Item name="incidentMember" label={t('testing.round.incidentMember')}>
            <Select options={poolOptions(POOL_SIZES, t)} />
          </Form.Item>
        </div>
        <Typography.Title level={5}>{t('testing.plan.title')}</Typography.Title>
        <PlanPreview codes={regions.map((r) => r.value)} hours={hours} />
      </Form>
    </FormDrawer>
  );
}
