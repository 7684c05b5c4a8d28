import { useState } from 'react';
import {
  Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Spin, Tag,
  Timeline, Typography,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { useRuleSets } from '../../components/useRuleSets.js';
import { api } from '../../api/client.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useFormSubmit } from '../../components/useFormSubmit.js';
import { useRequest } from '../../components/useRequest.js';
import { formatDateTime } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { SiteDetail, SitesPage } from '../isolation/types.js';
import {
  MANAGED_CATEGORY_LABELS, PHASE_KIND_LABELS, STATUS_COLOR, SYMPTOMS, TEAM_ROLES, TEST_COLOR, type EpisodeDetail,
} from './types.js';

type Test = EpisodeDetail['testList'][number];
type Role = (typeof TEAM_ROLES)[number];

function ResultModal({ episode, test, onClose, onDone }: { episode: EpisodeDetail; test: Test; onClose(): void; onDone(e: EpisodeDetail): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ result: string; sampledAt: Dayjs; reportRef: string; reason?: string }>();
  const { submit, busy, error } = useFormSubmit(async (v: { result: string; sampledAt: Dayjs; reportRef: string; reason?: string }) => {
    onDone(await api.post<EpisodeDetail>(`/screening/episodes/${episode.id}/tests/${test.id}/result`, {
      result: v.result, sampledAt: v.sampledAt.toISOString(), reportRef: v.reportRef, ...(v.reason ? { reason: v.reason } : {}) }));
  });
  const filled = test.status === 'negative' || test.status === 'positive';
  const required = [{ required: true, message: t('form.required') }];
  const sampled = dayjs(`${test.dueDate}T10:00:00`);
  return (
    <FormModal title={t('episodes.test.recordTitle', { date: test.dueDate })} form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} layout="vertical" name="testResult" onFinish={submit}
        initialValues={{ result: 'negative', sampledAt: sampled.isAfter(dayjs()) ? dayjs() : sampled }}>
        <Form.Item name="result" label={t('episodes.test.result')} rules={required}>
          <Radio.Group optionType="button" options={(['negative', 'positive', 'invalid'] as const).map((r) => ({ value: r, label: t(`episodes.test.${r}`) }))} />
        </Form.Item>
        <Form.Item name="sampledAt" label={t('episodes.test.sampledAt')} rules={required}>
          <DatePicker showTime style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="reportRef" label={t('episodes.test.reportRef')} rules={required}><Input maxLength={100} /></Form.Item>
        {filled && <Form.Item name="reason" label={t('episodes.test.reason')} rules={required}><Input maxLength={300} /></Form.Item>}
      </Form>
    </FormModal>
  );
}

function TeamModal({ episode, role, onClose, onDone }: { episode: EpisodeDetail; role: Role; onClose(): void; onDone(e: EpisodeDetail): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string; phone?: string }>();
  const current = episode.team.find((m) => m.role === role);
  const { submit, busy, error } = useFormSubmit(async (v: { name: string; phone?: string }) => {
    onDone(await api.post<EpisodeDetail>(`/screening/episodes/${episode.id}/team`, { role, name: v.name, phone: v.phone || null }));
  });
  return (
    <FormModal title={t(`episodes.team.role.${role}`)} form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} layout="vertical" name="teamMember" onFinish={submit} initialValues={{ name: current?.name }}>
        <Form.Item name="name" label={t('episodes.team.name')} rules={[{ required: true, message: t('form.required') }]}><Input maxLength={40} /></Form.Item>
        <Form.Item name="phone" label={t('episodes.team.phone')}><Input maxLength={13} inputMode="tel" /></Form.Item>
      </Form>
    </FormModal>
  );
}

