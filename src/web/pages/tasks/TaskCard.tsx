import { Button, Card, Space, Tag, Typography } from 'antd';
import { ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { TASK_STATUS_LABELS } from '../../../shared/tasks.js';
import type { TaskView } from '../../api/types.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { formatDateTime } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { TASK_ACTIONS, type TaskAction } from './transitions.js';

const STATUS_COLORS = { open: 'blue', in_progress: 'processing', done: 'success', cancelled: 'default' } as const;

interface Props {
  task: TaskView;
  regionName: string;
  busy: boolean;
  onAction(task: TaskView, action: TaskAction): void;
}

export function TaskCard({ task, regionName, busy, onAction }: Props) {
  const { t, pick, locale } = useI18n();
  const { can } = useAuth();
  const actions = can('tasks.act') ? TASK_ACTIONS[task.status].filter((a) => !a.assignOnly || can('tasks.assign')) : [];

  return (
    <Card size="small" className={task.overdue ? 'task-card task-overdue' : 'task-card'} data-testid="task-card">
      <div className="task-head">
        <Typography.Text strong className="task-title">{task.title}</Typography.Text>
        <Space size={4} wrap>
          {task.overdue && <Tag color="red" variant="solid">{t('tasks.overdue')}</Tag>}
          <Tag color={STATUS_COLORS[task.status]}>{pick(TASK_STATUS_LABELS[task.status])}</Tag>
        </Space>
      </div>
      <div className="task-meta">
        {task.dueAt && (
          <span className={task.overdue ? 'task-due-late' : undefined}>
            <ClockCircleOutlined /> {t('tasks.due', { at: formatDateTime(task.dueAt, locale) })}
          </span>
        )}
        <span><EnvironmentOutlined /> {regionName}</span>
      </div>
      {task.note && <Typography.Paragraph className="task-note" ellipsis={{ rows: 3, expandable: true }}>{task.note}</Typography.Paragraph>}
      {actions.length > 0 && (
        <Space wrap className="task-actions">
          {actions.map((a) => (
            <Button
              key={a.to}
              type={a.primary ? 'primary' : 'default'}
              danger={a.danger}
              loading={busy && a.primary}
              onClick={() => onAction(task, a)}
            >
              {t(a.label)}
            </Button>
          ))}
        </Space>
      )}
    </Card>
  );
}
