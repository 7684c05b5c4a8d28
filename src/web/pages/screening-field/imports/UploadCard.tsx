import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Select, Space, Spin, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { MANAGED_CATEGORIES, MANAGED_CATEGORY_LABELS, type ManagedCategory } from '../../../../shared/screening.js';
import { api, fileUrl, withQuery } from '../../../api/client.js';
import type { JobAccepted, JobView } from '../../../api/types.js';
import { ErrorAlert, useErrorText } from '../../../components/ErrorAlert.js';
import { JobProgress } from '../../../components/JobProgress.js';
import { useIsMobile } from '../../../components/media.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useJob } from '../../../components/useJob.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { XiechaOutcome } from '../types.js';

const ACCEPT = '.xlsx,.csv';
const COLUMNS = ['姓名', '证件号码', '手机号码', '协查原因', '来源地区', '起止日期', '末次暴露日期', '类别'];
type RowError = XiechaOutcome['errors'][number];

/** What a finished import did: its figures, or the rows to fix with the report. */
export function ImportOutcome({ job, onAgain }: { job: JobView; onAgain(): void }) {
  const { t } = useI18n();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const o = job.result as XiechaOutcome | null;
  const again = <Button icon={<ReloadOutlined />} onClick={onAgain}>{t('field.import.again')}</Button>;
  if (job.status === 'succeeded' && o) {
    return (
      <div data-testid="xiecha-success">
        <Alert type={o.repeated ? 'info' : 'success'} showIcon className="field-alert"
          title={o.repeated ? t('field.import.repeated') : t('field.import.done')} />
        <div className="field-figures" data-testid="xiecha-report">
          <Statistic title={t('field.import.rows')} value={o.rows} />
          <Statistic title={t('field.import.matched')} value={o.matched} />
          {!o.repeated && <Statistic title={t('field.import.created')} value={o.created} />}
          <Statistic title={t('field.import.merged')} value={o.merged} />
          <Statistic title={t('field.import.unmatched')} value={o.unmatched} />
          {!o.repeated && <Statistic title={t('field.import.duplicates')} value={o.duplicates} />}
          {!o.repeated && <Statistic title={t('field.import.elsewhere')} value={o.elsewhere} />}
          {!o.repeated && <Statistic title={t('field.import.lapsed')} value={o.lapsed} />}
          {!o.repeated && <Statistic title={t('field.import.grids')} value={o.grids} />}
        </div>
        <Space wrap>
          {o.importId && <Button type="primary" onClick={() => navigate(`/screening/imports/${o.importId}`)}>{t('field.unmatched.title')}</Button>}
          {again}
        </Space>
      </div>
    );
  }
  if (!o?.errorRows) return <Result status="error" title={t('field.import.refused')} subTitle={job.message} extra={again} />;
  return (
    <div data-testid="xiecha-errors">
      <Alert type="error" showIcon role="alert" className="field-alert" title={t('field.import.refused')} description={job.message} />
      <Space wrap className="field-actions">
        {o.reportFileId && (
          <Button type="primary" danger icon={<DownloadOutlined />} href={fileUrl(o.reportFileId)}>{t('field.import.downloadReport')}</Button>
        )}
        {again}
      </Space>
      <Table<RowError>
        size="small"
        rowKey={(e) => `${e.row}:${e.field}:${e.code}`}
        dataSource={o.errors}
        pagination={o.errors.length > 50 ? { pageSize: 50 } : false}
        tableLayout="fixed"
        columns={[
          { title: t('field.import.row'), dataIndex: 'row', width: mobile ? 52 : 72 },
          { title: t('field.import.error'), dataIndex: 'message' },
        ]}
      />
    </div>
  );
}

/** 导入协查名单: the list's category and source, then the file; checked and imported as a job. */
export function UploadCard({ onFinished }: { onFinished(): void }) {
  const { t, pick } = useI18n();
  const errorText = useErrorText();
  const [category, setCategory] = useState<ManagedCategory | ''>('CLOSE_CONTACT');
  const [source, setSource] = useState('');
  const [jobId, setJobId] = useState<string>();
  const [finished, setFinished] = useState<JobView>();
  const { job, error: jobError } = useJob(jobId);
  const { submit: send, busy, error } = useFormSubmit(async (file: File) => {
    setFinished(undefined);
    const path = withQuery('/screening/imports', { category: category || undefined, source: source.trim() || undefined });
    setJobId((await api.upload<JobAccepted>(path, 'file', file)).jobId);
  });
  useEffect(() => {
    if (job && job.status !== 'running') {
      setFinished(job);
      onFinished();
    }
    // The page's callback; the job's end is what matters.
  }, [job]);
  const restart = () => {
    setJobId(undefined);
    setFinished(undefined);
  };

  let body;
  if (finished) body = <ImportOutcome job={finished} onAgain={restart} />;
  else if (jobId) body = jobError ? <Alert type="error" showIcon title={errorText(jobError)} /> : <JobProgress job={job} label={t('field.import.checking')} />;
  else {
    body = (
      <>
        <ErrorAlert error={error} />
        <Form layout="vertical" className="field-import-form">
          <Form.Item label={t('field.import.category')} extra={t('field.import.categoryHelp')}>
            <Select<ManagedCategory | ''>
              aria-label={t('field.import.category')}
              value={category}
              onChange={setCategory}
              options={[{ value: '', label: t('field.import.categoryByRow') },
                ...MANAGED_CATEGORIES.map((c) => ({ value: c, label: pick(MANAGED_CATEGORY_LABELS[c]) }))]}
            />
          </Form.Item>
          <Form.Item label={t('field.import.source')}>
            <Input value={source} maxLength={200} onChange={(e) => setSource(e.target.value)} placeholder={t('field.import.sourcePlaceholder')} />
          </Form.Item>
        </Form>
        <Spin spinning={busy} tip={t('field.import.uploading')}>
          <Upload.Dragger accept={ACCEPT} multiple={false} showUploadList={false} data-testid="xiecha-dropzone"
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('field.import.dropHere')}</p>
            <p className="ant-upload-hint">{t('field.import.dropHint')}</p>
          </Upload.Dragger>
        </Spin>
        <Typography.Paragraph type="secondary" className="field-note">
          {t('field.import.columns')} {COLUMNS.map((c) => <code key={c}>{c}</code>)}
        </Typography.Paragraph>
      </>
    );
  }
  return <Card title={t('field.import.upload')} size="small" className="field-panel">{body}</Card>;
}
