import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, Radio, Space, Spin, Switch, Tag, Timeline, Typography } from 'antd';
import { CalculatorOutlined, PlusOutlined, SafetyOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RegionTreeSelect, type RegionOption } from '../../components/RegionTreeSelect.js';
import { useFormSubmit } from '../../components/useFormSubmit.js';
import { useRequest } from '../../components/useRequest.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useRuleSets } from '../../components/useRuleSets.js';
import { LEVEL_COLOR, type ProposalView, type ZoneLevel, type ZoneView } from './types.js';

const LEVELS: ZoneLevel[] = ['high', 'medium', 'low'];

function LevelTag({ level }: { level: ZoneLevel | null }) {
  const { t } = useI18n();
  return level ? <Tag color={LEVEL_COLOR[level]}>{t(`isolation.zone.level.${level}`)}</Tag> : <Tag>{t('isolation.zone.lifted')}</Tag>;
}

interface DesignateValues {
  name: string;
  level: ZoneLevel;
  by: 'region' | 'buildings';
  region?: RegionOption;
  buildings?: RegionOption[];
  decisionNo: string;
  decidedAt?: Dayjs;
  reason?: string;
}

function DesignateModal({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<DesignateValues>();
  const by = Form.useWatch('by', form);
  const { submit, busy, error } = useFormSubmit(async (v: DesignateValues) => {
    await api.post<ZoneView>('/isolation/zones', {
      name: v.name, level: v.level, decisionNo: v.decisionNo, reason: v.reason || null,
      ...(v.by === 'buildings' ? { buildingCodes: (v.buildings ?? []).map((b) => b.value) } : { regionCode: v.region?.value }),
      ...(v.decidedAt ? { decidedAt: v.decidedAt.toISOString() } : {}),
    });
    message.success(t('isolation.designate.done', { name: v.name }));
    onDone();
  });
  const required = [{ required: true, message: t('form.required') }];
  return (
    <FormModal title={t('isolation.zones.designate')} form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} layout="vertical" name="designateZone" onFinish={submit} initialValues={{ level: 'high', by: 'buildings', decidedAt: dayjs() }}>
        <Form.Item name="name" label={t('isolation.designate.name')} rules={required}><Input maxLength={100} /></Form.Item>
        <Form.Item name="level" label={t('isolation.designate.level')} rules={required}>
          <Radio.Group optionType="button" options={LEVELS.map((l) => ({ value: l, label: t(`isolation.zone.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="by" label={t('isolation.designate.by')}>
          <Radio.Group options={[{ value: 'buildings', label: t('isolation.designate.byBuildings') }, { value: 'region', label: t('isolation.designate.byRegion') }]} />
        </Form.Item>
        {by === 'region' ? (
          <Form.Item name="region" label={t('isolation.designate.region')} rules={required}>
            <RegionTreeSelect selectableLevels={['community', 'grid']} />
          </Form.Item>
        ) : (
          <Form.Item name="buildings" label={t('isolation.designate.buildings')} rules={required}>
            <RegionTreeSelect multiple selectableLevels={['building']} />
          </Form.Item>
        )}
        <Form.Item name="decisionNo" label={t('isolation.designate.decisionNo')} rules={[...required, { min: 2, message: t('form.required') }]}>
          <Input maxLength={60} placeholder="湟防指〔2022〕31号" />
        </Form.Item>
        <Form.Item name="decidedAt" label={t('isolation.designate.decidedAt')}>
          <DatePicker showTime style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('isolation.designate.reason')}><Input maxLength={200} /></Form.Item>
      </Form>
    </FormModal>
  );
}

/** A decision that needs a number (and a reason or not): upgrade, lift, approve, reject, restore routine. */
function DecisionModal({ title, intro, needNumber, needReason, levelChoice, onSubmit, onClose }: {
  title: string; intro?: string; needNumber: boolean; needReason: boolean; levelChoice?: ZoneLevel[];
  onSubmit(v: { decisionNo?: string; reason?: string; level?: ZoneLevel }): Promise<void>; onClose(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ decisionNo?: string; reason?: string; level?: ZoneLevel }>();
  const { submit, busy, error } = useFormSubmit(onSubmit);
  const required = [{ required: true, message: t('form.required') }, { min: 2, message: t('form.required') }];
  return (
    <FormModal title={title} intro={intro && <Typography.Paragraph>{intro}</Typography.Paragraph>} form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} layout="vertical" name="zoneDecision" onFinish={submit} initialValues={{ level: levelChoice?.[0] }}>
        {levelChoice && (
          <Form.Item name="level" label={t('isolation.designate.level')}>
            <Radio.Group optionType="button" options={levelChoice.map((l) => ({ value: l, label: t(`isolation.zone.level.${l}`) }))} />
          </Form.Item>
        )}
        {needNumber && (
          <Form.Item name="decisionNo" label={t('isolation.designate.decisionNo')} rules={required}>
            <Input maxLength={60} placeholder="湟防指〔2022〕57号" />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('isolation.designate.reason')} rules={needReason ? required : []}><Input maxLength={200} /></Form.Item>
      </Form>
    </FormModal>
  );
}

function AdviceLine({ zone }: { zone: ZoneView }) {
  const { t } = useI18n();
  const a = zone.advice;
  if (!a) return null;
  if (a.eligible && a.to) {
    return <Typography.Text type="success">{t('isolation.zone.eligible', { days: a.cleanDays, to: t(`isolation.zone.level.${a.to}`) })}</Typography.Text>;
  }
  if (a.missing === 'nothing_lower') return <Typography.Text type="secondary">{t('isolation.zone.notEligible.lowest')}</Typography.Text>;
  if (a.missing === 'negative_round') return <Typography.Text type="warning">{t('isolation.zone.notEligible.round', { days: a.cleanDays, need: a.needDays })}</Typography.Text>;
  return <Typography.Text type="secondary">{t('isolation.zone.notEligible.days', { days: a.cleanDays, need: a.needDays })}</Typography.Text>;
}

function ZoneCard({ zone, pending, onChanged }: { zone: ZoneView; pending: boolean; onChanged(): void }) {
  const { t } = useI18n();
  const ruleSets = useRuleSets();
  const { can } = useAuth();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [deciding, setDeciding] = useState<'upgrade' | 'lift'>();
  const propose = async () => {
    try {
      await api.post(`/isolation/zones/${zone.id}/proposals`, {});
      message.success(t('isolation.zone.proposed'));
      onChanged();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const higher = LEVELS.filter((l) => zone.level && LEVELS.indexOf(l) < LEVELS.indexOf(zone.level));
  const active = zone.status === 'active';
  return (
    <Card size="small" className={`iso-zone iso-zone-${zone.level ?? 'lifted'}`} data-testid="zone-card">
      <div className="iso-card-head">
        <strong className="iso-card-title">{zone.name}</strong>
        <LevelTag level={zone.level} />
      </div>
      <div className="iso-meta">
        <span>{zone.regionName}</span>
        {zone.scopeKind === 'buildings' && <span>{zone.regions.map((r) => r.name).join('、')}</span>}
        <span>{t('isolation.zone.decision', { no: zone.decisionNo })}</span>
        <span>{t('isolation.zone.since', { date: zone.since })}</span>
        {zone.lastInfectionOn && <span>{t('isolation.zone.lastInfection', { date: zone.lastInfectionOn })}</span>}
        <span>{t('isolation.zone.ruleSet')}：{ruleSets.name(zone.ruleSet)}</span>
      </div>
      <AdviceLine zone={zone} />
      <Timeline
        className="iso-timeline"
        data-testid="zone-history"
        items={zone.history.map((h) => ({
          color: h.toLevel ? LEVEL_COLOR[h.toLevel] : 'gray',
          content: (
            <span>
              <strong>{t(`isolation.action.${h.action}`)}</strong>{h.toLevel ? ` → ${t(`isolation.zone.level.${h.toLevel}`)}` : ''}
              {' · '}{new Date(h.effectiveAt).toLocaleString('zh-CN', { hour12: false })}
              {h.decisionNo ? ` · ${h.decisionNo}` : ''}{h.reason ? ` · ${h.reason}` : ''}
            </span>
          ),
        }))}
      />
      {active && (
        <Space wrap>
          {can('zones.manage') && zone.advice?.to && !pending && <Button size="small" onClick={() => void propose()}>{t('isolation.zone.propose')}</Button>}
          {pending && <Tag color="processing">{t('isolation.zone.proposed')}</Tag>}
          {can('zones.manage') && higher.length > 0 && <Button size="small" onClick={() => setDeciding('upgrade')}>{t('isolation.zone.upgrade')}</Button>}
          {can('zones.approve') && <Button size="small" danger onClick={() => setDeciding('lift')}>{t('isolation.zone.lift')}</Button>}
        </Space>
      )}
      {deciding && (
        <DecisionModal
          title={t('isolation.zone.changeTitle', { action: t(deciding === 'upgrade' ? 'isolation.zone.upgrade' : 'isolation.zone.lift'), name: zone.name })}
          needNumber needReason levelChoice={deciding === 'upgrade' ? higher : undefined}
          onClose={() => setDeciding(undefined)}
          onSubmit={async (v) => {
            await api.post(`/isolation/zones/${zone.id}/level`, { action: deciding, level: v.level, decisionNo: v.decisionNo, reason: v.reason });
            message.success(t('isolation.zone.changed'));
            setDeciding(undefined);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

function Proposals({ proposals, onChanged }: { proposals: ProposalView[]; onChanged(): void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [deciding, setDeciding] = useState<{ p: ProposalView; kind: 'approve' | 'reject' }>();
  return (
    <Card size="small" title={t('isolation.proposals.title')} className="iso-section" data-testid="proposals">
      {proposals.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('isolation.proposals.empty')} />}
      {proposals.map((p) => (
        <div key={p.id} className="iso-section" data-testid="proposal">
          <div>
            {t('isolation.proposals.line', { zone: p.zoneName, from: t(`isolation.zone.level.${p.fromLevel}`), to: t(`isolation.zone.level.${p.toLevel}`),
              days: p.cleanDays, date: p.proposedOn })}
            {!p.proposedBy && <Tag style={{ marginInlineStart: 8 }}>{t('isolation.proposals.system')}</Tag>}
            {p.advice && !p.advice.eligible && <Tag color="warning">{t('isolation.proposals.notEligibleNow')}</Tag>}
          </div>
          {can('zones.approve') && (
            <Space style={{ marginTop: 6 }}>
              <Button size="small" type="primary" onClick={() => setDeciding({ p, kind: 'approve' })}>{t('isolation.proposals.approve')}</Button>
              <Button size="small" onClick={() => setDeciding({ p, kind: 'reject' })}>{t('isolation.proposals.reject')}</Button>
            </Space>
          )}
        </div>
      ))}
      {deciding && (
        <DecisionModal
          title={t(deciding.kind === 'approve' ? 'isolation.proposals.approveTitle' : 'isolation.proposals.rejectTitle', { zone: deciding.p.zoneName })}
          needNumber={deciding.kind === 'approve'} needReason={deciding.kind === 'reject'}
          onClose={() => setDeciding(undefined)}
          onSubmit={async (v) => {
            await api.post(`/isolation/proposals/${deciding.p.id}/${deciding.kind}`, { decisionNo: v.decisionNo, reason: v.reason || null });
            message.success(t(deciding.kind === 'approve' ? 'isolation.proposals.approved' : 'isolation.proposals.rejected'));
            setDeciding(undefined);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}

/** 风险区: zones by level with their history, designation, downgrade proposals and approvals, 恢复正常秩序. */
export function ZonesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [showLifted, setShowLifted] = useState(false);
  const [designating, setDesignating] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const zones = useRequest(() => api.get<ZoneView[]>('/isolation/zones', { status: showLifted ? 'all' : 'active' }), [showLifted]);
  const proposals = useRequest(() => api.get<ProposalView[]>('/isolation/proposals', { status: 'proposed' }), []);
  const reload = () => {
    zones.reload();
    proposals.reload();
  };
  const list = zones.data ?? [];
  const pendingZones = new Set((proposals.data ?? []).map((p) => p.zoneId));
  const activeCount = list.filter((z) => z.status === 'active').length;
  const runDaily = async () => {
    try {
      const r = await api.post<{ zones: number; proposed: number }>('/isolation/zones/daily-run', {});
      message.success(t('isolation.zones.runDone', r));
      reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const groups: (ZoneLevel | null)[] = [...LEVELS, null];
  return (
    <>
      <PageHeader
        title={t('isolation.zones.title')}
        extra={
          <Space wrap>
            {can('zones.manage') && <Button icon={<CalculatorOutlined />} onClick={() => void runDaily()}>{t('isolation.zones.runDaily')}</Button>}
            {can('zones.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDesignating(true)}>{t('isolation.zones.designate')}</Button>}
            {can('zones.approve') && activeCount > 0 && (
              <Button danger icon={<SafetyOutlined />} onClick={() => setRestoring(true)}>{t('isolation.zones.restore')}</Button>
            )}
          </Space>
        }
      >
        <Space><Switch checked={showLifted} onChange={setShowLifted} /> {t('isolation.zones.showLifted')}</Space>
      </PageHeader>
      <ErrorAlert error={zones.error ?? proposals.error} onRetry={reload} />
      <Proposals proposals={proposals.data ?? []} onChanged={reload} />
      <Spin spinning={zones.loading}>
        {list.length === 0 && !zones.loading && <Empty description={t('isolation.zones.empty')} />}
        {groups.map((level) => {
          const mine = list.filter((z) => z.level === level);
          if (mine.length === 0) return null;
          return (
            <div key={level ?? 'lifted'} data-testid={`zones-${level ?? 'lifted'}`}>
              <Typography.Title level={5}>
                <LevelTag level={level} /> {mine.length}
              </Typography.Title>
              <div className="iso-cards">{mine.map((z) => <ZoneCard key={z.id} zone={z} pending={pendingZones.has(z.id)} onChanged={reload} />)}</div>
            </div>
          );
        })}
      </Spin>
      {designating && <DesignateModal onClose={() => setDesignating(false)} onDone={() => { setDesignating(false); reload(); }} />}
      {restoring && (
        <DecisionModal
          title={t('isolation.zones.restoreTitle')} intro={t('isolation.zones.restoreConfirm', { count: activeCount })}
          needNumber needReason={false}
          onClose={() => setRestoring(false)}
          onSubmit={async (v) => {
            const r = await api.post<{ lifted: number }>('/isolation/zones/restore-routine', { decisionNo: v.decisionNo, reason: v.reason || null });
            message.success(t('isolation.zones.restored', r));
            setRestoring(false);
            reload();
          }}
        />
      )}
    </>
  );
}
