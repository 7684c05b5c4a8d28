import { useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { BarChartOutlined, CalendarOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.js';
import { useAuth } from '../../../auth/AuthProvider.js';
import { useErrorText } from '../../../components/ErrorAlert.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { policyText } from '../labels.js';
import type { RoundView } from '../types.js';

export const ROUND_STATUS_COLORS = { planned: 'default', open: 'processing', closed: 'success' } as const;

/** The rounds, newest first: each a card with its scope, window and policy, opened and closed from here. */
export function RoundsList({ rounds, loading, onChanged }: { rounds: RoundView[]; loading: boolean; onChanged(): void }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { can } = useAuth();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string>();

  const move = async (round: RoundView, to: 'open' | 'closed') => {
    setBusy(round.id);
    try {
      await api.post(`/testing/rounds/${round.id}/status`, { to });
      message.success(t(to === 'open' ? 'testing.round.opened' : 'testing.round.closed', { name: round.name }));
      onChanged();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Spin spinning={loading}>
      {rounds.length === 0 && !loading && <Empty description={t('testing.round.empty')} />}
      <div className="testing-cards" data-testid="rounds">
        {rounds.map((r) => (
          <Card key={r.id} size="small" className={`testing-card round-${r.status}`} data-testid="round-card">
            <div className="testing-card-head">
              <Typography.Text strong className="testing-card-title">{r.name}</Typography.Text>
              <Tag color={ROUND_STATUS_COLORS[r.status]}>{t(`testing.round.status.${r.status}`)}</Tag>
            </div>
            <div className="testing-card-meta">
              <span><CalendarOutlined /> {formatDateTime(r.startsAt, locale)} – {formatDateTime(r.endsAt, locale)}</span>
            </div>
            <div className="tag-list testing-card-regions">
              {r.regions.slice(0, 8).map((g) => <Tag key={g.code}>{g.name}</Tag>)}
              {r.regions.length > 8 && <Tag>{t('testing.round.moreRegions', { n: r.regions.length - 8 })}</Tag>}
            </div>
            <Typography.Paragraph type="secondary" className="testing-card-policy">{policyText(r.poolPolicy, i18n)}</Typography.Paragraph>
            <Space wrap>
              {can('testing.manage') && r.status === 'planned' && (
                <Popconfirm title={t('testing.round.confirmOpen', { name: r.name })} onConfirm={() => move(r, 'open')}>
                  <Button type="primary" icon={<PlayCircleOutlined />} loading={busy === r.id}>{t('testing.round.open')}</Button>
                </Popconfirm>
              )}
              {can('testing.manage') && r.status === 'open' && (
                <Popconfirm title={t('testing.round.confirmClose', { name: r.name })} onConfirm={() => move(r, 'closed')}>
                  <Button danger icon={<StopOutlined />} loading={busy === r.id}>{t('testing.round.close')}</Button>
                </Popconfirm>
              )}
              {r.status !== 'planned' && (
                <Button icon={<BarChartOutlined />} onClick={() => navigate(`/testing/coverage?round=${r.id}`)}>{t('testing.round.coverage')}</Button>
              )}
            </Space>
          </Card>
        ))}
      </div>
    </Spin>
  );
}
