import { useEffect, useState } from 'react';
import { Button, Col, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import type { UiKey } from '../../../shared/i18n/index.js';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/roles.js';
import { api } from '../../api/client.js';
import type { AuditEntry } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDateTime } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { AUDIT_ACTIONS, SUBJECT_TYPES } from './actions.js';

interface Filter {
  action?: string;
  subjectType?: string;
  subjectId?: string;
}

const LIMIT = 100;
const RESULTS: Record<string, { color: string; label: UiKey }> = {
  ok: { color: 'green', label: 'audit.result.ok' },
  denied: { color: 'red', label: 'audit.result.denied' },
  failed: { color: 'orange', label: 'audit.result.failed' },
};

/** 审计日志: who did what to which record, and why; newest first, 100 at a time. */
export function AuditPage() {
  const { t, pick, locale } = useI18n();
  const [filter, setFilter] = useState<Filter>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();

  const load = async (before?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await api.get<AuditEntry[]>('/audit', { ...filter, subjectId: filter.subjectId?.trim(), limit: LIMIT, before });
      setEntries((prev) => (before ? [...prev, ...page] : page));
      setMore(page.length === LIMIT);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load();
    // Reloaded whenever the filter is applied.
  }, [filter]);

  const actionLabel = (action: string) => (AUDIT_ACTIONS[action] ? t(AUDIT_ACTIONS[action]) : action);
  const roleLabel = (role: string | null) => (role && (ROLES as readonly string[]).includes(role) ? pick(ROLE_LABELS[role as Role]) : role ?? '—');

  return (
    <>
      <PageHeader title={t('nav.audit')} />
      <Form<Filter> name="auditFilter" layout="vertical" onFinish={setFilter} className="filter-form audit-filters">
        <Row gutter={16}>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="action" label={t('audit.action')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('audit.anyAction')}
                options={Object.entries(AUDIT_ACTIONS).map(([value, key]) => ({ value, label: t(key) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="subjectType" label={t('audit.subjectType')}>
              <Select allowClear placeholder={t('audit.anySubject')} options={Object.entries(SUBJECT_TYPES).map(([value, key]) => ({ value, label: t(key) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="subjectId" label={t('audit.subjectId')}>
              <Input allowClear placeholder={t('audit.subjectIdPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6} className="filter-buttons">
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('common.search')}</Button>
              <Button htmlType="reset" icon={<UndoOutlined />} onClick={() => setFilter({})}>{t('common.reset')}</Button>
            </Space>
          </Col>
        </Row>
      </Form>
      <ErrorAlert error={error} onRetry={() => void load()} />
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={entries}
        pagination={false}
        scroll={{ x: 1200 }}
        locale={{ emptyText: t('audit.empty') }}
        data-testid="audit-table"
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v, locale) },
          { title: t('audit.user'), dataIndex: 'username', width: 110, render: (v: string | null) => v ?? '—' },
          { title: t('audit.role'), dataIndex: 'role', width: 110, render: roleLabel },
          { title: t('audit.action'), dataIndex: 'action', width: 140, render: actionLabel },
          {
            title: t('audit.result'),
            dataIndex: 'result',
            width: 80,
            render: (v: string) => <Tag color={RESULTS[v]?.color}>{RESULTS[v] ? t(RESULTS[v].label) : v}</Tag>,
          },
          {
            title: t('audit.subject'),
            key: 'subject',
            width: 200,
            render: (_: unknown, e: AuditEntry) => (e.subjectType
              ? <span>{SUBJECT_TYPES[e.subjectType] ? t(SUBJECT_TYPES[e.subjectType]) : e.subjectType} <code>{e.subjectId}</code></span>
              : '—'),
          },
          { title: t('audit.reason'), dataIndex: 'reason', width: 180, render: (v: string | null) => v ?? '—' },
          {
            title: t('audit.detail'),
            dataIndex: 'detail',
            render: (v: unknown) => (v ? <Typography.Text code className="audit-detail">{JSON.stringify(v)}</Typography.Text> : '—'),
          },
          { title: 'IP', dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
        ]}
      />
      {more && (
        <div className="load-more">
          <Button loading={loading} onClick={() => void load(entries[entries.length - 1]?.id)}>{t('audit.loadMore')}</Button>
        </div>
      )}
    </>
  );
}
