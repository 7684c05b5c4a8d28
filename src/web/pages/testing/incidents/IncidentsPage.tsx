import { useEffect, useState } from 'react';
import { Badge, Button, Card, Empty, Pagination, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { ClockCircleOutlined, EnvironmentOutlined, ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { INCIDENT_STATUSES, INCIDENT_STATUS_LABELS, type IncidentStatus } from '../../../../shared/testing.js';
import { api } from '../../../api/client.js';
import type { Page } from '../../../api/types.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useRequest } from '../../../components/useRequest.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { IncidentView } from '../types.js';
import { IncidentDrawer } from './IncidentDrawer.js';
import { breachedAt } from './clocks.js';
import { SlaClocks } from './SlaClocks.js';

type Filter = 'active' | IncidentStatus;
const FILTERS: Filter[] = ['active', ...INCIDENT_STATUSES];
const PAGE_SIZE = 20;
/** The list is asked again this often, so a new positive pool shows up without a reload. */
const REFRESH_MS = 30_000;

export const INCIDENT_STATUS_COLORS: Record<IncidentStatus, string> = {
  open: 'red', notified: 'orange', resampled: 'blue', resulted: 'purple', closed: 'default',
};

/** A ticking clock for the SLA countdowns (seconds are not shown, so a tick every 15 s is enough). */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function IncidentCard({ incident, now, onOpen }: { incident: IncidentView; now: number; onOpen(): void }) {
  const { t, pick, locale } = useI18n();
  const breached = incident.status !== 'closed' && breachedAt(incident.clocks, now);
  return (
    <Card
      size="small"
      className={`testing-card incident-card${breached ? ' incident-breached' : ''}`}
      data-testid="incident-card"
      data-breached={breached}
      hoverable
      onClick={onOpen}
    >
      <div className="testing-card-head">
        <Typography.Text strong className="testing-card-title">
          {incident.kind === 'pool' ? t('testing.incident.pool') : t('testing.incident.single')} <span className="masked">{incident.tubeBarcode}</span>
        </Typography.Text>
        <Space size={4} wrap>
          {breached && <Tag color="red" variant="solid">{t('testing.sla.breached')}</Tag>}
          <Tag color={INCIDENT_STATUS_COLORS[incident.status]}>{pick(INCIDENT_STATUS_LABELS[incident.status])}</Tag>
        </Space>
      </div>
      <div className="testing-card-meta">
        <span><EnvironmentOutlined /> {incident.regionName}</span>
        <span><ClockCircleOutlined /> {t('testing.incident.detectedAt', { at: formatDateTime(incident.detectedAt, locale) })}</span>
        <span data-testid="incident-members">
          <TeamOutlined /> {t('testing.incident.members', { count: incident.memberCount })}
          {incident.visibleMembers < incident.memberCount && ` · ${t('testing.incident.inScope', { count: incident.visibleMembers })}`}
          {` · ${t('testing.incident.retested', { count: incident.retested })}`}
        </span>
      </div>
      {incident.status !== 'closed' && <SlaClocks clocks={incident.clocks} now={now} />}
      {incident.outcome && (
        <Tag color={incident.outcome === 'positive_found' ? 'red' : 'green'}>{t(`testing.incident.outcome.${incident.outcome}`)}</Tag>
      )}
      <div className="incident-open">
        <Button type="link" onClick={(e) => { e.stopPropagation(); onOpen(); }}>{t('testing.incident.view')}</Button>
      </div>
    </Card>
  );
}

/** 阳性混管: positive pools in my regions with their SLA clocks (red when overdue), newest first; refreshed every 30 s. */
export function IncidentsPage() {
  const { t, pick } = useI18n();
  const now = useNow();
  const [filter, setFilter] = useState<Filter>('active');
  const [page, setPage] = useState(1);
  const [opened, setOpened] = useState<string>();
  const [tick, setTick] = useState(0);
  const incidents = useRequest(
    () => api.get<Page<IncidentView>>('/testing/incidents', { status: filter, page, pageSize: PAGE_SIZE }),
    [filter, page, tick],
  );

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const items = incidents.data?.items ?? [];
  const breached = items.filter((i) => i.status !== 'closed' && breachedAt(i.clocks, now)).length;
  return (
    <>
      <PageHeader
        title={(
          <>
            {t('testing.incident.title')}
            {breached > 0 && <Badge count={t('testing.incident.breachedCount', { count: breached })} className="testing-title-badge" />}
          </>
        )}
        extra={<Button icon={<ReloadOutlined />} onClick={incidents.reload}>{t('testing.refresh')}</Button>}
      >
        <Typography.Paragraph type="secondary" className="testing-note">{t('testing.incident.intro')}</Typography.Paragraph>
        <div className="segmented-scroll">
          <Segmented<Filter>
            value={filter}
            onChange={(v) => {
              setFilter(v);
              setPage(1);
            }}
            options={FILTERS.map((f) => ({ value: f, label: f === 'active' ? t('testing.incident.active') : pick(INCIDENT_STATUS_LABELS[f]) }))}
          />
        </div>
      </PageHeader>
      <ErrorAlert error={incidents.error} onRetry={incidents.reload} />
      {/* Only the first load spins: the 30-second refresh replaces the cards in place. */}
      <Spin spinning={incidents.loading && !incidents.data}>
        {items.length === 0 && !incidents.loading && <Empty description={t('testing.incident.empty')} />}
        <div className="testing-cards" data-testid="incidents">
          {items.map((i) => <IncidentCard key={i.id} incident={i} now={now} onOpen={() => setOpened(i.id)} />)}
        </div>
      </Spin>
      {(incidents.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          className="cards-pagination"
          current={page}
          pageSize={PAGE_SIZE}
          total={incidents.data?.total}
          onChange={setPage}
          showTotal={(total) => t('common.total', { total })}
        />
      )}
      {opened && <IncidentDrawer id={opened} now={now} onClose={() => setOpened(undefined)} onChanged={incidents.reload} />}
    </>
  );
}
