import { useState } from 'react';
import { Alert, Button, Modal, Result, Space } from 'antd';
import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { api, fileUrl } from '../../api/client.js';
import type { ExportResult, JobAccepted } from '../../api/types.js';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { JobProgress } from '../../components/JobProgress.js';
import type { RegionOption } from '../../components/RegionTreeSelect.js';
import { useJob } from '../../components/useJob.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/** 导出: exports the ledger (of the region filtered on, or the whole scope) as a job, then offers the file. */
export function ExportButton({ region }: { region?: RegionOption }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [jobId, setJobId] = useState<string>();
  const [startError, setStartError] = useState<unknown>();
  const [starting, setStarting] = useState(false);
  const { job, error: pollError } = useJob(jobId);

  const start = async () => {
    setStarting(true);
    setStartError(undefined);
    try {
      setJobId((await api.post<JobAccepted>('/people/export', region ? { region: region.value } : {})).jobId);
    } catch (err) {
      setStartError(err);
    } finally {
      setStarting(false);
    }
  };
  const close = () => {
    setOpen(false);
    setJobId(undefined);
    setStartError(undefined);
  };

  const result = job?.status === 'succeeded' ? (job.result as ExportResult) : undefined;
  const body = (() => {
    if (result) {
      return (
        <Result
          status="success"
          title={t('export.done', { rows: result.rows })}
          subTitle={t('export.keepSafe')}
          extra={<Button type="primary" icon={<DownloadOutlined />} href={fileUrl(result.fileId)}>{t('export.download')}</Button>}
        />
      );
    }
    if (job?.status === 'failed') return <Alert type="error" showIcon title={job.message ?? t('error.unexpected')} />;
    if (pollError) return <Alert type="error" showIcon title={errorText(pollError)} />;
    if (jobId) return <JobProgress job={job} label={t('export.running')} />;
    return (
      <>
        <ErrorAlert error={startError} />
        <p>{t('export.scope', { scope: region ? String(region.label) : t('export.wholeScope') })}</p>
        <Alert type="warning" showIcon title={t('export.audited')} />
      </>
    );
  })();

  return (
    <>
      <Button icon={<ExportOutlined />} onClick={() => setOpen(true)}>{t('people.export')}</Button>
      <Modal
        open={open}
        title={t('export.title')}
        onCancel={close}
        destroyOnHidden
        footer={jobId ? <Button onClick={close}>{t('common.close')}</Button> : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={starting} onClick={start}>{t('export.start')}</Button>
          </Space>
        )}
      >
        {body}
      </Modal>
    </>
  );
}
