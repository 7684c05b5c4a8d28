import { Alert, Button, Result, Space, Statistic, Table } from 'antd';
import { DownloadOutlined, ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { fileUrl } from '../../../api/client.js';
import type { ImportResult, JobView } from '../../../api/types.js';
import type { UiKey } from '../../../../shared/i18n/index.js';
import { useIsMobile } from '../../../components/media.js';
import { useI18n } from '../../../i18n/I18nProvider.js';

type RowError = ImportResult['errors'][number];

/** The sheet's columns by the field names the server reports errors under. */
const COLUMN_LABELS: Record<string, UiKey> = {
  name: 'import.col.name', docType: 'import.col.docType', docNumber: 'import.col.docNumber', phone: 'import.col.phone',
  region: 'import.col.region', address: 'import.col.address', tags: 'import.col.tags',
};

/** What the import did: counts when it went in, else the rows to fix (and that nothing went in). */
export function ResultStep({ job, onRetry }: { job: JobView; onRetry(): void }) {
  const { t } = useI18n();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const result = job.result as Partial<ImportResult> | null;
  const again = <Button icon={<ReloadOutlined />} onClick={onRetry}>{t('import.uploadAgain')}</Button>;

  if (job.status === 'succeeded' && result) {
    return (
      <Result
        status="success"
        title={t('import.succeeded')}
        data-testid="import-success"
        extra={[
          <div key="stats" className="import-stats">
            <Statistic title={t('import.created')} value={result.created ?? 0} />
            <Statistic title={t('import.merged')} value={result.merged ?? 0} />
            <Statistic title={t('import.unchanged')} value={result.unchanged ?? 0} />
          </div>,
          <Space key="actions" wrap>
            <Button type="primary" icon={<TeamOutlined />} onClick={() => navigate('/people')}>{t('import.toLedger')}</Button>
            {again}
          </Space>,
        ]}
      />
    );
  }

  if (!result?.errorRows) {
    return <Result status="error" title={t('import.fileRefused')} subTitle={job.message} extra={again} data-testid="import-refused" />;
  }

  const errors = result.errors ?? [];
  return (
    <div className="wizard-step" data-testid="import-errors">
      <Alert
        type="error"
        showIcon
        title={t('import.nothingImported')}
        description={job.message}
        className="import-banner"
        role="alert"
      />
      <Space wrap className="import-error-actions">
        {result.reportFileId && (
          <Button type="primary" danger icon={<DownloadOutlined />} href={fileUrl(result.reportFileId)}>
            {t('import.downloadReport')}
          </Button>
        )}
        {again}
      </Space>
      <Table<RowError>
        size="small"
        rowKey={(e) => `${e.row}:${e.field}:${e.message}`}
        dataSource={errors}
        pagination={errors.length > 50 ? { pageSize: 50 } : false}
        tableLayout="fixed"
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: mobile ? 52 : 72 },
          {
            title: t('import.field'),
            dataIndex: 'field',
            width: mobile ? 96 : 150,
            render: (field: string) => (COLUMN_LABELS[field] ? t(COLUMN_LABELS[field]) : field),
          },
          { title: t('import.error'), dataIndex: 'message' },
        ]}
        footer={errors.length < result.errorRows ? () => t('import.moreInReport', { shown: errors.length }) : undefined}
      />
    </div>
  );
}
