import { Button, Spin, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api } from '../../../api/client.js';
import type { JobAccepted } from '../../../api/types.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useI18n } from '../../../i18n/I18nProvider.js';

const ACCEPT = '.xlsx,.csv';

/** Sends the chosen file at once; the server answers with the job that checks and imports it. */
export function UploadStep({ onStarted, onBack }: { onStarted(jobId: string): void; onBack(): void }) {
  const { t } = useI18n();
  const { submit: send, busy: uploading, error } = useFormSubmit(async (file: File) => {
    onStarted((await api.upload<JobAccepted>('/people/import', 'file', file)).jobId);
  });

  return (
    <div className="wizard-step">
      <ErrorAlert error={error} />
      <Spin spinning={uploading} tip={t('import.uploading')}>
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            void send(file);
            return false;
          }}
          data-testid="import-dropzone"
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t('import.dropHere')}</p>
          <p className="ant-upload-hint">{t('import.dropHint')}</p>
        </Upload.Dragger>
      </Spin>
      <Typography.Paragraph type="secondary" className="wizard-note">{t('import.privacyNote')}</Typography.Paragraph>
      <Button onClick={onBack}>{t('import.backToTemplate')}</Button>
    </div>
  );
}
