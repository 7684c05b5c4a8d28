import { useEffect, useMemo, useState } from 'react';
import { Breadcrumb, Button, Card, Empty, Select, Space, Spin, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { EXEMPTION_REASONS, EXEMPTION_REASON_LABELS } from '../../../../shared/testing.js';
import { api } from '../../../api/client.js';
import { useAuth } from '../../../auth/AuthProvider.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useIsMobile } from '../../../components/media.js';
import { useRequest } from '../../../components/useRequest.js';
import { formatDateTime, formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { ROUND_STATUS_COLORS } from '../desk/RoundsList.js';
import type { CoverageNode, CoverageReport, RoundView } from '../types.js';
import { CoverageBars, RateBar } from './CoverageBars.js';
import { IssueTasksModal } from './IssueTasksModal.js';
import { MissingList } from './MissingList.js';
import { UnregisteredList } from './UnregisteredList.js';

/** Missing lists are for door-knocking: a community, grid or building, not a whole township. */
const LIST_LEVELS = ['community', 'grid', 'building'];
const REFRESH_MS = 30_000;

interface Crumb {
  code: string;
  name: string;
}

function Figures({ node }: { node: CoverageNode }) {
  const { t, pick, locale } = useI18n();
  const f = node.figures;
  const reasons = EXEMPTION_REASONS.filter((r) => f.exemptByReason[r] > 0);
  const n = (v: number) => formatNumber(v, locale);
  return (
    <Card size="small" className="testing-panel" data-testid="coverage-figures">
      <div className="testing-figures-row">
        <Statistic title={t('testing.coverage.expected')} value={n(f.expected)} />
        <Statistic title={t('testing.coverage.tested')} value={n(f.tested)} />
        <Statistic title={t('testing.coverage.missing')} value={n(f.missing)} styles={{ content: f.missing > 0 ? { color: '#cf1322' } : undefined }} />
        <Statistic title={t('testing.coverage.exempt')} value={n(f.exempt)} />
        <Statistic title={t('testing.coverage.unregistered')} value={n(f.unregistered)} />
      </div>
      <div className="coverage-main-rate">
        <span>{t('testing.coverage.rate')}</span>
        <RateBar rate={f.rate} expected={f.expected} />
      </div>
      {reasons.length > 0 && (
        <div className="tag-list">
          {reasons.map((r) => <Tag key={r}>{pick(EXEMPTION_REASON_LABELS[r])} {n(f.exemptByReason[r])}</Tag>)}
        </div>
      )}
    </Card>
  );
}

/** 应检尽检: a round's coverage from township to community to grid, the missing lists for door-knocking, the unregistered. */
export function CoveragePage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const [trail, setTrail] = useState<Crumb[]>([]);
  const [tab, setTab] = useState('children');
  const [issuing, setIssuing] = useState(false);
  const rounds = useRequest(() => api.get<RoundView[]>('/testing/rounds'), []);
  const roundId = params.get('round') ?? rounds.data?.find((r) => r.status === 'open')?.id ?? rounds.data?.find((r) => r.status !== 'planned')?.id;
  const region = params.get('region') ?? undefined;

  const report = useRequest(
    () => (roundId ? api.get<CoverageReport>(`/testing/rounds/${roundId}/coverage`, { region }) : Promise.resolve(undefined)),
    [roundId, region],
  );
  const { reload } = report;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const data = report.data;
  const open = (node: Crumb) => {
    setTrail((prev) => {
      const at = prev.findIndex((c) => c.code === node.code);
      return at >= 0 ? prev.slice(0, at + 1) : [...prev, { code: node.code, name: node.name }];
    });
    setTab('children');
    const next = new URLSearchParams(params);
    next.set('round', roundId!);
    next.set('region', node.code);
    setParams(next);
  };
  const toTop = () => {
    setTrail([]);
    setTab('children');
    const next = new URLSearchParams();
    if (roundId) next.set('round', roundId);
    setParams(next);
  };
  // The top of the trail is the region the user stands in (their own scope when none was asked).
  const crumbs = useMemo(() => {
    if (!data) return [];
    const known = trail.some((c) => c.code === data.region.code) ? trail : (region ? [{ code: data.region.code, name: data.region.name }] : []);
    return known;
  }, [trail, data, region]);

  const canList = data && LIST_LEVELS.includes(data.region.level);
  const mayIssue = (can('testing.manage') || can('testing.followup')) && data && data.round.status !== 'closed';
  const n = (v: number) => formatNumber(v, locale);

  return (
    <>
      <PageHeader
        title={t('testing.coverage.title')}
        extra={(
          <Space wrap>
            {mayIssue && (
              <Button type="primary" icon={<SendOutlined />} onClick={() => setIssuing(true)}>{t('testing.tasks.button')}</Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={report.reload}>{t('testing.refresh')}</Button>
          </Space>
        )}
      >
        <Select
          className="testing-round-select"
          placeholder={t('testing.pickRound')}
          aria-label={t('testing.pickRound')}
          value={roundId}
          loading={rounds.loading}
          onChange={(id: string) => {
            setTrail([]);
            setParams(new URLSearchParams({ round: id }));
          }}
          options={(rounds.data ?? []).map((r) => ({
            value: r.id,
            label: <span>{r.name} <Tag color={ROUND_STATUS_COLORS[r.status]}>{t(`testing.round.status.${r.status}`)}</Tag></span>,
          }))}
        />
      </PageHeader>
      <ErrorAlert error={rounds.error ?? report.error} onRetry={rounds.error ? rounds.reload : report.reload} />
      {!roundId && !rounds.loading && <Empty description={t('testing.noRound')} />}
      <Spin spinning={report.loading && !data}>
        {data && (
          <div data-testid="coverage">
            <Breadcrumb
              className="coverage-trail"
              items={[
                { title: <a onClick={toTop}>{t('testing.coverage.myRegions')}</a> },
                ...crumbs.map((c, i) => ({
                  title: i === crumbs.length - 1 ? c.name : <a onClick={() => open(c)}>{c.name}</a>,
                })),
              ]}
            />
            <Typography.Title level={4} className="coverage-region-title" data-testid="coverage-region">{data.region.name}</Typography.Title>
            {data.updatedAt && (
              <Typography.Paragraph type="secondary" className="testing-note">
                {t('testing.coverage.updatedAt', { at: formatDateTime(data.updatedAt, locale) })}
              </Typography.Paragraph>
            )}
            <Figures node={data.region} />
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'children',
                  label: t('testing.coverage.byRegion'),
                  children: mobile ? <CoverageBars nodes={data.children} onOpen={open} /> : (
                    <Table<CoverageNode>
                      size="small"
                      rowKey="code"
                      dataSource={data.children}
                      pagination={false}
                      data-testid="coverage-table"
                      locale={{ emptyText: t('testing.coverage.noChildren') }}
                      onRow={(node) => ({ onClick: () => open(node), className: 'coverage-row' })}
                      columns={[
                        { title: t('testing.region'), dataIndex: 'name', render: (v: string) => <a>{v}</a> },
                        { title: t('testing.coverage.residents'), key: 'residents', align: 'right', render: (_: unknown, c: CoverageNode) => n(c.figures.residents) },
                        { title: t('testing.coverage.exempt'), key: 'exempt', align: 'right', render: (_: unknown, c: CoverageNode) => n(c.figures.exempt) },
                        { title: t('testing.coverage.expected'), key: 'expected', align: 'right', render: (_: unknown, c: CoverageNode) => n(c.figures.expected) },
                        { title: t('testing.coverage.tested'), key: 'tested', align: 'right', render: (_: unknown, c: CoverageNode) => n(c.figures.tested) },
                        {
                          title: t('testing.coverage.missing'),
                          key: 'missing',
                          align: 'right',
                          render: (_: unknown, c: CoverageNode) => <Typography.Text type={c.figures.missing > 0 ? 'danger' : undefined}>{n(c.figures.missing)}</Typography.Text>,
                        },
                        { title: t('testing.coverage.rate'), key: 'rate', width: 200, render: (_: unknown, c: CoverageNode) => <RateBar rate={c.figures.rate} expected={c.figures.expected} size="small" /> },
                        { title: t('testing.coverage.unregistered'), key: 'unregistered', align: 'right', render: (_: unknown, c: CoverageNode) => n(c.figures.unregistered) },
                      ]}
                    />
                  ),
                },
                ...(canList ? [{
                  key: 'missing',
                  label: t('testing.coverage.missingTab', { n: n(data.region.figures.missing) }),
                  children: <MissingList roundId={data.round.id} region={data.region.code} regionName={data.region.name} onChanged={report.reload} />,
                }] : []),
                {
                  key: 'unregistered',
                  label: t('testing.coverage.unregisteredTab', { n: n(data.region.figures.unregistered) }),
                  children: <UnregisteredList roundId={data.round.id} region={region} />,
                },
              ]}
            />
            {!canList && <Typography.Paragraph type="secondary" className="testing-note">{t('testing.coverage.drillHint')}</Typography.Paragraph>}
          </div>
        )}
      </Spin>
      {issuing && data && (
        <IssueTasksModal roundId={data.round.id} region={data.region.code} regionName={data.region.name} onClose={() => setIssuing(false)} />
      )}
    </>
  );
}
