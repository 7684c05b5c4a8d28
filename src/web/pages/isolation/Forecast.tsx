import { Progress, Table, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { ForecastDay } from './types.js';

/**
 * The 14-day forecast of free beds as a table (no chart library in this build): one column per day,
 * a row per site and the total, each cell the free beds with a bar of the share still free.
 */
export function ForecastTable({ rows, total }: { rows: { key: string; name: string; capacity: number; forecast: ForecastDay[] }[];
  total?: { capacity: number; forecast: ForecastDay[] } }) {
  const { t } = useI18n();
  const days = (total?.forecast ?? rows[0]?.forecast ?? []).map((d) => d.date);
  const data = [...rows, ...(total && rows.length > 1 ? [{ key: 'total', name: t('isolation.forecast.total'), ...total }] : [])];
  return (
    <div className="iso-section">
      <Typography.Title level={5}>{t('isolation.forecast.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('isolation.forecast.help')}</Typography.Paragraph>
      <Table
        className="iso-forecast"
        data-testid="forecast"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data}
        columns={[
          { title: '', dataIndex: 'name', fixed: 'left', render: (v: string, r) => r.key === 'total' ? <strong>{v}</strong> : v },
          ...days.map((date, i) => ({
            title: date.slice(5),
            key: date,
            render: (_: unknown, r: (typeof data)[number]) => {
              const day = r.forecast[i];
              if (!day) return null;
              return (
                <div data-testid={`forecast-${r.key}-${i}`} title={`${date}`}>
                  <div>{day.free}</div>
                  <Progress percent={r.capacity ? Math.round((day.free / r.capacity) * 100) : 0} size="small" showInfo={false} style={{ width: 40, margin: 0 }} />
                </div>
              );
            },
          })),
        ]}
      />
    </div>
  );
}
