import { Button, Empty, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { MANAGED_CATEGORY_LABELS, PHASE_KIND_LABELS } from '../../../../shared/screening.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { OUTCOMES } from '../labels.js';
import { useToday } from './useToday.js';

/** One row of the sheet: a box to tick, what to do, who or where. */
function Row({ what, who, extra }: { what: string; who: string; extra?: string }) {
  return (
    <tr>
      <td className="print-box">☐</td>
      <td>{what}</td>
      <td>{who}</td>
      <td>{extra ?? ''}</td>
    </tr>
  );
}

/** 打印工作单: the day list of one grid on an A4 sheet with boxes to tick, for workers without phones. */
export function TodayPrintPage() {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const { grid, list } = useToday();
  const d = list.data;
  const outcomes = OUTCOMES.map((o) => `☐${t(`field.outcome.${o}`)}`).join(' ');
  return (
    <div className="field-print">
      <Space className="no-print field-print-actions">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/today${grid ? `?grid=${grid}` : ''}`)}>{t('field.print.back')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!d}>{t('field.print.doPrint')}</Button>
      </Space>
      {!grid && <Empty description={t('field.today.gridRequired')} />}
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Spin spinning={list.loading && !d}>
        {d && (
          <section className="print-sheet" data-testid="today-print">
            <h1>{t('field.print.title', { grid: d.grid.name, date: d.date })}</h1>
            <table>
              <thead>
                <tr><th>{t('field.print.done')}</th><th>{t('field.print.what')}</th><th>{t('field.print.who')}</th><th /></tr>
              </thead>
              <tbody>
                {d.visits.map((h) => (
                  <Row key={`${h.roundId}:${h.householdId}`} what={`${t('field.today.visits')}${h.lastOutcome ? `（${t('field.today.revisit')}）` : ''}`}
                    who={`${h.address} ${h.members.map((m) => m.name).join('、')}`} extra={`☐${t('field.shift.day')} ☐${t('field.shift.night')}　${outcomes}`} />
                ))}
                {d.tests.map((x) => (
                  <Row key={x.scheduledTestId} what={`${t('field.today.tests')}（${t(x.missed ? 'field.today.missed' : 'field.today.dueToday')}）`}
                    who={`${x.name} ${x.address}`} extra={pick(MANAGED_CATEGORY_LABELS[x.category])} />
                ))}
                {d.healthChecks.map((x) => (
                  <Row key={x.episodeId} what={t('field.today.checks')} who={`${x.name} ${x.address}`}
                    extra={`${t('field.today.phaseDay', { phase: pick(PHASE_KIND_LABELS[x.phaseKind]), day: x.day, days: x.days })}　${t('field.today.temperature')}：____`} />
                ))}
                {d.releases.map((x) => (
                  <Row key={`r:${x.episodeId}`} what={`${t('field.today.releases')}（${t(x.status === 'due' ? 'field.today.releaseDue' : 'field.today.releaseProposed')}）`}
                    who={`${x.name} ${x.address}`} extra={pick(MANAGED_CATEGORY_LABELS[x.category])} />
                ))}
                {d.tasks.map((x) => <Row key={x.id} what={t('field.today.tasks')} who={x.title} />)}
              </tbody>
            </table>
            <p className="print-signature">{t('field.print.signature')}</p>
          </section>
        )}
      </Spin>
    </div>
  );
}
