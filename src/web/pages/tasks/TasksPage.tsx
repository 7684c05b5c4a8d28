import { useState } from 'react';
import { App, Button, Empty, Pagination, Segmented, Spin } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { TASK_STATUS_LABELS, type TaskStatus } from '../../../shared/tasks.js';
import { api } from '../../api/client.js';
import type { Page, TaskView } from '../../api/types.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useRequest } from '../../components/useRequest.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { MoveTaskModal, type Move } from './MoveTaskModal.js';
import { NewTaskModal } from './NewTaskModal.js';
import { TaskCard } from './TaskCard.js';
import { asksForNote, type TaskAction } from './transitions.js';

type StatusFilter = 'active' | TaskStatus;
const FILTERS: StatusFilter[] = ['active', 'open', 'in_progress', 'done', 'cancelled'];
const PAGE_SIZE = 20;

/** 待办: the inbox of work in the user's scope, overdue first. */
export function TasksPage() {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [status, setStatus] = useState<StatusFilter>('active');
  const [page, setPage] = useState(1);
  const [move, setMove] = useState<Move>();
  const [creating, setCreating] = useState(false);
  const [busyId, setBusyId] = useState<string>();
  const tasks = useRequest(() => api.get<Page<TaskView>>('/tasks', { status, page, pageSize: PAGE_SIZE }), [status, page]);

  const act = async (task: TaskView, action: TaskAction) => {
    if (asksForNote(task.status, action.to)) {
      setMove({ task, to: action.to, title: t(action.label) });
      return;
    }
    setBusyId(task.id);
    try {
      await api.post(`/tasks/${task.id}/status`, { to: action.to });
      tasks.reload();
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusyId(undefined);
    }
  };

  const items = tasks.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('nav.tasks')}
        extra={can('tasks.assign') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('tasks.new')}</Button>}
      >
        <div className="segmented-scroll">
          <Segmented<StatusFilter>
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={FILTERS.map((f) => ({ value: f, label: f === 'active' ? t('tasks.filter.active') : pick(TASK_STATUS_LABELS[f]) }))}
          />
        </div>
      </PageHeader>
      <ErrorAlert error={tasks.error} onRetry={tasks.reload} />
      <Spin spinning={tasks.loading}>
        {items.length === 0 && !tasks.loading && (
          <Empty description={status === 'active' ? t('tasks.emptyActive') : t('common.noData')} />
        )}
        <div className="task-list">
          {items.map((task) => (
            <TaskCard key={task.id} task={task} regionName={task.regionName} busy={busyId === task.id} onAction={act} />
          ))}
        </div>
      </Spin>
      {(tasks.data?.total ?? 0) > PAGE_SIZE && (
        <Pagination
          className="cards-pagination"
          current={page}
          pageSize={PAGE_SIZE}
          total={tasks.data?.total}
          onChange={setPage}
          showTotal={(total) => t('common.total', { total })}
        />
      )}
      {move && (
        <MoveTaskModal
          move={move}
          onClose={() => setMove(undefined)}
          onMoved={() => {
            setMove(undefined);
            tasks.reload();
          }}
        />
      )}
      {creating && (
        <NewTaskModal
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            message.success(t('tasks.assigned'));
            tasks.reload();
          }}
        />
      )}
    </>
  );
}
