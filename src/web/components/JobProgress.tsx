import { Progress, Typography } from 'antd';
import type { JobView } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';

/** A running job's progress: a bar when the total is known, an animated one while it is not. */
export function JobProgress({ job, label }: { job: JobView | undefined; label: string }) {
  const { t } = useI18n();
  const known = job && job.total > 0;
  const percent = known ? Math.min(99, Math.floor((job.done / job.total) * 100)) : 30;
  return (
    <div className="job-progress" data-testid="job-progress">
      <Typography.Text strong>{label}</Typography.Text>
      <Progress percent={percent} status="active" showInfo={Boolean(known)} />
      <Typography.Text type="secondary">
        {known ? t('job.rows', { done: job.done, total: job.total }) : t('job.starting')}
        {job?.message ? ` · ${job.message}` : ''}
      </Typography.Text>
    </div>
  );
}
