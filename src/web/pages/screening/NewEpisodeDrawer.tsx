import { useEffect, useState } from 'react';
import { App, DatePicker, Form, Input, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRequest } from '../../components/useRequest.js';
import { useRuleSets } from '../../components/useRuleSets.js';
import { ZONE_TRAVEL_CATEGORY } from '../../../shared/screening.js';
import { ApiError, api } from '../../api/client.js';
import type { PublishedZone } from '../../../shared/contracts/isolation/zones.js';
import { FormDrawer } from '../../components/FormDrawer.js';
import { useFormSubmit } from '../../components/useFormSubmit.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import {
  MANAGED_CATEGORIES, MANAGED_CATEGORY_LABELS, PHASE_KIND_LABELS, PLACE_KINDS, type EpisodeDetail, type ManagementPlan,
} from './types.js';

/** What the anchor date is for each category (as the plans define it), for the form's hint. */
const ANCHOR_OF = {
  CONFIRMED: 'discharge', ASYMPTOMATIC: 'discharge', CLOSE_CONTACT: 'last_exposure', SECONDARY_CONTACT: 'last_exposure', INBOUND: 'entry',
  HIGH_ZONE_TRAVEL: 'left_zone', MID_ZONE_TRAVEL: 'left_zone', LOW_ZONE_TRAVEL: 'arrival', HIGH_RISK_POST: 'end_of_work', POOL_POSITIVE: 'notified',
} as const satisfies Record<(typeof MANAGED_CATEGORIES)[number], string>;

type Category = (typeof MANAGED_CATEGORIES)[number];
const TRAVEL: readonly Category[] = Object.values(ZONE_TRAVEL_CATEGORY);


/**
 * 旅居的风险区: for an arrival from a risk zone, the zone the person left; the server then takes the
 * category from the level that place had on the day they left it (the zones' history), and so does the
 * preview here.
 */
function useStayCategory(zoneCode: string | undefined, date: string | undefined): Category | undefined {
  const { data } = useRequest(async () => (zoneCode && date
    ? api.get<{ level: 'high' | 'medium' | 'low' | null }>('/isolation/zone-level', { region: zoneCode, date }) : null), [zoneCode, date]);
  return data?.level ? ZONE_TRAVEL_CATEGORY[data.level] : undefined;
}

interface Values {
  docNumber: string;
  category: Category;
  stayRegion?: string;
  anchorDate: Dayjs;
  placeKind?: (typeof PLACE_KINDS)[number];
  ruleSet?: string;
  note?: string;
}

/** The plan the rules engine would give, asked again whenever the category, date or plan changes. */
export function PlanPreview({ category, anchorDate, ruleSet }: { category?: string; anchorDate?: Dayjs | null; ruleSet?: string }) {
  const { t, pick } = useI18n();
  const ruleSets = useRuleSets();
  const [plan, setPlan] = useState<ManagementPlan>();
  const [error, setError] = useState<string>();
  const date = anchorDate ? anchorDate.format('YYYY-MM-DD') : undefined;
  useEffect(() => {
    if (!category || !date) {
      setPlan(undefined);
      setError(undefined);
      return;
    }
    let current = true;
    api.post<ManagementPlan>('/screening/plan-preview', { category, anchorDate: date, ...(ruleSet ? { ruleSet } : {}) }).then(
      (p) => { if (current) { setPlan(p); setError(undefined); } },
      (err: unknown) => {
        if (!current) return;
        setPlan(undefined);
        setError(err instanceof ApiError ? (err.fields[0]?.message ?? err.message) : String(err));
      },
    );
    return () => { current = false; };
  }, [category, date, ruleSet]);
  return (
    <div className="plan-preview" data-testid="plan-preview">
      <Typography.Text strong>{t('episodes.preview.title')}</Typography.Text>
      {!plan && !error && <div><Typography.Text type="secondary">{t('episodes.preview.empty')}</Typography.Text></div>}
      {error && <div><Typography.Text type="danger" data-testid="plan-preview-error">{error}</Typography.Text></div>}
      {plan && (
        <>
          <div><Tag>{ruleSets.name(plan.ruleSet)}</Tag></div>
          {plan.phases.map((p) => (
            <div key={p.startDate} className="plan-preview-phase">
              <Tag color="blue">{pick(PHASE_KIND_LABELS[p.kind])}</Tag>
              {t('episodes.preview.days', { start: p.startDate, end: p.endDate, days: p.days })}
              <div><Typography.Text type="secondary">{t('episodes.preview.tests', { dates: p.testDates.join('、') })}</Typography.Text></div>
            </div>
          ))}
          {plan.releaseDate && <Typography.Text strong data-testid="plan-preview-release">{t('episodes.preview.release', { date: plan.releaseDate })}</Typography.Text>}
        </>
      )}
    </div>
  );
}

