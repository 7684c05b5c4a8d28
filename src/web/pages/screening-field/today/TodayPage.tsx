import { useEffect, useState, type ReactNode } from 'react';
import { App, Badge, Button, Card, Empty, List, Progress, Space, Spin, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { MANAGED_CATEGORY_LABELS, PHASE_KIND_LABELS } from '../../../../shared/screening.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { RegionTreeSelect, type RegionOption } from '../../../components/RegionTreeSelect.js';
import { useAuth } from '../../../auth/AuthProvider.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { OUTCOME_COLORS } from '../labels.js';
import type { TodayList, VisitOutcomeCode } from '../types.js';
import { HealthCheckSheet } from './HealthCheckSheet.js';
import { useToday } from './useToday.js';
import { VisitSheet } from './VisitSheet.js';
import { flushVisits } from './visitQueue.js';

function Section({ title, count, children, testId }: { title: string; count: number; children: ReactNode; testId: string }) {
  return (
    <Card size="small" className="field-panel field-today-section" data-testid={testId}
      title={<Space>{title}<Badge count={count} showZero color={count > 0 ? '#1677ff' : '#bfbfbf'} /></Space>}>
      {children}
    </Card>
  );
}

/** 今日工作: one grid's day on a phone — visits to make, tests, health checks, releases, tasks — with big buttons to record. */
export function TodayPage() {
  const { t, pick, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { grid, own, list, pickGrid } = useToday();
  const [visiting, setVisiting] = useState<TodayList['visits'][number]>();
  const [checking, setChecking] = useState<TodayList['healthChecks'][number]>();
  const [recorded, setRecorded] = useState<{ householdId: string; address: string; outcome: VisitOutcomeCode }[]>([]);
  const { reload } = list;

  // Visits kept while offline go out when the page opens and when the network comes back.
  useEffect(() => {
    const flush = () => void flushVisits().then((n) => n > 0 && reload());
    flush();
    window.addEventListener('online', flush);
    return () => window.removeEventListener('online', flush);
  }, [reload]);

  const d = list.data;
  const capture = can('screening.capture');
  const empty = <Typography.Text type="secondary">{t('field.today.nothing')}</Typography.Text>;
  const total = d ? d.visits.length + d.tests.length + d.healthChecks.length + d.releases.length + d.tasks.length : 0;

  return (
    <div className="field-today">
      <PageHeader
        title={t('field.today.title')}
        extra={(
          <Space wrap>
            {grid && <Button icon={<PrinterOutlined />} onClick={() => navigate(`/today/print?grid=${grid}`)}>{t('field.today.print')}</Button>}
            <Button icon={<ReloadOutlined />} onClick={reload}>{t('field.refresh')}</Button>
          </Space>
        )}
      >
        {d && <Typography.Text type="secondary">{d.grid.name} · {d.date}</Typography.Text>}
      </PageHeader>
      {!own && (
        <div className="field-grid-pick">
          <RegionTreeSelect selectableLevels={['grid']} placeholder={t('field.today.pickGrid')}
            value={grid ? { value: grid, label: d?.grid.name ?? grid } : null}
            onChange={(v) => v && !Array.isArray(v) && pickGrid((v as RegionOption).value)} />
        </div>
      )}
      {!grid && <Empty description={t('field.today.gridRequired')} />}
      <ErrorAlert error={list.error} onRetry={reload} />
      <Spin spinning={list.loading && !d}>
        {d && (
          <>
            {total === 0 && recorded.length === 0 && <Empty image={<CheckCircleTwoTone twoToneColor="#52c41a" />} description={t('field.today.allDone')} />}
            {(d.rounds.length > 0 || recorded.length > 0) && (
              <Section title={t('field.today.visits')} count={d.visits.length} testId="today-visits">
                {d.rounds.map((r) => (
                  <div key={r.id} className="field-round-progress">
                    <Typography.Text>{t('field.today.visitsDone', { round: r.name, visited: r.visited, households: r.households })}</Typography.Text>
                    <Progress percent={r.households ? Math.round((r.visited / r.households) * 100) : 0} size="small" />
                  </div>
                ))}
                {recorded.map((r) => (
                  <div key={r.householdId} className="field-recorded" data-testid="visit-recorded">
                    <CheckCircleTwoTone twoToneColor="#52c41a" /> {t('field.today.recorded', { address: r.address })}
                    <Tag color={OUTCOME_COLORS[r.outcome]}>{t(`field.outcome.${r.outcome}`)}</Tag>
                  </div>
                ))}
                <List
                  dataSource={d.visits}
                  locale={{ emptyText: empty }}
                  renderItem={(h) => (
                    <List.Item className="field-item" data-testid="today-household"
                      actions={capture ? [<Button key="v" type="primary" size="large" onClick={() => setVisiting(h)}>{t('field.today.record')}</Button>] : []}>
                      <List.Item.Meta
                        title={<Space wrap>{h.address}{h.lastOutcome === 'absent' && <Tag color="orange">{t('field.today.revisit')}</Tag>}</Space>}
                        description={h.members.map((m) => m.name).join('、')}
                      />
                    </List.Item>
                  )}
                />
              </Section>
            )}
            <Section title={t('field.today.tests')} count={d.tests.length} testId="today-tests">
              <List dataSource={d.tests} locale={{ emptyText: empty }} renderItem={(x) => (
                <List.Item className="field-item">
                  <List.Item.Meta
                    title={<Space wrap>{x.name}<Tag color={x.missed ? 'red' : 'blue'}>{t(x.missed ? 'field.today.missed' : 'field.today.dueToday')}</Tag></Space>}
                    description={`${x.address} · ${pick(MANAGED_CATEGORY_LABELS[x.category])} · ${x.dueDate}`}
                  />
                </List.Item>
              )} />
            </Section>
            <Section title={t('field.today.checks')} count={d.healthChecks.length} testId="today-checks">
              <List dataSource={d.healthChecks} locale={{ emptyText: empty }} renderItem={(x) => (
                <List.Item className="field-item"
                  actions={capture ? [<Button key="c" type="primary" size="large" onClick={() => setChecking(x)}>{t('field.today.check')}</Button>] : []}>
                  <List.Item.Meta title={x.name}
                    description={`${x.address} · ${t('field.today.phaseDay', { phase: pick(PHASE_KIND_LABELS[x.phaseKind]), day: x.day, days: x.days })}`} />
                </List.Item>
              )} />
            </Section>
            <Section title={t('field.today.releases')} count={d.releases.length} testId="today-releases">
              <List dataSource={d.releases} locale={{ emptyText: empty }} renderItem={(x) => (
                <List.Item className="field-item">
                  <List.Item.Meta
                    title={<Space wrap>{x.name}<Tag color={x.status === 'due' ? 'gold' : 'green'}>
                      {t(x.status === 'due' ? 'field.today.releaseDue' : 'field.today.releaseProposed')}</Tag></Space>}
                    description={`${x.address} · ${pick(MANAGED_CATEGORY_LABELS[x.category])}${x.releaseDate ? ` · ${x.releaseDate}` : ''}`}
                  />
                </List.Item>
              )} />
            </Section>
            <Section title={t('field.today.tasks')} count={d.tasks.length} testId="today-tasks">
              <List dataSource={d.tasks} locale={{ emptyText: empty }} renderItem={(x) => (
                <List.Item className="field-item field-clickable" onClick={() => navigate('/tasks')}>
                  <List.Item.Meta title={<Space wrap>{x.title}{x.overdue && <Tag color="red">{t('field.today.overdue')}</Tag>}</Space>}
                    description={x.dueAt ? formatDateTime(x.dueAt, locale) : undefined} />
                </List.Item>
              )} />
            </Section>
          </>
        )}
      </Spin>
      {visiting && (
        <VisitSheet household={visiting} onClose={() => setVisiting(undefined)} onRecorded={(outcome, queued) => {
          setRecorded((prev) => [{ householdId: visiting.householdId, address: visiting.address, outcome }, ...prev]);
          setVisiting(undefined);
          if (queued) message.warning(t('field.today.queued'));
          else message.success(t('field.today.recorded', { address: visiting.address }));
          reload();
        }} />
      )}
      {checking && <HealthCheckSheet due={checking} onClose={() => setChecking(undefined)} onSaved={() => {
        setChecking(undefined);
        reload();
      }} />}
    </div>
  );
}
