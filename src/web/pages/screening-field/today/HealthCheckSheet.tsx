import { useState } from 'react';
import { App, Button, Drawer, InputNumber, Segmented, Space, Typography } from 'antd';
import { api } from '../../../api/client.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { TodayList } from '../types.js';

type Due = TodayList['healthChecks'][number];
type Period = 'morning' | 'evening';
/** A temperature from which the check counts as fever (37.3 ℃). */
const FEVER = 37.3;

/** 健康监测: the period, the temperature, well or feverish; the episode's own endpoint records it. */
export function HealthCheckSheet({ due, onClose, onSaved }: { due: Due; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [period, setPeriod] = useState<Period>(((new Date().getUTCHours() + 8) % 24) < 12 ? 'morning' : 'evening');
  const [temperature, setTemperature] = useState<number | null>(36.5);
  const { submit, busy, error } = useFormSubmit(async () => {
    await api.post(`/screening/episodes/${due.episodeId}/health-checks`, {
      period, temperature, symptoms: temperature !== null && temperature >= FEVER ? ['fever'] : [],
    });
    message.success(t('field.today.checkSaved'));
    onSaved();
  });
  return (
    <Drawer open placement="bottom" size="60%" title={`${due.name} · ${due.address}`} onClose={onClose} className="field-sheet"
      footer={<Button type="primary" size="large" block loading={busy} onClick={() => void submit(undefined)} data-testid="check-submit">{t('field.today.save')}</Button>}>
      <ErrorAlert error={error} />
      <Space direction="vertical" size="large" className="field-sheet-body">
        <Segmented<Period> block size="large" value={period} onChange={setPeriod} aria-label={t('field.today.period')}
          options={[{ value: 'morning', label: t('field.today.morning') }, { value: 'evening', label: t('field.today.evening') }]} />
        <div>
          <Typography.Text strong>{t('field.today.temperature')}</Typography.Text>
          <InputNumber size="large" min={34} max={43} step={0.1} value={temperature} onChange={setTemperature} inputMode="decimal"
            style={{ width: '100%' }} aria-label={t('field.today.temperature')} />
        </div>
        {temperature !== null && temperature < FEVER && <Typography.Text type="secondary">{t('field.today.noSymptoms')}</Typography.Text>}
      </Space>
    </Drawer>
  );
}