/** 新增管控人员: by ID number, with the plan shown live before anything is saved. */
export function NewEpisodeDrawer({ onClose, onCreated }: { onClose(): void; onCreated(e: EpisodeDetail): void }) {
  const { t, pick } = useI18n();
  const ruleSets = useRuleSets();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form);
  const anchorDate = Form.useWatch('anchorDate', form);
  const ruleSet = Form.useWatch('ruleSet', form);
  const stayRegion = Form.useWatch('stayRegion', form);
  // Every zone of the district as announced, not only those in the cadre's own regions: people come from anywhere.
  const zones = useRequest(async () => api.get<PublishedZone[]>('/isolation/zones/published'), []);
  const stayCategory = useStayCategory(stayRegion, anchorDate?.format('YYYY-MM-DD'));
  // The zone's level decides the category: the form shows the one the server will take.
  useEffect(() => {
    if (stayRegion && stayCategory) form.setFieldValue('category', stayCategory);
  }, [form, stayRegion, stayCategory]);
  const { submit, busy, error } = useFormSubmit(async (v: Values) => {
    const created = await api.post<EpisodeDetail>('/screening/episodes', {
      docNumber: v.docNumber.trim(), ...(v.stayRegion ? { stayRegion: v.stayRegion } : { category: v.category }),
      anchorDate: v.anchorDate.format('YYYY-MM-DD'),
      ...(v.placeKind ? { placeKind: v.placeKind } : {}), ...(v.ruleSet ? { ruleSet: v.ruleSet } : {}), ...(v.note ? { note: v.note } : {}),
    });
    message.success(t('episodes.form.created', { name: created.name }));
    onCreated(created);
  });
  const required = [{ required: true, message: t('form.required') }];
  return (
    <FormDrawer title={t('episodes.new')} width={520} form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} layout="vertical" name="newEpisode" onFinish={submit} initialValues={{ anchorDate: dayjs() }}>
        <Form.Item name="docNumber" label={t('episodes.form.person')} extra={t('episodes.form.personHelp')} rules={required}>
          <Input maxLength={20} autoComplete="off" inputMode="text" />
        </Form.Item>
        <Form.Item name="category" label={t('episodes.form.category')} rules={required}>
          <Select options={MANAGED_CATEGORIES.map((c) => ({ value: c, label: pick(MANAGED_CATEGORY_LABELS[c]) }))} data-testid="category-select" />
        </Form.Item>
        <Form.Item name="anchorDate" label={t('episodes.form.anchor')} rules={required}
          extra={category ? t(`episodes.form.anchorHelp.${ANCHOR_OF[category]}`) : undefined}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        {category && TRAVEL.includes(category) && (zones.data?.length ?? 0) > 0 && (
          <Form.Item name="stayRegion" label={t('episodes.form.stayZone')}
            extra={stayRegion ? (stayCategory ? t('episodes.form.stayCategory', { category: pick(MANAGED_CATEGORY_LABELS[stayCategory]) })
              : t('episodes.form.stayNone')) : t('episodes.form.stayHelp')}>
            <Select allowClear data-testid="stay-zone-select"
              options={(zones.data ?? []).map((z) => ({ value: z.regions[0]?.code, label: z.name }))} />
          </Form.Item>
        )}
        <PlanPreview category={category} anchorDate={anchorDate} ruleSet={ruleSet} />
        <Form.Item name="placeKind" label={t('episodes.form.place')}>
          <Select allowClear placeholder={t('episodes.form.placeDefault')}
            options={PLACE_KINDS.map((p) => ({ value: p, label: t(`episodes.place.${p}`) }))} />
        </Form.Item>
        <Form.Item name="ruleSet" label={t('episodes.form.ruleSet')}>
          <Select allowClear placeholder={t('episodes.form.ruleSetDefault')}
            options={ruleSets.plans.map((r) => ({ value: r.code, label: pick(r.name) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('episodes.form.note')}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
      </Form>
    </FormDrawer>
  );
}
