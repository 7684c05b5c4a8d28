import { useState } from 'react';
import { Button, Input, Space, Table, Tag } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '../../../shared/roles.js';
import { api } from '../../api/client.js';
import type { UserView } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useRequest } from '../../components/useRequest.js';
import { formatDateTime } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';
import { UserFormDrawer } from './UserFormDrawer.js';

/** 用户管理: accounts, their roles and the regions they answer for. */
export function UsersPage() {
  const { t, pick, locale } = useI18n();
  const [search, setSearch] = useState('');
  const users = useRequest(() => api.get<UserView[]>('/users', { search: search.trim() }), [search]);
  const [editing, setEditing] = useState<UserView | 'new'>();
  const [resetting, setResetting] = useState<UserView>();

  const statusTag = (u: UserView) => {
    if (u.status === 'disabled') return <Tag>{t('users.disabled')}</Tag>;
    if (u.locked) return <Tag color="orange">{t('users.locked')}</Tag>;
    return <Tag color="green">{t('users.active')}</Tag>;
  };

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('users.new')}</Button>}
      >
        <Input.Search allowClear placeholder={t('users.searchPlaceholder')} onSearch={setSearch} className="page-search" />
      </PageHeader>
      <ErrorAlert error={users.error} onRetry={users.reload} />
      <Table<UserView>
        rowKey="id"
        loading={users.loading}
        dataSource={users.data}
        scroll={{ x: 960 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('common.noData') }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 130, fixed: 'left' },
          { title: t('users.displayName'), dataIndex: 'displayName', width: 180 },
          { title: t('users.role'), dataIndex: 'role', width: 130, render: (r: UserView['role']) => pick(ROLE_LABELS[r]) },
          {
            title: t('users.scopes'),
            dataIndex: 'scopes',
            render: (scopes: UserView['scopes']) => (
              <span className="tag-list">{scopes.map((s) => <Tag key={s.code}>{s.name}</Tag>)}</span>
            ),
          },
          { title: t('users.status'), key: 'status', width: 90, render: (_: unknown, u: UserView) => statusTag(u) },
          { title: t('users.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v, locale) },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 190,
            fixed: 'right',
            render: (_: unknown, u: UserView) => (
              <Space size={0}>
                <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(u)}>{t('common.edit')}</Button>
                <Button type="link" icon={<KeyOutlined />} onClick={() => setResetting(u)}>{t('users.resetPassword')}</Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <UserFormDrawer
          user={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            users.reload();
          }}
        />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(undefined)} />}
    </>
  );
}
