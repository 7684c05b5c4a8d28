import { Card, Empty, Table, Tag } from 'antd';
import { useNavigate } from 'react-router-dom';
import { MANAGED_CATEGORY_LABELS } from '../../../../shared/screening.js';
import { api } from '../../../api/client.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useRequest } from '../../../components/useRequest.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { XiechaImportView } from '../types.js';
import { UploadCard } from './UploadCard.js';

/** 协查名单: import a list pushed down from above; the lists imported in my regions. */
export function ImportsPage() {
  const { t, pick, locale } = useI18n();
  const navigate = useNavigate();
  const imports = useRequest(() => api.get<XiechaImportView[]>('/screening/imports'), []);
  return (
    <>
      <PageHeader title={t('field.import.title')} />
      <UploadCard onFinished={imports.reload} />
      <Card title={t('field.import.list')} size="small" className="field-panel">
        <ErrorAlert error={imports.error} onRetry={imports.reload} />
        <Table<XiechaImportView>
          size="small"
          rowKey="id"
          loading={imports.loading}
          dataSource={imports.data ?? []}
          locale={{ emptyText: <Empty description={t('field.import.none')} /> }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(r) => ({ onClick: () => navigate(`/screening/imports/${r.id}`), className: 'field-clickable' })}
          columns={[
            { title: t('field.import.file'), dataIndex: 'fileName', render: (f: string, r) => <a>{r.source ?? f}</a> },
            { title: t('field.import.category'), dataIndex: 'category', render: (c: XiechaImportView['category']) => pick(MANAGED_CATEGORY_LABELS[c]), responsive: ['md'] },
            { title: t('field.import.rows'), dataIndex: 'rows', align: 'right', responsive: ['sm'] },
            { title: t('field.import.matched'), dataIndex: 'matched', align: 'right' },
            { title: t('field.import.toFind'), dataIndex: 'toFind', align: 'right', render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : n) },
            { title: t('field.import.at'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, locale), responsive: ['lg'] },
          ]}
        />
      </Card>
    </>
  );
}
