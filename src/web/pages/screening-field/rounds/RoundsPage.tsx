import { useState } from 'react';
import { Button, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.js';
import { useAuth } from '../../../auth/AuthProvider.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useRequest } from '../../../components/useRequest.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { ScreeningRoundView } from '../types.js';
import { NewRoundDrawer } from './NewRoundDrawer.js';

export function RoundStatus({ status }: { status: ScreeningRoundView['status'] }) {
  const { t } = useI18n();
  return <Tag color={status === 'open' ? 'processing' : 'default'}>{t(status === 'open' ? 'field.round.open' : 'field.round.closed')}</Tag>;
}

/** 排查轮次: the rounds touching my regions; the headquarters declares new ones. Each opens its completion. */
export function RoundsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const rounds = useRequest(() => api.get<ScreeningRoundView[]>('/screening/rounds'), []);
  return (
    <>
      <PageHeader
        title={t('field.nav.rounds')}
        extra={(
          <Space wrap>
            {can('screening.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('field.round.new')}</Button>}
            <Button icon={<ReloadOutlined />} onClick={rounds.reload}>{t('field.refresh')}</Button>
          </Space>
        )}
      />
      <ErrorAlert error={rounds.error} onRetry={rounds.reload} />
      <Spin spinning={rounds.loading}>
        <Card size="small">
          <List
            dataSource={rounds.data ?? []}
            locale={{ emptyText: <Empty description={t('field.round.none')} /> }}
            renderItem={(r) => (
              <List.Item
                className="field-round-item"
                data-testid="screening-round"
                onClick={() => navigate(`/screening/rounds/${r.id}`)}
                actions={[<a key="open">{t('field.round.completion')}</a>]}
              >
                <List.Item.Meta
                  title={<Space wrap>{r.name}<RoundStatus status={r.status} /></Space>}
                  description={(
                    <Typography.Text type="secondary">
                      {r.startsOn} ~ {r.endsOn} · {r.regions.map((g) => g.name).join('、')}
                    </Typography.Text>
                  )}
                />
              </List.Item>
            )}
          />
        </Card>
      </Spin>
      {creating && (
        <NewRoundDrawer onClose={() => setCreating(false)} onCreated={(r) => {
          setCreating(false);
          navigate(`/screening/rounds/${r.id}`);
        }} />
      )}
    </>
  );
}
