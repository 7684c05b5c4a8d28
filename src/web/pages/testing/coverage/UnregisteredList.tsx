import { useState } from 'react';
import { Table, Tag } from 'antd';
import { api } from '../../../api/client.js';
import type { Page } from '../../../api/types.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useRequest } from '../../../components/useRequest.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { UnregisteredView } from '../types.js';

const PAGE_SIZE = 20;

/** 未登记人员: people sampled in the round who are not in the ledger, for the ledger keepers to register. */
export function UnregisteredList({ roundId, region }: { roundId: string; region?: string }) {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(1);
  const list = useRequest(
    () => api.get<Page<UnregisteredView>>(`/testing/rounds/${roundId}/unregistered`, { region, page, pageSize: PAGE_SIZE }),
    [roundId, region, page],
  );
  return (
    <div data-testid="unregistered-list">
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<UnregisteredView>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 760 }}
        locale={{ emptyText: t('testing.unregistered.none') }}
        pagination={{
          current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false,
          showTotal: (total) => t('common.total', { total }), hideOnSinglePage: true,
        }}
        columns={[
          { title: t('testing.missing.name'), dataIndex: 'name', width: 90, fixed: 'left' },
          { title: t('testing.missing.docNumber'), dataIndex: 'docNumber', width: 180, render: (v: string | null) => <span className="masked">{v ?? '—'}</span> },
          { title: t('testing.missing.phone'), dataIndex: 'phone', width: 120, render: (v: string | null) => <span className="masked">{v ?? '—'}</span> },
          { title: t('testing.unregistered.sampledIn'), dataIndex: 'regionName', ellipsis: true },
          { title: t('testing.missing.address'), dataIndex: 'address', ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('testing.unregistered.sampledAt'), dataIndex: 'sampledAt', width: 150, render: (v: string) => formatDateTime(v, locale) },
          {
            title: t('testing.unregistered.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: UnregisteredView['status']) => <Tag color={s === 'open' ? 'orange' : 'default'}>{t(`testing.unregistered.status.${s}`)}</Tag>,
          },
        ]}
      />
    </div>
  );
}
