import { useEffect, useState } from 'react';
import { Alert, Button, Card, Result, Space, Spin, Statistic, Table, Typography, Upload } from 'antd';
import { AlertOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api, fileUrl } from '../../../api/client.js';
import type { JobAccepted, JobView } from '../../../api/types.js';
import { useAuth } from '../../../auth/AuthProvider.js';
import { ErrorAlert, useErrorText } from '../../../components/ErrorAlert.js';
import { JobProgress } from '../../../components/JobProgress.js';
import { useIsMobile } from '../../../components/media.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useJob } from '../../../components/useJob.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { ResultOutcome, ResultRowError } from '../types.js';

const ACCEPT = '.xlsx,.csv';
/** The sheet's columns as lab systems export them (the server also reads English headers). */
const COLUMNS = ['试管条码', '检测结果', 'N基因Ct值', 'ORF1ab基因Ct值', '报告时间'];

/** What a finished upload did: its figures, the positives it found, or the rows to fix. */
function Outcome({ job, onAgain }: { job: JobView; onAgain(): void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const outcome = job.result as Partial<ResultOutcome> | null;
  const again = <Button icon={<ReloadOutlined />} onClick={onAgain}>{t('testing.lab.uploadAnother')}</Button>;

  if (job.status === 'succeeded' && outcome) {
    const positives = outcome.positives ?? 0;
    return (
      <div data-testid="results-success">
        <Alert type="success" showIcon title={t('testing.lab.uploaded')} className="testing-alert" />
        <div className="testing-stats">
          <Statistic title={t('testing.lab.rows')} value={outcome.rows ?? 0} />
          <Statistic title={t('testing.lab.recorded')} value={outcome.recorded ?? 0} />
          <Statistic title={t('testing.lab.unchanged')} value={outcome.unchanged ?? 0} />
          <Statistic title={t('testing.lab.positives')} value={positives} styles={{ content: positives > 0 ? { color: '#cf1322' } : undefined }} />
        </div>
        {positives > 0 && (
          <Alert
            type="error"
            showIcon
            icon={<AlertOutlined />}
            role="alert"
            className="testing-alert"
            title={t('testing.lab.positiveAlert', { count: positives, incidents: outcome.incidentIds?.length ?? 0 })}
            action={can('testing.incidents') && (
              <Button danger onClick={() => navigate('/testing/incidents')}>{t('testing.lab.toIncidents')}</Button>
            )}
          />
        )}
        {again}
      </div>
    );
  }

  if (!outcome?.errorRows) {
    return <Result status="error" title={t('testing.lab.fileRefused')} subTitle={job.message} extra={again} data-testid="results-refused" />;
  }

  const errors = outcome.errors ?? [];
  return (
    <div data-testid="results-errors">
      <Alert type="error" showIcon role="alert" className="testing-alert" title={t('testing.lab.nothingRecorded')} description={job.message} />
      <Space wrap className="testing-actions">
        {outcome.reportFileId && (
          <Button type="primary" danger icon={<DownloadOutlined />} href={fileUrl(outcome.reportFileId)}>{t('testing.lab.downloadReport')}</Button>
        )}
        {again}
      </Space>
      <Table<ResultRowError>
        size="small"
        rowKey={(e) => `${e.row}:${e.field}:${e.code}`}
        dataSource={errors}
        pagination={errors.length > 50 ? { pageSize: 50 } : false}
        tableLayout="fixed"
        columns={[
          { title: t('testing.lab.row'), dataIndex: 'row', width: mobile ? 52 : 72 },
          { title: t('testing.lab.barcode'), dataIndex: 'barcode', width: mobile ? 110 : 180, ellipsis: true },
          { title: t('testing.lab.error'), dataIndex: 'message' },
        ]}
        footer={errors.length < outcome.errorRows ? () => t('testing.lab.moreInReport', { shown: errors.length }) : undefined}
      />
    </div>
  );
}

/** 上传检测结果: a lab's results sheet, checked and recorded as a job; all or nothing, the same file twice changes nothing. */
export function UploadResultsCard({ onFinished }: { onFinished(outcome: ResultOutcome): void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [jobId, setJobId] = useState<string>();
  const [finished, setFinished] = useState<JobView>();
  const { job, error: jobError } = useJob(jobId);
  const { submit: send, busy, error } = useFormSubmit(async (file: File) => {
    setFinished(undefined);
    setJobId((await api.upload<JobAccepted>('/testing/results/upload', 'file', file)).jobId);
  });

  useEffect(() => {
    if (job && job.status !== 'running') {
      setFinished(job);
      if (job.status === 'succeeded' && job.result) onFinished(job.result as ResultOutcome);
    }
    // onFinished is the page's callback; the job's end is what matters.
  }, [job]);

  const restart = () => {
    setJobId(undefined);
    setFinished(undefined);
  };

  let body;
  if (finished) body = <Outcome job={finished} onAgain={restart} />;
  else if (jobId) body = jobError ? <Alert type="error" showIcon title={errorText(jobError)} /> : <JobProgress job={job} label={t('testing.lab.checking')} />;
  else {
    body = (
      <>
        <ErrorAlert error={error} />
        <Spin spinning={busy} tip={t('testing.lab.uploading')}>
          <Upload.Dragger
            accept={ACCEPT}
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              void send(file);
              return false;
            }}
            data-testid="results-dropzone"
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('testing.lab.dropHere')}</p>
            <p className="ant-upload-hint">{t('testing.lab.dropHint')}</p>
          </Upload.Dragger>
        </Spin>
        <Typography.Paragraph type="secondary" className="testing-note">{t('testing.lab.columnsIntro')}</Typography.Paragraph>
        <div className="testing-columns">{COLUMNS.map((c) => <code key={c}>{c}</code>)}</div>
      </>
    );
  }

  return (
    <Card title={<><FileExcelOutlined /> {t('testing.lab.uploadTitle')}</>} className="testing-panel" data-testid="upload-results">
      {body}
    </Card>
  );
}
