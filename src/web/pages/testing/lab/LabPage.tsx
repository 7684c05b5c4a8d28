import { useState } from 'react';
import { Card, List, Table, Tag, Typography } from 'antd';
import { HistoryOutlined } from '@ant-design/icons';
import { api } from '../../../api/client.js';
import type { Page } from '../../../api/types.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useIsMobile } from '../../../components/media.js';
import { useRequest } from '../../../components/useRequest.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { BagView, ResultOutcome } from '../types.js';
import { ReceiveBagCard } from './ReceiveBagCard.js';
import { TubeResultCard } from './TubeResultCard.js';
import { UploadResultsCard } from './UploadResultsCard.js';

interface Upload {
  at: string;
  outcome: ResultOutcome;
}

/** 检测结果: the lab's desk — sign for bags, upload results, look up and correct a tube's result. */
export function LabPage() {
  const { t, locale } = useI18n();
  const mobile = useIsMobile();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const bags = useRequest(() => api.get<Page<BagView>>('/testing/bags', { status: 'received', pageSize: 20 }), []);

  return (
    <>
      <PageHeader title={t('testing.lab.title')} />
      <div className="testing-lab-grid">
        <UploadResultsCard onFinished={(outcome) => setUploads((prev) => [{ at: new Date().toISOString(), outcome }, ...prev].slice(0, 20))} />
        <div className="testing-lab-side">
          <ReceiveBagCard onReceived={bags.reload} />
          <TubeResultCard />
        </div>
      </div>
      {uploads.length > 0 && (
        <Card title={<><HistoryOutlined /> {t('testing.lab.sessionUploads')}</>} className="testing-panel" data-testid="session-uploads">
          <List
            size="small"
            dataSource={uploads}
            renderItem={(u) => (
              <List.Item>
                <span>{formatDateTime(u.at, locale)}</span>
                <span>
                  {t('testing.lab.uploadLine', { rows: u.outcome.rows, recorded: u.outcome.recorded, unchanged: u.outcome.unchanged })}
                  {u.outcome.positives > 0 && <Tag color="red" variant="solid" className="testing-tag-gap">{t('testing.lab.positivesTag', { count: u.outcome.positives })}</Tag>}
                </span>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card title={t('testing.lab.recentBags')} className="testing-panel">
        <ErrorAlert error={bags.error} onRetry={bags.reload} />
        <Table<BagView>
          size="small"
          rowKey="id"
          loading={bags.loading}
          dataSource={bags.data?.items ?? []}
          pagination={false}
          scroll={mobile ? { x: 560 } : undefined}
          locale={{ emptyText: t('testing.lab.noBags') }}
          columns={[
            { title: t('testing.lab.bagBarcode'), dataIndex: 'barcode', render: (v: string) => <span className="masked">{v}</span> },
            { title: t('testing.lab.site'), dataIndex: 'siteName' },
            {
              title: t('testing.lab.tubeCount'),
              key: 'count',
              align: 'right',
              render: (_: unknown, b: BagView) => (
                <Typography.Text type={b.receivedTubes !== null && b.receivedTubes !== b.tubeCount ? 'danger' : undefined}>
                  {b.receivedTubes ?? '—'} / {b.tubeCount}
                </Typography.Text>
              ),
            },
            { title: t('testing.lab.receivedAt'), dataIndex: 'receivedAt', render: (v: string | null) => formatDateTime(v, locale) },
          ]}
        />
      </Card>
    </>
  );
}
