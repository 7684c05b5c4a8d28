import { Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { durationText } from '../labels.js';
import type { IncidentView } from '../types.js';
import { remainingAt } from './clocks.js';

type Clock = IncidentView['clocks'][number];

/** One clock: done in time (green), done late (red), running (blue, orange in its last quarter hour), overdue (solid red). */
function ClockTag({ clock, now }: { clock: Clock; now: number }) {
  const { t, locale } = useI18n();
  const remaining = remainingAt(clock, now);
  const name = t(`testing.sla.${clock.clock}`);
  const due = t('testing.sla.due', { at: formatDateTime(clock.dueAt, locale) });
  if (clock.doneAt) {
    const late = remaining < 0;
    return (
      <Tooltip title={`${due} · ${t('testing.sla.doneAt', { at: formatDateTime(clock.doneAt, locale) })}`}>
        <Tag color={late ? 'red' : 'green'} icon={<CheckCircleOutlined />} data-clock={clock.clock} data-breached={late}>
          {name} {late ? t('testing.sla.doneLate', { d: durationText(remaining, t) }) : t('testing.sla.done')}
        </Tag>
      </Tooltip>
    );
  }
  if (remaining < 0) {
    return (
      <Tooltip title={due}>
        <Tag color="red" variant="solid" icon={<ExclamationCircleOutlined />} className="sla-breached" data-clock={clock.clock} data-breached="true">
          {name} {t('testing.sla.overdue', { d: durationText(remaining, t) })}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={due}>
      <Tag color={remaining < 15 * 60_000 ? 'orange' : 'blue'} icon={<ClockCircleOutlined />} data-clock={clock.clock} data-breached="false">
        {name} {t('testing.sla.left', { d: durationText(remaining, t) })}
      </Tag>
    </Tooltip>
  );
}

export function SlaClocks({ clocks, now }: { clocks: Clock[]; now: number }) {
  return (
    <span className="tag-list sla-clocks">
      {clocks.map((c) => <ClockTag key={c.clock} clock={c} now={now} />)}
    </span>
  );
}
