import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Empty, Form, Input, Space, Spin, Tag, Typography } from 'antd';
import { CheckOutlined, PhoneOutlined, StopOutlined } from '@ant-design/icons';
import { INCIDENT_STATUS_LABELS } from '../../../../shared/testing.js';
import { api } from '../../../api/client.js';
import { useAuth } from '../../../auth/AuthProvider.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FormModal } from '../../../components/FormModal.js';
import { useIsMobile } from '../../../components/media.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useRequest } from '../../../components/useRequest.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { ResultTag } from '../lab/TubeResultCard.js';
import type { IncidentDetail, IncidentMemberView } from '../types.js';
import { SlaClocks } from './SlaClocks.js';

type Action = 'notified' | 'close';

/** 标记已通知 (an optional note) or 结案 (a reason is required). */
function ActionModal({ incident, action, onClose, onDone }: {
  incident: IncidentDetail;
  action: Action;
  onClose(): void;
  onDone(next: IncidentDetail): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text?: string }>();
  const { submit, busy, error } = useFormSubmit(async ({ text }: { text?: string }) => {
    const next = action === 'notified'
      ? await api.post<IncidentDetail>(`/testing/incidents/${incident.id}/notified`, { note: text?.trim() || undefined })
      : await api.post<IncidentDetail>(`/testing/incidents/${incident.id}/close`, { reason: (text ?? '').trim() });
    message.success(t(action === 'notified' ? 'testing.incident.notifiedDone' : 'testing.incident.closedDone'));
    onDone(next);
  });
  const close = action === 'close';
  return (
    <FormModal
      title={t(close ? 'testing.incident.close' : 'testing.incident.markNotified')}
      okText={t(close ? 'testing.incident.close' : 'testing.incident.markNotified')}
      intro={<Typography.Paragraph type="secondary">{t(close ? 'testing.incident.closeIntro' : 'testing.incident.notifyIntro')}</Typography.Paragraph>}
      form={form}
      busy={busy}
      error={error}
      onClose={onClose}
    >
      <Form form={form} layout="vertical" name={`incident-${action}`} onFinish={submit}>
        <Form.Item
          name="text"
          label={t(close ? 'testing.incident.closeReason' : 'testing.incident.notifyNote')}
          rules={close ? [{ required: true, whitespace: true, min: 2, message: t('testing.lab.reasonRule') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function MemberCard({ m }: { m: IncidentMemberView }) {
  const { t } = useI18n();
  return (
    <div className="incident-member" data-testid="incident-member">
      <div className="person-card-head">
        <span className="person-card-name">{m.name}</span>
        {m.subjectKind === 'unregistered' && <Tag color="orange">{t('testing.incident.unregistered')}</Tag>}
        <span className="person-card-action">
          {m.retestResult ? <ResultTag result={m.retestResult} /> : (
            <Tag color={m.retestTubeBarcode ? 'blue' : 'default'}>
              {m.retestTubeBarcode ? t('testing.incident.retestPending') : t('testing.incident.toResample')}
            </Tag>
          )}
        </span>
      </div>
      <dl className="person-card-fields">
        <dt>{t('testing.incident.phone')}</dt>
        <dd><span className="masked">{m.phone ?? '—'}</span></dd>
        <dt>{t('testing.incident.grid')}</dt>
        <dd>{m.regionName}</dd>
        <dt>{t('testing.incident.address')}</dt>
        <dd>{m.address ?? '—'}</dd>
        <dt>{t('testing.incident.gridWorkers')}</dt>
        <dd>
          {m.gridWorkers.length === 0 ? <Typography.Text type="warning">{t('testing.incident.noGridWorker')}</Typography.Text> : (
            <span className="tag-list">{m.gridWorkers.map((w) => <Tag key={w.id} icon={<PhoneOutlined />}>{w.name}</Tag>)}</span>
          )}
        </dd>
        {m.retestTubeBarcode && (
          <>
            <dt>{t('testing.incident.retestTube')}</dt>
            <dd><span className="masked">{m.retestTubeBarcode}</span></dd>
          </>
        )}
      </dl>
    </div>
  );
}

/** A positive pool's members in my regions (masked): who to isolate and resample, where they live, which grid worker to call. */
export function IncidentDrawer({ id, now, onClose, onChanged }: { id: string; now: number; onClose(): void; onChanged(): void }) {
  const { t, pick, locale } = useI18n();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const [action, setAction] = useState<Action>();
  const [updated, setUpdated] = useState<IncidentDetail>();
  const detail = useRequest(() => api.get<IncidentDetail>(`/testing/incidents/${id}`), [id]);
  const incident = updated ?? detail.data;

  return (
    <Drawer
      open
      onClose={onClose}
      size={mobile ? '100%' : 640}
      title={incident ? t('testing.incident.drawerTitle', { barcode: incident.tubeBarcode }) : t('testing.incident.title')}
      className="incident-drawer"
      footer={incident && incident.status !== 'closed' && (
        <Space className="drawer-footer" wrap>
          {can('testing.manage') && (
            <Button danger icon={<StopOutlined />} onClick={() => setAction('close')}>{t('testing.incident.close')}</Button>
          )}
          {incident.status === 'open' && (
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setAction('notified')}>{t('testing.incident.markNotified')}</Button>
          )}
        </Space>
      )}
    >
      <ErrorAlert error={detail.error} onRetry={detail.reload} />
      <Spin spinning={detail.loading && !incident}>
        {incident && (
          <div data-testid="incident-detail">
            <Descriptions size="small" column={1} bordered className="testing-gap-bottom">
              <Descriptions.Item label={t('testing.incident.status')}>{pick(INCIDENT_STATUS_LABELS[incident.status])}</Descriptions.Item>
              <Descriptions.Item label={t('testing.incident.region')}>{incident.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('testing.incident.detected')}>{formatDateTime(incident.detectedAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('testing.incident.memberCount')}>
                {incident.memberCount}
                {incident.visibleMembers < incident.memberCount && ` (${t('testing.incident.inScope', { count: incident.visibleMembers })})`}
              </Descriptions.Item>
              {incident.status !== 'closed' && (
                <Descriptions.Item label={t('testing.incident.clocks')}><SlaClocks clocks={incident.clocks} now={now} /></Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Title level={5}>{t('testing.incident.membersTitle', { count: incident.members.length })}</Typography.Title>
            <Typography.Paragraph type="secondary" className="testing-note">{t('testing.incident.membersIntro')}</Typography.Paragraph>
            {incident.members.length === 0 && <Empty description={t('testing.incident.noMembersInScope')} />}
            <div className="incident-members" data-testid="incident-members-list">
              {incident.members.map((m) => <MemberCard key={`${m.subjectKind}:${m.subjectId}`} m={m} />)}
            </div>
          </div>
        )}
      </Spin>
      {action && incident && (
        <ActionModal
          incident={incident}
          action={action}
          onClose={() => setAction(undefined)}
          onDone={(next) => {
            setAction(undefined);
            setUpdated(next);
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}
