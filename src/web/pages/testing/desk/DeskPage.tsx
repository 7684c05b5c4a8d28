import { useState } from 'react';
import { Button, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../../api/client.js';
import { useAuth } from '../../../auth/AuthProvider.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useRequest } from '../../../components/useRequest.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { RoundView } from '../types.js';
import { NewRoundDrawer } from './NewRoundDrawer.js';
import { RoundsList } from './RoundsList.js';
import { SummaryPanel } from './SummaryPanel.js';

/** 核酸检测台: the command's figures of the day, and the rounds with their plans. */
export function DeskPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const rounds = useRequest(() => api.get<RoundView[]>('/testing/rounds'), []);

  return (
    <>
      <PageHeader
        title={t('testing.desk.title')}
        extra={can('testing.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('testing.round.new')}</Button>
        )}
      />
      <SummaryPanel />
      <Typography.Title level={4} className="testing-section-title">{t('testing.round.title')}</Typography.Title>
      <ErrorAlert error={rounds.error} onRetry={rounds.reload} />
      <RoundsList rounds={rounds.data ?? []} loading={rounds.loading} onChanged={rounds.reload} />
      {creating && (
        <NewRoundDrawer
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            rounds.reload();
          }}
        />
      )}
    </>
  );
}
