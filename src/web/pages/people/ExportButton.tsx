import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Modal, Result, Space } from 'antd';
import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import { api, fileUrl } from '../../api/client.js';
import type { ExportResult, JobAccepted } from '../../api/types.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { JobProgress } from '../../components/JobProgress.js';
import type { RegionOption } from '../../components/RegionTreeSelect.js';
import { useJob } from '../../components/useJob.js';
import { useI18n } from '../../i18n/I18nProvider.js';

interface Options {
  reveal: boolean;
  reason?: string;
}

/** 导出: exports the ledger of the region filtered on (or of the whole scope) as a job, then offers the file. */
export function ExportButton({ region }: { region?: RegionOption }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<ExportOutlined />} onClick={() => setOpen(true)}>{t('people.export')}</Button>
      {open && <ExportModal region={region} onClose={() => setOpen(false)} />}
    </>
  );
}

/** Identifiers are masked unless the user may unmask, asks for clear values and says why. */
function ExportModal({ region, onClose }: { region?: RegionOption; onClose(): void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const errorText = useErrorText();
  const [form] = Form.useForm<Options>();
  const reveal = Form.useWatch('reveal', form);
  const [jobId, setJobId] = useState<string>();
  const [startError, setStartError] = useState<unknown>();
  const [starting, setStarting] = useState(false);
  const { job, error: pollError } = useJob(jobId);

  const start = async ({ reveal: clear, reason }: Options) => {
    setStarting(true);
    setStartError(undefined);
    try {
      const body = { ...(region ? { region: region.value } : {}), ...(clear ? { reveal: true, reason: reason?.trim() } : {}) };
      setJobId((await api.post<JobAccepted>('/people/export', body)).jobId);
    } catch (err) {
      setStartError(err);
    } finally {
      setStarting(false);
    }
  };

  const result = job?.status === 'succeeded' ? (job.result as ExportResult) : undefined;
  let content;
  if (result) {
    content = (
      <Result
        status="success"
        title={t('export.done', { rows: result.rows })}
        subTitle={t('export.keepSafe')}
        extra={<Button type="primary" icon={<DownloadOutlined />} href={fileUrl(result.fileId)}>{t('export.download')}</Button>}
      />
    );
  } else if (job?.status === 'failed' || pollError) {
    content = <Alert type="error" showIcon title={job?.message ?? errorText(pollError)} />;
  } else if (jobId) {
    content = <JobProgress job={job} label={t('export.running')} />;
  } else {
    content = (
      <>
        <ErrorAlert error={startError} />
        <p>{t('export.scope', { scope: region ? String(region.label) : t('export.wholeScope') })}</p>
        <Form<Options> form={form} name="export" layout="vertical" initialValues={{ reveal: false }} onFinish={start}>
          {can('people.unmask') && (
            <Form.Item name="reveal" valuePropName="checked" extra={t('export.revealHelp')}>
              <Checkbox>{t('export.reveal')}</Checkbox>
            </Form.Item>
          )}
          {reveal && (
            <Form.Item
              name="reason"
              label={t('unmask.reason')}
              rules={[{ required: true, whitespace: true, min: 2, message: t('unmask.reasonRequired') }]}
            >
              <Input maxLength={200} placeholder={t('unmask.reasonPlaceholder')} />
            </Form.Item>
          )}
        </Form>
        <Alert type="warning" showIcon title={t('export.audited')} />
      </>
    );
  }

  return (
    <Modal
      open
      title={t('export.title')}
      onCancel={onClose}
      footer={jobId ? <Button onClick={onClose}>{t('common.close')}</Button> : (
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={starting} onClick={() => form.submit()}>{t('export.start')}</Button>
        </Space>
      )}
    >
      {content}
    </Modal>
  );
}