function PlaceModal({ episode, onClose, onDone }: { episode: EpisodeDetail; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ siteId: string; roomId?: string }>();
  const sites = useRequest(() => api.get<SitesPage>('/isolation/sites'), []);
  const siteId = Form.useWatch('siteId', form);
  const site = useRequest(() => (siteId ? api.get<SiteDetail>(`/isolation/sites/${siteId}`) : Promise.resolve(undefined)), [siteId]);
  const { submit, busy, error } = useFormSubmit(async (v: { siteId: string; roomId?: string }) => {
    await api.post('/isolation/placements', { personId: episode.personId, episodeId: episode.id, siteId: v.siteId, roomId: v.roomId ?? null,
      expectedReleaseOn: episode.releaseDate });
    message.success(t('episodes.place.done', { site: sites.data?.items.find((s) => s.id === v.siteId)?.name ?? '' }));
    onDone();
  });
  const rooms = (site.data?.roomList ?? []).filter((r) => r.status === 'active' && r.occupied < r.beds);
  return (
    <FormModal title={t('episodes.detail.place')} form={form} busy={busy} error={error} onClose={onClose}>
      <ErrorAlert error={sites.error} />
      <Form form={form} layout="vertical" name="placeEpisode" onFinish={submit}>
        <Form.Item name="siteId" label={t('episodes.place.site')} rules={[{ required: true, message: t('form.required') }]}>
          <Select loading={sites.loading} options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.capacity - s.occupied}）` }))} />
        </Form.Item>
        <Form.Item name="roomId" label={t('episodes.place.room')}>
          <Select allowClear options={rooms.map((r) => ({ value: r.id, label: `${r.label}（${r.beds - r.occupied}）` }))} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function HealthForm({ episode, onDone }: { episode: EpisodeDetail; onDone(e: EpisodeDetail): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ period: 'morning' | 'evening'; temperature: number | null; symptoms: string[] }>();
  const { submit, busy, error } = useFormSubmit(async (v: { period: 'morning' | 'evening'; temperature: number | null; symptoms?: string[] }) => {
    onDone(await api.post<EpisodeDetail>(`/screening/episodes/${episode.id}/health-checks`,
      { period: v.period, temperature: v.temperature ?? null, symptoms: v.symptoms ?? [] }));
    form.resetFields(['temperature', 'symptoms']);
  });
  return (
    <>
      <ErrorAlert error={error} />
      <Form form={form} name="healthCheck" onFinish={submit} initialValues={{ period: dayjs().hour() < 12 ? 'morning' : 'evening', symptoms: [] }}>
        <div className="health-form">
          <Form.Item name="period" noStyle>
            <Radio.Group optionType="button" options={[{ value: 'morning', label: t('episodes.health.morning') }, { value: 'evening', label: t('episodes.health.evening') }]} />
          </Form.Item>
          <Form.Item name="temperature" noStyle>
            <InputNumber min={34} max={43} step={0.1} placeholder={t('episodes.health.temperature')} style={{ width: 130 }} inputMode="decimal" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{t('episodes.health.record')}</Button>
        </div>
        <Form.Item name="symptoms" label={t('episodes.health.symptoms')} style={{ marginTop: 8, marginBottom: 0 }}>
          <Checkbox.Group options={SYMPTOMS.map((s) => ({ value: s, label: t(`episodes.symptom.${s}`) }))} />
        </Form.Item>
      </Form>
    </>
  );
}

/** One managed person: plan timeline with its tests, 五包一 team, health checks, placement, release and history. */
export function EpisodePage() {
  const ruleSets = useRuleSets();
  const { id = '' } = useParams();
  const { t, pick, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const loaded = useRequest(() => api.get<EpisodeDetail>(`/screening/episodes/${id}`), [id]);
  const [override, setOverride] = useState<EpisodeDetail>();
  const [recording, setRecording] = useState<Test>();
  const [editing, setEditing] = useState<Role>();
  const [placing, setPlacing] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  const [closeReason, setCloseReason] = useState('');
  const e = override && override.id === id ? override : loaded.data;
  const update = (next: EpisodeDetail) => setOverride(next);
  const open = e && (e.status === 'active' || e.status === 'release_proposed');
  const capture = can('screening.capture') && open;

  const act = async (path: string, body: object = {}) => {
    setActionError(undefined);
    try {
      update(await api.post<EpisodeDetail>(`/screening/episodes/${id}/${path}`, body));
    } catch (err) {
      setActionError(err);
    }
  };

  if (!e) {
    return <Spin spinning={loaded.loading}><ErrorAlert error={loaded.error} onRetry={loaded.reload} /></Spin>;
  }
  const byDate = new Map(e.testList.map((x) => [x.dueDate, x]));
  return (
    <>
      <PageHeader
        title={(
          <Space wrap>
            <Link to="/screening" aria-label={t('episodes.detail.back')}><ArrowLeftOutlined /></Link>
            <span data-testid="episode-name">{e.name}</span>
            <Tag>{pick(MANAGED_CATEGORY_LABELS[e.category])}</Tag>
            <Tag color={STATUS_COLOR[e.status]} data-testid="episode-status">{t(`episodes.status.${e.status}`)}</Tag>
          </Space>
        )}
        extra={(
          <Space wrap>
            {open && can('screening.release') && (
              <Popconfirm title={t('episodes.detail.releaseConfirm')} onConfirm={() => act('release')}>
                <Button type="primary" disabled={!!e.releaseBlocker} data-testid="release-button">{t('episodes.detail.release')}</Button>
              </Popconfirm>
            )}
            {(open || e.status === 'escalated') && can('screening.release') && (
              <Popconfirm title={<Input placeholder={t('episodes.detail.closeReason')} value={closeReason} onChange={(v) => setCloseReason(v.target.value)} />}
                onConfirm={() => act('close', { reason: closeReason })}>
                <Button danger>{t('episodes.detail.close')}</Button>
              </Popconfirm>
            )}
          </Space>
        )}
      />
      <ErrorAlert error={actionError} />
      {open && (e.releaseBlocker
        ? <Alert type="info" showIcon message={t('episodes.detail.blocker', { message: e.releaseBlocker.message })} style={{ marginBottom: 12 }} />
        : <Alert type="success" showIcon message={t('episodes.detail.canRelease')} style={{ marginBottom: 12 }} data-testid="release-ready" />)}
      {e.status === 'released' && <Alert type="success" showIcon message={`${t('episodes.detail.released')} ${formatDateTime(e.releasedAt, locale)}`}
        style={{ marginBottom: 12 }} data-testid="released" />}
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('episodes.col.phone')}>{e.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('episodes.col.region')}>{e.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('episodes.col.place')}>{t(`episodes.place.${e.placeKind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('episodes.form.anchor')}>{e.anchorDate}</Descriptions.Item>
        <Descriptions.Item label={t('episodes.col.release')}>{e.releaseDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('episodes.form.ruleSet')}>{ruleSets.name(e.ruleSet)}</Descriptions.Item>
        {e.address && <Descriptions.Item label={t('episodes.detail.address')}>{e.address}</Descriptions.Item>}
        {e.note && <Descriptions.Item label={t('episodes.form.note')}>{e.note}</Descriptions.Item>}
        <Descriptions.Item label={t('episodes.detail.source')}>{t(`episodes.source.${e.source}`)}</Descriptions.Item>
      </Descriptions>
      <div className="episode-grid">
        <Card size="small" title={t('episodes.detail.plan')}>
          <Timeline items={e.plan.phases.map((p) => ({
            color: p.startDate <= dayjs().format('YYYY-MM-DD') && dayjs().format('YYYY-MM-DD') <= p.endDate ? 'blue' : 'gray',
            children: (
              <div>
                <Typography.Text strong>{pick(PHASE_KIND_LABELS[p.kind])}</Typography.Text>{' '}
                {t('episodes.preview.days', { start: p.startDate, end: p.endDate, days: p.days })}
                <div className="episode-tests" data-testid="episode-tests">
                  {p.testDates.map((d) => {
                    const test = byDate.get(d);
                    return (
                      <div key={d} className="episode-test" data-testid="episode-test" data-status={test?.status}>
                        <div className="episode-test-date">{d}</div>
                        {test && <Tag color={TEST_COLOR[test.status]}>{t(`episodes.test.${test.status}`)}</Tag>}
                        {test?.source && <Typography.Text type="secondary">{test.source === 'testing' ? t('episodes.test.fromLab') : t('episodes.test.manual')}</Typography.Text>}
                        {test && capture && test.status !== 'negative' && (
                          <div><Button size="small" type="link" onClick={() => setRecording(test)}>{t('episodes.test.record')}</Button></div>
                        )}
                      </div>
                    );
                  })}
                </div>
              </div>
            ),
          }))} />
          {e.releaseDate && <Typography.Text>{t('episodes.preview.release', { date: e.releaseDate })}</Typography.Text>}
        </Card>
        <Card size="small" title={t('episodes.detail.team')}>
          {TEAM_ROLES.map((role) => {
            const m = e.team.find((x) => x.role === role);
            return (
              <div key={role} className="episode-team-row" data-testid={`team-${role}`}>
                <Typography.Text type="secondary">{t(`episodes.team.role.${role}`)}：</Typography.Text>
                {m ? `${m.name}${m.phone ? ` ${m.phone}` : ''}` : t('episodes.team.unset')}
                {capture && <Button size="small" type="link" onClick={() => setEditing(role)}>{t('episodes.team.edit')}</Button>}
              </div>
            );
          })}
        </Card>
        <Card size="small" title={t('episodes.detail.placement')}
          extra={open && can('isolation.manage') && !e.placement?.status.startsWith('active') && (
            <Button size="small" onClick={() => setPlacing(true)}>{t('episodes.detail.place')}</Button>)}>
          {e.placement ? (
            <div data-testid="episode-placement">{e.placement.siteName}{e.placement.roomLabel ? ` · ${e.placement.roomLabel}` : ''} <Tag>{e.placement.status}</Tag>
              <div><Typography.Text type="secondary">{formatDateTime(e.placement.startedAt, locale)}</Typography.Text></div></div>
          ) : <Typography.Text type="secondary">{t('episodes.detail.noPlacement')}</Typography.Text>}
        </Card>
        <Card size="small" title={t('episodes.detail.health')}>
          {capture && <HealthForm episode={e} onDone={(next) => {
            update(next);
            if (next.healthChecks[0]?.alarming) message.warning(t('episodes.health.alarmSent'));
          }} />}
          {e.healthChecks.length === 0 ? <Empty description={t('episodes.health.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
            <div data-testid="health-checks">
              {e.healthChecks.map((h) => (
                <div key={h.id}>
                  {h.checkedOn} {t(`episodes.health.${h.period}`)} {h.temperature ?? '—'}℃{' '}
                  {h.symptoms.map((s) => t(`episodes.symptom.${s}`)).join('、')}{' '}
                  <Tag color={h.alarming ? 'red' : 'green'}>{h.alarming ? t('episodes.health.alarm') : t('episodes.health.normal')}</Tag>
                </div>
              ))}
            </div>
          )}
        </Card>
        <Card size="small" title={t('episodes.detail.history')}>
          <Timeline items={e.history.map((h) => ({
            children: (
              <div>
                <Tag color={STATUS_COLOR[h.to]}>{t(`episodes.status.${h.to as EpisodeDetail['status']}`)}</Tag>
                {formatDateTime(h.at, locale)} {h.by ?? ''}
                {h.reason && <div><Typography.Text type="secondary">{h.reason}</Typography.Text></div>}
              </div>
            ),
          }))} />
        </Card>
      </div>
      {recording && <ResultModal episode={e} test={recording} onClose={() => setRecording(undefined)} onDone={(next) => { setRecording(undefined); update(next); }} />}
      {editing && <TeamModal episode={e} role={editing} onClose={() => setEditing(undefined)} onDone={(next) => { setEditing(undefined); update(next); }} />}
      {placing && <PlaceModal episode={e} onClose={() => setPlacing(false)} onDone={() => { setPlacing(false); setOverride(undefined); loaded.reload(); }} />}
    </>
  );
}
