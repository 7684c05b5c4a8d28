import { useState } from 'react';
import { Button, Card, Empty, Pagination, Space, Spin, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, FormOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { FOLLOWUP_OUTCOME_LABELS, type FollowupOutcome } from '../../../../shared/testing.js';
import { api } from '../../../api/client.js';
import { useAuth } from '../../../auth/AuthProvider.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useIsMobile } from '../../../components/media.js';
import { useRequest } from '../../../components/useRequest.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { MissingPage, MissingPerson } from '../types.js';
import { ExemptModal } from './ExemptModal.js';
import { FollowupModal } from './FollowupModal.js';

const PAGE_SIZE = 20;
const OUTCOME_COLORS: Record<FollowupOutcome, string> = {
  sampled_later: 'green', home_sample: 'cyan', confirmed_away: 'default', refused: 'red',
};

function Outcome({ p }: { p: MissingPerson }) {
  const { t, pick, locale } = useI18n();
  if (!p.lastFollowup) return <Tag>{t('testing.missing.notVisited')}</Tag>;
  return (
    <span title={p.lastFollowup.note ?? undefined}>
      <Tag color={OUTCOME_COLORS[p.lastFollowup.outcome]}>{pick(FOLLOWUP_OUTCOME_LABELS[p.lastFollowup.outcome])}</Tag>
      <span className="muted">{formatDateTime(p.lastFollowup.recordedAt, locale)}</span>
    </span>
  );
}

/** 应检未检名单: residents of a community, grid or building not yet tested nor exempt, for door-knocking. */
export function MissingList({ roundId, region, regionName, onChanged }: { roundId: string; region: string; regionName: string; onChanged(): void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const [page, setPage] = useState(1);
  const [visiting, setVisiting] = useState<MissingPerson>();
  const [exempting, setExempting] = useState<MissingPerson>();
  const missing = useRequest(
    () => api.get<MissingPage>(`/testing/rounds/${roundId}/missing`, { region, page, pageSize: PAGE_SIZE }),
    [roundId, region, page],
  );
  const items = missing.data?.items ?? [];
  const mayVisit = can('testing.followup');
  const mayExempt = can('testing.followup') || can('testing.manage');
  const exportUrl = `/api/v1/testing/rounds/${encodeURIComponent(roundId)}/missing/export?region=${encodeURIComponent(region)}`;

  return (
    <div data-testid="missing-list">
      <Space wrap className="testing-actions">
        <Typography.Text>{t('testing.missing.count', { name: regionName, total: missing.data?.total ?? 0 })}</Typography.Text>
        <Button icon={<DownloadOutlined />} href={exportUrl} download>{t('testing.missing.export')}</Button>
      </Space>
      <ErrorAlert error={missing.error} onRetry={missing.reload} />
      {mobile ? (
        <Spin spinning={missing.loading}>
          {items.length === 0 && !missing.loading && <Empty description={t('testing.missing.none')} />}
          <div className="person-cards">
            {items.map((p) => (
              <Card key={p.personId} size="small" data-testid="missing-card">
                <div className="person-card-head">
                  <span className="person-card-name">{p.name}</span>
                  {p.age !== null && <span className="muted">{t('testing.missing.age', { age: p.age })}</span>}
                </div>
                <dl className="person-card-fields">
                  <dt>{t('testing.missing.phone')}</dt>
                  <dd><span className="masked">{p.phone ?? '—'}</span></dd>
                  <dt>{t('testing.missing.grid')}</dt>
                  <dd>{p.regionName}</dd>
                  <dt>{t('testing.missing.address')}</dt>
                  <dd>{p.address ?? '—'}</dd>
                  <dt>{t('testing.missing.followup')}</dt>
                  <dd><Outcome p={p} /></dd>
                </dl>
                <Space wrap>
                  {mayVisit && <Button icon={<FormOutlined />} onClick={() => setVisiting(p)}>{t('testing.followup.record')}</Button>}
                  {mayExempt && <Button icon={<MinusCircleOutlined />} onClick={() => setExempting(p)}>{t('testing.exempt.button')}</Button>}
                </Space>
              </Card>
            ))}
          </div>
          {(missing.data?.total ?? 0) > PAGE_SIZE && (
            <Pagination className="cards-pagination" current={page} pageSize={PAGE_SIZE} total={missing.data?.total} onChange={setPage} simple />
          )}
        </Spin>
      ) : (
        <Table<MissingPerson>
          size="small"
          rowKey="personId"
          loading={missing.loading}
          dataSource={items}
          locale={{ emptyText: t('testing.missing.none') }}
          pagination={{
            current: page, pageSize: PAGE_SIZE, total: missing.data?.total ?? 0, onChange: setPage, showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }), hideOnSinglePage: true,
          }}
          columns={[
            { title: t('testing.missing.name'), dataIndex: 'name', width: 90 },
            { title: t('testing.missing.docNumber'), dataIndex: 'docNumber', width: 190, render: (v: string) => <span className="masked">{v}</span> },
            { title: t('testing.missing.phone'), dataIndex: 'phone', width: 120, render: (v: string | null) => <span className="masked">{v ?? '—'}</span> },
            { title: t('testing.missing.grid'), dataIndex: 'regionName', ellipsis: true },
            { title: t('testing.missing.address'), dataIndex: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
            { title: t('testing.missing.followup'), key: 'followup', width: 220, render: (_: unknown, p: MissingPerson) => <Outcome p={p} /> },
            ...(mayVisit || mayExempt ? [{
              title: t('common.actions'),
              key: 'actions',
              width: 200,
              render: (_: unknown, p: MissingPerson) => (
                <Space size={0}>
                  {mayVisit && <Button type="link" icon={<FormOutlined />} onClick={() => setVisiting(p)}>{t('testing.followup.record')}</Button>}
                  {mayExempt && <Button type="link" icon={<MinusCircleOutlined />} onClick={() => setExempting(p)}>{t('testing.exempt.button')}</Button>}
                </Space>
              ),
            }] : []),
          ]}
        />
      )}
      {exempting && (
        <ExemptModal
          roundId={roundId}
          person={exempting}
          onClose={() => setExempting(undefined)}
          onDone={() => {
            setExempting(undefined);
            missing.reload();
            onChanged();
          }}
        />
      )}
      {visiting && (
        <FollowupModal
          roundId={roundId}
          person={visiting}
          onClose={() => setVisiting(undefined)}
          onDone={() => {
            setVisiting(undefined);
            missing.reload();
          }}
        />
      )}
    </div>
  );
}
