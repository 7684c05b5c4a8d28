import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Progress, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client.js';
import { useAuth } from '../../../auth/AuthProvider.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useIsMobile } from '../../../components/media.js';
import { useRequest } from '../../../components/useRequest.js';
import { formatDateTime, formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { OUTCOMES, OUTCOME_COLORS } from '../labels.js';
import type { CompletionFigures, CompletionNode, CompletionReport, ScreeningRoundView, VisitView } from '../types.js';
import { RoundStatus } from './RoundsPage.js';

function Figures({ f }: { f: CompletionFigures }) {
  const { t, locale } = useI18n();
  const n = (v: number) => formatNumber(v, locale);
  return (
    <Card size="small" className="field-panel" data-testid="completion-figures">
      <div className="field-figures">
        <Statistic title={t('field.completion.households')} value={n(f.households)} />
        <Statistic title={t('field.completion.visited')} value={n(f.visited)} />
        <Statistic title={t('field.completion.outstanding')} value={n(f.outstanding)} />
      </div>
      <Progress percent={Math.round(f.rate * 1000) / 10} aria-label={t('field.completion.rate')} />
      <Space wrap>
        {OUTCOMES.map((o) => <Tag key={o} color={OUTCOME_COLORS[o]}>{t(`field.outcome.${o}`)} {n(f.byOutcome[o])}</Tag>)}
        <Typography.Text type="secondary">{t('field.completion.dayNight', { day: n(f.dayVisits), night: n(f.nightVisits) })}</Typography.Text>
      </Space>
    </Card>
  );
}

/** A round's completion from township to community to grid; at a grid, its visits. */
export function CompletionPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const mobile = useIsMobile();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const report = useRequest(() => api.get<CompletionReport>(`/screening/rounds/${id}/completion`, { region }), [id, region]);
  const data = report.data;
  const atGrid = data?.region.level === 'grid';
  const visits = useRequest(() => (atGrid ? api.get<VisitView[]>(`/screening/rounds/${id}/visits`, { region: data!.region.code })
    : Promise.resolve([])), [id, atGrid, data?.region.code]);
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([]);
  const open = (node: { code: string; name: string }) => {
    setTrail((prev) => {
      const at = prev.findIndex((c) => c.code === node.code);
      return at >= 0 ? prev.slice(0, at + 1) : [...prev, node];
    });
    setParams(new URLSearchParams({ region: node.code }));
  };
  const close = () => modal.confirm({
    title: t('field.round.close'), content: t('field.round.closeConfirm', { name: data?.round.name ?? '' }), okButtonProps: { danger: true },
    onOk: async () => {
      await api.post<ScreeningRoundView>(`/screening/rounds/${id}/close`);
      report.reload();
    },
  });
  const n = (v: number) => formatNumber(v, locale);

  return (
    <>
      <PageHeader
        title={data ? <Space wrap>{data.round.name}<RoundStatus status={data.round.status} /></Space> : t('field.round.completion')}
        extra={(
          <Space wrap>
            {can('screening.manage') && data?.round.status === 'open' && (
              <Button danger icon={<StopOutlined />} onClick={close}>{t('field.round.close')}</Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={report.reload}>{t('field.refresh')}</Button>
          </Space>
        )}
      >
        {data && <Typography.Text type="secondary">{data.round.startsOn} ~ {data.round.endsOn}</Typography.Text>}
      </PageHeader>
      <ErrorAlert error={report.error} onRetry={report.reload} />
      <Spin spinning={report.loading && !data}>
        {data && (
          <div data-testid="completion">
            <Breadcrumb className="field-trail" items={[
              { title: <a onClick={() => { setTrail([]); setParams(new URLSearchParams()); }}>{t('field.round.myRegions')}</a> },
              ...(trail.some((c) => c.code === data.region.code) ? trail : [{ code: data.region.code, name: data.region.name }])
                .map((c) => ({ title: c.code === data.region.code ? c.name : <a onClick={() => open(c)}>{c.name}</a> })),
            ]} />
            <Figures f={data.region.figures} />
            {data.children.length > 0 && (
              <Table<CompletionNode>
                size="small"
                rowKey="code"
                dataSource={data.children}
                pagination={data.children.length > 50 ? { pageSize: 50 } : false}
                onRow={(r) => ({ onClick: () => open(r), className: 'field-clickable' })}
                columns={[
                  { title: t('field.completion.region'), dataIndex: 'name', render: (name: string) => <a>{name}</a> },
                  { title: t('field.completion.households'), key: 'h', align: 'right', render: (_, r) => n(r.figures.households), responsive: ['sm'] },
                  { title: t('field.completion.visited'), key: 'v', align: 'right', render: (_, r) => n(r.figures.visited) },
                  { title: t('field.completion.outstanding'), key: 'o', align: 'right', render: (_, r) => n(r.figures.outstanding), responsive: ['md'] },
                  { title: t('field.completion.rate'), key: 'r', width: mobile ? 110 : 200,
                    render: (_, r) => <Progress percent={Math.round(r.figures.rate * 1000) / 10} size="small" /> },
                ]}
              />
            )}
            {atGrid && (
              <Card size="small" title={t('field.completion.visits')} className="field-panel">
                <ErrorAlert error={visits.error} />
                <Table<VisitView>
                  size="small"
                  rowKey="id"
                  loading={visits.loading}
                  dataSource={visits.data ?? []}
                  pagination={{ pageSize: 50, hideOnSinglePage: true }}
                  columns={[
                    { title: t('field.completion.address'), dataIndex: 'address' },
                    { title: t('field.completion.time'), dataIndex: 'visitedAt', render: (v: string) => formatDateTime(v, locale), responsive: ['sm'] },
                    { title: t('field.completion.shift'), dataIndex: 'shift', render: (s: VisitView['shift']) => t(`field.shift.${s}`) },
                    { title: t('field.completion.outcome'), dataIndex: 'outcome',
                      render: (o: VisitView['outcome']) => <Tag color={OUTCOME_COLORS[o]}>{t(`field.outcome.${o}`)}</Tag> },
                  ]}
                />
              </Card>
            )}
          </div>
        )}
      </Spin>
    </>
  );
}
