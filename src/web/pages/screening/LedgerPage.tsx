import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, Pagination, Segmented, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { NodeIndexOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { useRuleSets } from '../../components/useRuleSets.js';
import { api } from '../../api/client.js';
import type { Page } from '../../api/types.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormModal } from '../../components/FormModal.js';
import { useIsMobile } from '../../components/media.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RegionTreeSelect, type RegionOption } from '../../components/RegionTreeSelect.js';
import { useFormSubmit } from '../../components/useFormSubmit.js';
import { useRequest } from '../../components/useRequest.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { NewEpisodeDrawer } from './NewEpisodeDrawer.js';
import {
  EPISODE_STATUSES, MANAGED_CATEGORIES, MANAGED_CATEGORY_LABELS, PHASE_KIND_LABELS, PLACE_KINDS, STATUS_COLOR,
  type EpisodeView, type PlanMoveView, type ScreeningSummary,
} from './types.js';

const PAGE_SIZE = 20;
type StatusFilter = 'open' | 'all' | (typeof EPISODE_STATUSES)[number];

function SummaryStrip({ summary }: { summary: ScreeningSummary }) {
  const { t } = useI18n();
  const place = (k: string) => summary.byPlace.find((p) => p.placeKind === k)?.count ?? 0;
  return (
    <>
      <div className="episodes-summary" data-testid="episodes-summary">
        <Statistic title={t('episodes.summary.managed')} value={summary.managed} />
        <Statistic title={t('episodes.summary.central')} value={place('central')} />
        <Statistic title={t('episodes.summary.home')} value={place('home')} />
        <Statistic title={t('episodes.summary.releasesDue')} value={summary.releasesDueToday} />
        <Statistic title={t('episodes.summary.proposed')} value={summary.releasesProposed} />
        <Statistic title={t('episodes.summary.testsToday')} value={summary.testsDueToday} />
        <Statistic title={t('episodes.summary.missed')} value={summary.testsMissed} valueStyle={summary.testsMissed ? { color: '#cf1322' } : undefined} />
      </div>
      <div className="episodes-summary-line">
        {summary.isolation && <span>{t('episodes.summary.beds', { free: summary.isolation.free, beds: summary.isolation.beds })}</span>}
        {summary.zonesByLevel && <span>{t('episodes.summary.zones', summary.zonesByLevel)}</span>}
        <span>{t('episodes.summary.visits', { today: summary.visits.visitedToday, visited: summary.visits.visited, households: summary.visits.households })}</span>
      </div>
    </>
  );
}

/** 方案调整: the commander records the headquarters' decision moving open episodes to another plan. */
function PlanMoveModal({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ fromRuleSet: string; toRuleSet: string; decisionNo: string; decidedOn: Dayjs; note?: string }>();
  const moves = useRequest(() => api.get<PlanMoveView[]>('/screening/plan-moves'), []);
  const { submit, busy, error } = useFormSubmit(async (v: { fromRuleSet: string; toRuleSet: string; decisionNo: string; decidedOn: Dayjs; note?: string }) => {
    const done = await api.post<PlanMoveView>('/screening/plan-moves', { ...v, decidedOn: v.decidedOn.format('YYYY-MM-DD') });
    message.success(t('episodes.move.done', { count: done.episodesMoved }));
    onDone();
  });
  const ruleSets = useRuleSets();
  const plans = ruleSets.plans.map((r) => ({ value: r.code, label: pick(r.name) }));
  const required = [{ required: true, message: t('form.required') }];
  return (
    <FormModal title={t('episodes.move.title')} form={form} busy={busy} error={error} onClose={onClose}
      intro={<Typography.Paragraph type="secondary">{t('episodes.move.intro')}</Typography.Paragraph>}>
      <Form form={form} layout="vertical" name="planMove" onFinish={submit}
        initialValues={{ fromRuleSet: 'NINTH_EDITION', toRuleSet: 'TWENTY_MEASURES', decidedOn: dayjs() }}>
        <Form.Item name="fromRuleSet" label={t('episodes.move.from')} rules={required}><Select options={plans} /></Form.Item>
        <Form.Item name="toRuleSet" label={t('episodes.move.to')} rules={required}><Select options={plans} /></Form.Item>
        <Form.Item name="decisionNo" label={t('episodes.move.decisionNo')} rules={required}><Input maxLength={60} placeholder="湟疫指〔2022〕45号" /></Form.Item>
        <Form.Item name="decidedOn" label={t('episodes.move.decidedOn')} rules={required}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={t('episodes.form.note')}><Input maxLength={500} /></Form.Item>
      </Form>
      {(moves.data?.length ?? 0) > 0 && (
        <>
          <Typography.Text strong>{t('episodes.move.history')}</Typography.Text>
          {moves.data!.map((m) => (
            <div key={m.id}>{m.decidedOn} {m.decisionNo}：{ruleSets.name(m.fromRuleSet)} → {ruleSets.name(m.toRuleSet)}（{m.episodesMoved}）</div>
          ))}
        </>
      )}
    </FormModal>
  );
}

function EpisodeCard({ e }: { e: EpisodeView }) {
  const { t, pick } = useI18n();
  return (
    <Link to={`/screening/episodes/${e.id}`} data-testid="episode-card">
      <Card size="small" className="episode-card" hoverable>
        <div className="episode-card-head">
          <Typography.Text strong>{e.name} <Tag>{pick(MANAGED_CATEGORY_LABELS[e.category])}</Tag></Typography.Text>
          <Tag color={STATUS_COLOR[e.status]}>{t(`episodes.status.${e.status}`)}</Tag>
        </div>
        <div className="episode-card-meta">
          <span>{e.regionName}</span>
          {e.phaseToday && <span>{pick(PHASE_KIND_LABELS[e.phaseToday])}</span>}
          <span>{t('episodes.tests', e.tests)}{e.tests.missed > 0 && <Tag color="volcano">{t('episodes.missedCount', { count: e.tests.missed })}</Tag>}</span>
          {e.nextTestDate && <span>{t('episodes.col.nextTest')} {e.nextTestDate}</span>}
          {e.releaseDate && <span>{t('episodes.col.release')} {e.releaseDate}</span>}
        </div>
      </Card>
    </Link>
  );
}

/** 管控人员台账: filters, a table (cards on a phone), the command's figures, new episodes and plan moves. */
export function LedgerPage() {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [status, setStatus] = useState<StatusFilter>('open');
  const [category, setCategory] = useState<string>();
  const [placeKind, setPlaceKind] = useState<string>();
  const [region, setRegion] = useState<RegionOption>();
  const [releaseToday, setReleaseToday] = useState(false);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [moving, setMoving] = useState(false);
  const query = { status, category, placeKind, region: region?.value, q: q || undefined,
    releaseBy: releaseToday ? dayjs().format('YYYY-MM-DD') : undefined, page, pageSize: PAGE_SIZE };
  const list = useRequest(() => api.get<Page<EpisodeView>>('/screening/episodes', query), [JSON.stringify(query)]);
  const summary = useRequest(() => api.get<ScreeningSummary>('/screening/summary'), [list.data]);
  const reset = () => setPage(1);
  const items = list.data?.items ?? [];
  const columns = [
    { title: t('episodes.col.name'), dataIndex: 'name', render: (_: unknown, e: EpisodeView) => <Link to={`/screening/episodes/${e.id}`}>{e.name}</Link> },
    { title: t('episodes.col.phone'), dataIndex: 'phone' },
    { title: t('episodes.col.category'), dataIndex: 'category', render: (c: EpisodeView['category']) => pick(MANAGED_CATEGORY_LABELS[c]) },
    { title: t('episodes.col.region'), dataIndex: 'regionName' },
    { title: t('episodes.col.place'), dataIndex: 'placeKind', render: (p: EpisodeView['placeKind']) => t(`episodes.place.${p}`) },
    { title: t('episodes.col.phase'), dataIndex: 'phaseToday', render: (p: EpisodeView['phaseToday']) => (p ? pick(PHASE_KIND_LABELS[p]) : '—') },
    { title: t('episodes.col.tests'), key: 'tests', render: (_: unknown, e: EpisodeView) => (
      <>{t('episodes.tests', e.tests)} {e.tests.missed > 0 && <Tag color="volcano">{t('episodes.missedCount', { count: e.tests.missed })}</Tag>}</>) },
    { title: t('episodes.col.nextTest'), dataIndex: 'nextTestDate', render: (d: string | null) => d ?? '—' },
    { title: t('episodes.col.release'), dataIndex: 'releaseDate', render: (d: string | null) => d ?? '—' },
    { title: t('episodes.col.status'), dataIndex: 'status', render: (s: EpisodeView['status']) => <Tag color={STATUS_COLOR[s]}>{t(`episodes.status.${s}`)}</Tag> },
  ];
  return (
    <>
      <PageHeader
        title={t('episodes.title')}
        extra={(
          <Space wrap>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('testing.refresh')}</Button>
            {can('response.manage') && can('screening.manage') && (
              <Button icon={<NodeIndexOutlined />} onClick={() => setMoving(true)}>{t('episodes.planMove')}</Button>
            )}
            {can('screening.capture') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('episodes.new')}</Button>}
          </Space>
        )}
      >
        <Typography.Paragraph type="secondary">{t('episodes.intro')}</Typography.Paragraph>
      </PageHeader>
      {summary.data && <SummaryStrip summary={summary.data} />}
      <div className="episodes-filters">
        <div className="segmented-scroll">
          <Segmented<StatusFilter> value={status} onChange={(v) => { setStatus(v); reset(); }}
            options={[{ value: 'open', label: t('episodes.filter.open') }, ...EPISODE_STATUSES.map((s) => ({ value: s, label: t(`episodes.status.${s}`) })),
              { value: 'all', label: t('episodes.filter.all') }]} />
        </div>
        <Select allowClear placeholder={t('episodes.filter.category')} value={category} onChange={(v) => { setCategory(v); reset(); }}
          options={MANAGED_CATEGORIES.map((c) => ({ value: c, label: pick(MANAGED_CATEGORY_LABELS[c]) }))} data-testid="filter-category" />
        <Select allowClear placeholder={t('episodes.filter.place')} value={placeKind} onChange={(v) => { setPlaceKind(v); reset(); }}
          options={PLACE_KINDS.map((p) => ({ value: p, label: t(`episodes.place.${p}`) }))} />
        <div style={{ minWidth: 200 }}>
          <RegionTreeSelect value={region ?? null} onChange={(v) => { setRegion(Array.isArray(v) ? v[0] : v); reset(); }}
            placeholder={t('episodes.filter.region')} allowClear />
        </div>
        <Button type={releaseToday ? 'primary' : 'default'} onClick={() => { setReleaseToday(!releaseToday); reset(); }}>
          {t('episodes.filter.releaseToday')}
        </Button>
        <Input.Search allowClear placeholder={t('episodes.filter.search')} onSearch={(v) => { setQ(v.trim()); reset(); }} style={{ width: 200 }}
          data-testid="episode-search" />
      </div>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {mobile ? (
        <Spin spinning={list.loading && !list.data}>
          {items.length === 0 && !list.loading && <Empty description={t('episodes.empty')} />}
          <div className="episode-cards" data-testid="episodes">{items.map((e) => <EpisodeCard key={e.id} e={e} />)}</div>
          {(list.data?.total ?? 0) > PAGE_SIZE && (
            <Pagination className="cards-pagination" current={page} pageSize={PAGE_SIZE} total={list.data?.total} onChange={setPage} />
          )}
        </Spin>
      ) : (
        <Table<EpisodeView> rowKey="id" size="middle" data-testid="episodes" loading={list.loading} dataSource={items} columns={columns}
          locale={{ emptyText: t('episodes.empty') }}
          onRow={(e) => ({ onDoubleClick: () => navigate(`/screening/episodes/${e.id}`) })}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }) }} />
      )}
      {adding && <NewEpisodeDrawer onClose={() => setAdding(false)} onCreated={(e) => { setAdding(false); navigate(`/screening/episodes/${e.id}`); }} />}
      {moving && <PlanMoveModal onClose={() => setMoving(false)} onDone={() => { setMoving(false); list.reload(); }} />}
    </>
  );
}
