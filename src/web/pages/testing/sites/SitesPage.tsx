import { useState } from 'react';
import { App, Button, Card, Empty, Form, Popconfirm, Select, Space, Spin, Tag, Typography } from 'antd';
import { ClockCircleOutlined, EditOutlined, EnvironmentOutlined, PlusOutlined, StopOutlined, UserAddOutlined } from '@ant-design/icons';
import { ZONE_LEVEL_LABELS } from '../../../../shared/testing.js';
import { api } from '../../../api/client.js';
import { ErrorAlert, useErrorText } from '../../../components/ErrorAlert.js';
import { FormModal } from '../../../components/FormModal.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { RegionTreeSelect, type RegionOption } from '../../../components/RegionTreeSelect.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useRequest } from '../../../components/useRequest.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { SiteView } from '../types.js';
import { LabTokensCard } from './LabTokensCard.js';
import { SiteDrawer } from './SiteDrawer.js';

type Sampler = SiteView['samplers'][number];

/** 添加采样员: the sampler accounts whose scope covers the site's region, less those already there. */
function AssignModal({ site, onClose, onDone }: { site: SiteView; onClose(): void; onDone(s: SiteView): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ userId: string }>();
  const candidates = useRequest(() => api.get<Sampler[]>('/testing/samplers', { region: site.regionCode }), [site.regionCode]);
  const options = (candidates.data ?? []).filter((c) => !site.samplers.some((s) => s.userId === c.userId));
  const { submit, busy, error } = useFormSubmit(async ({ userId }: { userId: string }) => {
    const next = await api.post<SiteView>(`/testing/sites/${site.id}/samplers`, { userId });
    message.success(t('testing.site.assigned', { name: options.find((o) => o.userId === userId)?.name ?? '', site: site.name }));
    onDone(next);
  });
  return (
    <FormModal title={t('testing.site.assignTitle', { name: site.name })} form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} layout="vertical" name="assignSampler" onFinish={submit}>
        <Form.Item name="userId" label={t('testing.site.sampler')} rules={[{ required: true, message: t('form.required') }]} extra={t('testing.site.samplerHelp')}>
          <Select
            showSearch
            optionFilterProp="label"
            options={options.map((o) => ({ value: o.userId, label: o.name }))}
            loading={candidates.loading}
            notFoundContent={t('testing.site.noCandidates')}
          />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function SiteCard({ site, onEdit, onAssign, onChanged }: { site: SiteView; onEdit(): void; onAssign(): void; onChanged(s: SiteView): void }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const closed = site.status === 'closed';

  const remove = async (s: Sampler) => {
    try {
      onChanged(await api.delete<SiteView>(`/testing/sites/${site.id}/samplers/${s.userId}`));
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const setStatus = async (status: 'active' | 'closed') => {
    try {
      onChanged(await api.patch<SiteView>(`/testing/sites/${site.id}`, { status }));
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <Card size="small" className={`testing-card${closed ? ' site-closed' : ''}`} data-testid="site-card">
      <div className="testing-card-head">
        <Typography.Text strong className="testing-card-title">{site.name}</Typography.Text>
        <Space size={4} wrap>
          <Tag color={site.zoneLevel === 'high' ? 'red' : site.zoneLevel === 'medium' ? 'orange' : 'blue'}>{pick(ZONE_LEVEL_LABELS[site.zoneLevel])}</Tag>
          {closed && <Tag>{t('testing.site.closed')}</Tag>}
        </Space>
      </div>
      <div className="testing-card-meta">
        <span><EnvironmentOutlined /> {site.regionName}{site.address ? ` · ${site.address}` : ''}</span>
        <span><ClockCircleOutlined /> {site.opensAt}–{site.closesAt}</span>
        <span>{t('testing.site.tableCount', { n: site.tableCount })}</span>
      </div>
      <div className="site-samplers">
        <span className="muted">{t('testing.site.samplers')}：</span>
        {site.samplers.length === 0 && <Typography.Text type="warning">{t('testing.site.noSamplers')}</Typography.Text>}
        <span className="tag-list">
          {site.samplers.map((s) => (
            <Tag
              key={s.userId}
              closable
              onClose={(e) => {
                e.preventDefault();
                void remove(s);
              }}
              closeIcon={<span aria-label={t('testing.site.removeSampler', { name: s.name })}>×</span>}
            >
              {s.name}
            </Tag>
          ))}
        </span>
      </div>
      <Space wrap>
        <Button icon={<EditOutlined />} onClick={onEdit}>{t('common.edit')}</Button>
        {!closed && <Button icon={<UserAddOutlined />} onClick={onAssign}>{t('testing.site.assign')}</Button>}
        {closed ? (
          <Button onClick={() => void setStatus('active')}>{t('testing.site.reopen')}</Button>
        ) : (
          <Popconfirm title={t('testing.site.confirmClose', { name: site.name })} onConfirm={() => setStatus('closed')}>
            <Button danger icon={<StopOutlined />}>{t('testing.site.close')}</Button>
          </Popconfirm>
        )}
      </Space>
    </Card>
  );
}

/** 采样点: the sampling sites of my regions, their hours and tables, who samples there; the labs' API tokens. */
export function SitesPage() {
  const { t } = useI18n();
  const [region, setRegion] = useState<RegionOption>();
  const [editing, setEditing] = useState<SiteView | 'new'>();
  const [assigning, setAssigning] = useState<SiteView>();
  const sites = useRequest(() => api.get<SiteView[]>('/testing/sites', { region: region?.value }), [region?.value]);
  const [local, setLocal] = useState<Record<string, SiteView>>({});
  const list = (sites.data ?? []).map((s) => local[s.id] ?? s);

  const replace = (s: SiteView) => setLocal((prev) => ({ ...prev, [s.id]: s }));
  const reload = () => {
    setLocal({});
    sites.reload();
  };

  return (
    <>
      <PageHeader
        title={t('testing.site.title')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('testing.site.new')}</Button>}
      >
        <div className="page-search">
          <RegionTreeSelect
            value={region}
            onChange={(v) => setRegion(v as RegionOption | undefined)}
            allowClear
            placeholder={t('testing.site.filterRegion')}
          />
        </div>
      </PageHeader>
      <ErrorAlert error={sites.error} onRetry={sites.reload} />
      <Spin spinning={sites.loading}>
        {list.length === 0 && !sites.loading && <Empty description={t('testing.site.empty')} />}
        <div className="testing-cards" data-testid="sites">
          {list.map((s) => (
            <SiteCard key={s.id} site={s} onEdit={() => setEditing(s)} onAssign={() => setAssigning(s)} onChanged={replace} />
          ))}
        </div>
      </Spin>
      <LabTokensCard />
      {editing && (
        <SiteDrawer
          site={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            reload();
          }}
        />
      )}
      {assigning && (
        <AssignModal
          site={assigning}
          onClose={() => setAssigning(undefined)}
          onDone={(s) => {
            setAssigning(undefined);
            replace(s);
          }}
        />
      )}
    </>
  );
}
