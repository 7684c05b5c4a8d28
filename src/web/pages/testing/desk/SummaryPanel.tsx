import { useEffect } from 'react';
import { Button, Card, Statistic, Typography } from 'antd';
import { AlertOutlined, ExperimentOutlined, FieldTimeOutlined, TeamOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.js';
import { useAuth } from '../../../auth/AuthProvider.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useRequest } from '../../../components/useRequest.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { CoverageBars } from '../coverage/CoverageBars.js';
import type { TestingSummary } from '../types.js';

const REFRESH_MS = 30_000;

/** The command's figures of the day within the user's regions, and coverage of the latest open round by township. */
export function SummaryPanel() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const summary = useRequest(() => api.get<TestingSummary>('/testing/summary'), []);
  const { reload } = summary;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const s = summary.data;
  return (
    <div className="testing-summary" data-testid="testing-summary">
      <ErrorAlert error={summary.error} onRetry={summary.reload} />
      <div className="testing-figures">
        <Card size="small" loading={!s && summary.loading}>
          <Statistic title={t('testing.summary.samplesToday')} value={s?.samplesToday ?? 0} prefix={<TeamOutlined />} />
        </Card>
        <Card size="small" loading={!s && summary.loading}>
          <Statistic title={t('testing.summary.tubesSealed')} value={s?.tubesSealedToday ?? 0} prefix={<ExperimentOutlined />} />
        </Card>
        <Card size="small" loading={!s && summary.loading}>
          <Statistic title={t('testing.summary.resultsPending')} value={s?.resultsPending ?? 0} prefix={<FieldTimeOutlined />} />
        </Card>
        <Card
          size="small"
          loading={!s && summary.loading}
          className={s && s.positives > 0 ? 'testing-figure-alarm' : undefined}
          hoverable={can('testing.incidents')}
          onClick={can('testing.incidents') ? () => navigate('/testing/incidents') : undefined}
        >
          <Statistic
            title={t('testing.summary.positives')}
            value={s?.positives ?? 0}
            prefix={<AlertOutlined />}
            styles={{ content: s && s.positives > 0 ? { color: '#cf1322' } : undefined }}
          />
        </Card>
      </div>
      {s && (
        <Card
          size="small"
          className="testing-panel"
          title={s.round ? t('testing.summary.coverageOf', { name: s.round.name }) : t('testing.summary.coverage')}
          extra={s.round && (
            <Button type="link" onClick={() => navigate(`/testing/coverage?round=${s.round!.id}`)}>{t('testing.summary.drillDown')}</Button>
          )}
        >
          {s.round ? (
            <>
              <Typography.Paragraph type="secondary" className="testing-note">
                {t('testing.summary.asOf', { date: s.date, ends: formatDateTime(s.round.endsAt, locale) })}
              </Typography.Paragraph>
              <CoverageBars nodes={s.coverage} onOpen={(node) => navigate(`/testing/coverage?round=${s.round!.id}&region=${node.code}`)} />
            </>
          ) : <Typography.Text type="secondary">{t('testing.summary.noOpenRound')}</Typography.Text>}
        </Card>
      )}
    </div>
  );
}
