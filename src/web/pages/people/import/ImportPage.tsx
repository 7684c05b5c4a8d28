import { useEffect, useState } from 'react';
import { Alert, Button, Card, Steps } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import type { JobView } from '../../../api/types.js';
import { JobProgress } from '../../../components/JobProgress.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { useErrorText } from '../../../components/ErrorAlert.js';
import { useIsMobile } from '../../../components/media.js';
import { useJob } from '../../../components/useJob.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { ResultStep } from './ResultStep.js';
import { TemplateStep } from './TemplateStep.js';
import { UploadStep } from './UploadStep.js';

type Step = 0 | 1 | 2 | 3;

/** 导入: template → upload → progress → result. All or nothing: a file with bad rows imports nobody. */
export function ImportPage() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>(0);
  const [jobId, setJobId] = useState<string>();
  const [finished, setFinished] = useState<JobView>();
  const { job, error } = useJob(jobId);

  useEffect(() => {
    if (job && job.status !== 'running') {
      setFinished(job);
      setStep(3);
    }
  }, [job]);

  const restart = () => {
    setJobId(undefined);
    setFinished(undefined);
    setStep(1);
  };

  return (
    <>
      <PageHeader
        title={t('import.title')}
        extra={<Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/people')}>{t('import.toLedger')}</Button>}
      />
      <Card>
        <Steps
          current={step}
          size="small"
          responsive={false}
          titlePlacement={mobile ? 'vertical' : 'horizontal'}
          status={step === 3 && finished?.status === 'failed' ? 'error' : undefined}
          className="import-steps"
          items={[
            { title: t('import.step.template') },
            { title: t('import.step.upload') },
            { title: t('import.step.progress') },
            { title: t('import.step.result') },
          ]}
        />
        {step === 0 && <TemplateStep onNext={() => setStep(1)} />}
        {step === 1 && (
          <UploadStep
            onBack={() => setStep(0)}
            onStarted={(id) => {
              setJobId(id);
              setStep(2);
            }}
          />
        )}
        {step === 2 && (
          <div className="wizard-step">
            {error ? <Alert type="error" showIcon title={errorText(error)} /> : <JobProgress job={job} label={t('import.checking')} />}
          </div>
        )}
        {step === 3 && finished && <ResultStep job={finished} onRetry={restart} />}
      </Card>
    </>
  );
}
