import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { ApiOutlined, PlusOutlined } from '@ant-design/icons';
import type { OrganizationView } from '../../../../shared/organizations.js';
import type { LabTokenView } from '../../../../shared/contracts/testing/results.js';
import { api } from '../../../api/client.js';
import type { Page } from '../../../api/types.js';
import { ErrorAlert, useErrorText } from '../../../components/ErrorAlert.js';
import { FormModal } from '../../../components/FormModal.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useRequest } from '../../../components/useRequest.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';

type CreatedToken = LabTokenView & { token: string };

/** 新建令牌: a lab and a label; the token comes back once and is shown once. */
function NewTokenModal({ labs, onClose, onCreated }: { labs: OrganizationView[]; onClose(): void; onCreated(t: CreatedToken): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ labId: string; label: string }>();
  const { submit, busy, error } = useFormSubmit(async (values: { labId: string; label: string }) => {
    onCreated(await api.post<CreatedToken>('/testing/lab-tokens', values));
  });
  return (
    <FormModal title={t('testing.token.new')} form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} layout="vertical" name="newLabToken" onFinish={submit}>
        <Form.Item name="labId" label={t('testing.token.lab')} rules={[{ required: true, message: t('form.required') }]}>
          <Select showSearch optionFilterProp="label" options={labs.map((l) => ({ value: l.id, label: l.name }))} />
        </Form.Item>
        <Form.Item name="label" label={t('testing.token.label')} rules={[{ required: true, message: t('form.required') }]}
          extra={t('testing.token.labelHelp')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/**
 * 检测机构接口令牌: the tokens labs' systems use to post results. Only hashes are kept, so a token is
 * shown once when made; revoking one stops it at once.
 */
export function LabTokensCard() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken>();
  const tokens = useRequest(() => api.get<LabTokenView[]>('/testing/lab-tokens'), []);
  const labs = useRequest(() => api.get<Page<OrganizationView>>('/organizations', { kind: 'lab', pageSize: 100 }), []);
  const labName = new Map((labs.data?.items ?? []).map((l) => [l.id, l.name]));

  const revoke = async (token: LabTokenView) => {
    try {
      await api.post<LabTokenView>(`/testing/lab-tokens/${token.id}/revoke`);
      message.success(t('testing.token.revoked', { label: token.label }));
      tokens.reload();
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Card
      title={<><ApiOutlined /> {t('testing.token.title')}</>}
      className="testing-panel"
      data-testid="lab-tokens"
      extra={<Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('testing.token.new')}</Button>}
    >
      <Typography.Paragraph type="secondary">{t('testing.token.intro')}</Typography.Paragraph>
      <ErrorAlert error={tokens.error ?? labs.error} onRetry={tokens.reload} />
      <Table<LabTokenView>
        size="small"
        rowKey="id"
        loading={tokens.loading}
        dataSource={tokens.data ?? []}
        pagination={false}
        locale={{ emptyText: t('testing.token.empty') }}
        columns={[
          { title: t('testing.token.lab'), dataIndex: 'labId', render: (id: string) => labName.get(id) ?? id },
          { title: t('testing.token.label'), dataIndex: 'label' },
          { title: t('testing.token.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, locale) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, token: LabTokenView) => token.revokedAt
              ? <Tag>{t('testing.token.revokedAt', { at: formatDateTime(token.revokedAt, locale) })}</Tag>
              : (
                <Popconfirm title={t('testing.token.confirmRevoke', { label: token.label })} onConfirm={() => revoke(token)}>
                  <Button danger size="small">{t('testing.token.revoke')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {creating && (
        <NewTokenModal
          labs={labs.data?.items ?? []}
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setCreated(token);
            tokens.reload();
          }}
        />
      )}
      {created && (
        <Modal
          open
          title={t('testing.token.createdTitle', { label: created.label })}
          onCancel={() => setCreated(undefined)}
          footer={<Button type="primary" onClick={() => setCreated(undefined)}>{t('testing.token.done')}</Button>}
        >
          <Typography.Paragraph type="warning">{t('testing.token.showOnce')}</Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: created.token }} code data-testid="new-token">{created.token}</Typography.Paragraph>
        </Modal>
      )}
    </Card>
  );
}
