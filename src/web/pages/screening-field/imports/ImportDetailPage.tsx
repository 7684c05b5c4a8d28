import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Statistic, Table, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { MANAGED_CATEGORY_LABELS } from '../../../../shared/screening.js';
import { api } from '../../../api/client.js';
import type { Page, PersonView } from '../../../api/types.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useRequest } from '../../../components/useRequest.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { UnmatchedView, XiechaImportView } from '../types.js';

const STATUSES: UnmatchedView['status'][] = ['to_find', 'found', 'not_here', 'elsewhere'];
const STATUS_COLORS: Record<UnmatchedView['status'], string> = { to_find: 'orange', found: 'green', not_here: 'default', elsewhere: 'blue' };

/** 已找到: the cadre types the person's full ID number; the ledger entry is looked up and linked. */
function FoundModal({ row, onClose, onDone }: { row: UnmatchedView; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [doc, setDoc] = useState('');
  const [missing, setMissing] = useState(false);
  const { submit, busy, error } = useFormSubmit(async () => {
    setMissing(false);
    const found = await api.get<Page<PersonView>>('/people', { docNumber: doc.trim() });
    if (found.items.length === 0) {
      setMissing(true);
      return;
    }
    await api.post<UnmatchedView>(`/screening/unmatched/${row.id}/resolve`, { outcome: 'found', personId: found.items[0].id });
    message.success(t('field.unmatched.linked'));
    onDone();
  });
  return (
    <Modal open title={t('field.unmatched.foundTitle')} onCancel={onClose} onOk={() => void submit(undefined)} confirmLoading={busy}>
      <ErrorAlert error={error} />
      <p>{row.name} · {row.docNumber}</p>
      <Form layout="vertical">
        <Form.Item label={t('field.unmatched.docNumber')} extra={t('field.unmatched.foundHelp')}
          validateStatus={missing ? 'error' : undefined} help={missing ? t('field.unmatched.noPerson') : undefined}>
          <Input value={doc} maxLength={18} onChange={(e) => setDoc(e.target.value)} autoComplete="off" />
        </Form.Item>
      </Form>
      {missing && <Button onClick={() => navigate('/people')}>{t('field.unmatched.toPeople')}</Button>}
    </Modal>
  );
}

/** One 协查 import: its figures and the listed people not in the ledger, to find. */
export function ImportDetailPage() {
  const { t, pick, locale } = useI18n();
  const { modal } = App.useApp();
  const { id } = useParams();
  const [status, setStatus] = useState<UnmatchedView['status'] | undefined>('to_find');
  const [page, setPage] = useState(1);
  const [finding, setFinding] = useState<UnmatchedView>();
  const imp = useRequest(() => api.get<XiechaImportView>(`/screening/imports/${id}`), [id]);
  const list = useRequest(() => api.get<Page<UnmatchedView>>(`/screening/imports/${id}/unmatched`, { status, page, pageSize: 50 }), [id, status, page]);
  const reload = () => {
    imp.reload();
    list.reload();
  };
  const notHere = (row: UnmatchedView) => modal.confirm({
    title: t('field.unmatched.notHere'), content: t('field.unmatched.notHereConfirm'),
    onOk: async () => {
      await api.post(`/screening/unmatched/${row.id}/resolve`, { outcome: 'not_here' });
      reload();
    },
  });
  const i = imp.data;
  return (
    <>
      <PageHeader title={i ? (i.source ?? i.fileName) : t('field.import.title')}>
        {i && <span>{pick(MANAGED_CATEGORY_LABELS[i.category])} · {formatDateTime(i.createdAt, locale)}</span>}
      </PageHeader>
      <ErrorAlert error={imp.error ?? list.error} onRetry={reload} />
      {i && (
        <Card size="small" className="field-panel">
          <div className="field-figures" data-testid="xiecha-import-figures">
            <Statistic title={t('field.import.rows')} value={i.rows} />
            <Statistic title={t('field.import.matched')} value={i.matched} />
            <Statistic title={t('field.import.merged')} value={i.merged} />
            <Statistic title={t('field.import.unmatched')} value={i.unmatched} />
            <Statistic title={t('field.import.toFind')} value={i.toFind} />
          </div>
        </Card>
      )}
      <Card size="small" className="field-panel" title={t('field.unmatched.title')}
        extra={(
          <Select<UnmatchedView['status'] | ''> size="small" style={{ minWidth: 120 }} value={status ?? ''} aria-label={t('field.unmatched.status')}
            onChange={(v) => {
              setStatus(v || undefined);
              setPage(1);
            }}
            options={[{ value: '', label: t('field.unmatched.filter') }, ...STATUSES.map((s) => ({ value: s, label: t(`field.unmatched.status.${s}`) }))]} />
        )}>
        <Table<UnmatchedView>
          size="small"
          rowKey="id"
          data-testid="unmatched-list"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: t('field.import.row'), dataIndex: 'rowNumber', width: 56 },
            { title: t('field.unmatched.name'), dataIndex: 'name' },
            { title: t('field.unmatched.doc'), dataIndex: 'docNumber' },
            { title: t('field.unmatched.phone'), dataIndex: 'phone', responsive: ['md'] },
            { title: t('field.unmatched.reason'), dataIndex: 'reason', responsive: ['lg'] },
            { title: t('field.unmatched.area'), dataIndex: 'sourceArea', responsive: ['lg'] },
            { title: t('field.unmatched.anchor'), dataIndex: 'anchorDate', responsive: ['md'] },
            { title: t('field.unmatched.status'), dataIndex: 'status',
              render: (s: UnmatchedView['status']) => <Tag color={STATUS_COLORS[s]}>{t(`field.unmatched.status.${s}`)}</Tag> },
            { title: t('common.actions'), key: 'a', render: (_, r) => r.status === 'to_find' && (
              <Space>
                <Button size="small" type="primary" onClick={() => setFinding(r)}>{t('field.unmatched.found')}</Button>
                <Button size="small" onClick={() => notHere(r)}>{t('field.unmatched.notHere')}</Button>
              </Space>
            ) },
          ]}
        />
      </Card>
      {finding && <FoundModal row={finding} onClose={() => setFinding(undefined)} onDone={() => {
        setFinding(undefined);
        reload();
      }} />}
    </>
  );
}
