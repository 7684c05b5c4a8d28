import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Progress, Select, Spin, Tag, Typography } from 'antd';
import { EnvironmentOutlined, PhoneOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { RegionTreeSelect, type RegionOption } from '../../components/RegionTreeSelect.js';
import { useFormSubmit } from '../../components/useFormSubmit.js';
import { useRequest } from '../../components/useRequest.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { SITE_KINDS } from '../../../shared/contracts/isolation/sites.js';
import { ForecastTable } from './Forecast.js';
import type { IsolationSiteView, SiteDetail, SitesPage as SitesData } from './types.js';

interface NewSiteValues {
  name: string;
  kind: (typeof SITE_KINDS)[number];
  region: RegionOption;
  address?: string;
  contact?: string;
}

function NewSiteModal({ onClose, onDone }: { onClose(): void; onDone(site: SiteDetail): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewSiteValues>();
  const { submit, busy, error } = useFormSubmit(async (v: NewSiteValues) => {
    const site = await api.post<SiteDetail>('/isolation/sites', { name: v.name, kind: v.kind, regionCode: v.region.value,
      address: v.address || null, contact: v.contact || null });
    message.success(t('isolation.site.created', { name: site.name }));
    onDone(site);
  });
  const required = [{ required: true, message: t('form.required') }];
  return (
    <FormModal title={t('isolation.sites.new')} form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} layout="vertical" name="newIsolationSite" onFinish={submit} initialValues={{ kind: 'hotel' }}>
        <Form.Item name="name" label={t('isolation.site.name')} rules={required}><Input maxLength={100} /></Form.Item>
        <Form.Item name="kind" label={t('isolation.site.kind')} rules={required}>
          <Select options={SITE_KINDS.map((k) => ({ value: k, label: t(`isolation.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="region" label={t('isolation.site.region')} rules={required}><RegionTreeSelect /></Form.Item>
        <Form.Item name="address" label={t('isolation.site.address')}><Input maxLength={200} /></Form.Item>
        <Form.Item name="contact" label={t('isolation.site.contact')}><Input maxLength={100} /></Form.Item>
      </Form>
    </FormModal>
  );
}

export function OccupancyBar({ site }: { site: Pick<IsolationSiteView, 'capacity' | 'occupied' | 'free'> }) {
  const { t } = useI18n();
  const percent = site.capacity ? Math.round((site.occupied / site.capacity) * 100) : 0;
  return (
    <div data-testid="occupancy">
      <Progress percent={percent} status={site.free === 0 && site.capacity > 0 ? 'exception' : 'normal'}
        format={() => t('isolation.sites.occupancy', { occupied: site.occupied, capacity: site.capacity })} />
      <Typography.Text type={site.free === 0 ? 'danger' : 'success'}>{t('isolation.sites.free', { free: site.free })}</Typography.Text>
    </div>
  );
}

function SiteCard({ site }: { site: IsolationSiteView }) {
  const { t } = useI18n();
  return (
    <Card size="small" data-testid="isolation-site">
      <div className="iso-card-head">
        <Link to={`/isolation/sites/${site.id}`} className="iso-card-title"><strong>{site.name}</strong></Link>
        <span>
          <Tag>{t(`isolation.kind.${site.kind}`)}</Tag>
          {site.status !== 'active' && <Tag color={site.status === 'closed' ? 'default' : 'blue'}>{t(`isolation.status.${site.status}`)}</Tag>}
        </span>
      </div>
      <div className="iso-meta">
        <span><EnvironmentOutlined /> {site.regionName}{site.address ? ` · ${site.address}` : ''}</span>
        {site.contact && <span><PhoneOutlined /> {site.contact}</span>}
        <span>{t('isolation.sites.rooms', { rooms: site.rooms })}</span>
      </div>
      <OccupancyBar site={site} />
    </Card>
  );
}

/** 隔离点: the sites of my regions with their occupancy and the 14-day forecast of free beds. */
export function SitesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [region, setRegion] = useState<RegionOption>();
  const [creating, setCreating] = useState(false);
  const sites = useRequest(() => api.get<SitesData>('/isolation/sites', { region: region?.value }), [region?.value]);
  const items = sites.data?.items ?? [];
  const open = items.filter((s) => s.status !== 'closed');
  return (
    <>
      <PageHeader
        title={t('isolation.sites.title')}
        extra={can('isolation.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('isolation.sites.new')}</Button>}
      >
        <div className="page-search">
          <RegionTreeSelect value={region} onChange={(v) => setRegion(v as RegionOption | undefined)} allowClear placeholder={t('isolation.sites.filterRegion')} />
        </div>
      </PageHeader>
      <ErrorAlert error={sites.error} onRetry={sites.reload} />
      <Spin spinning={sites.loading}>
        {sites.data && (
          <div className="iso-totals" data-testid="isolation-totals">
            {t('isolation.sites.totals', { sites: sites.data.total.sites, capacity: sites.data.total.capacity,
              occupied: sites.data.total.occupied, free: sites.data.total.free })}
          </div>
        )}
        {items.length === 0 && !sites.loading && <Empty description={t('isolation.sites.empty')} />}
        <div className="iso-cards">{items.map((s) => <SiteCard key={s.id} site={s} />)}</div>
        {open.length > 0 && sites.data && (
          <ForecastTable rows={open.map((s) => ({ key: s.id, name: s.name, capacity: s.capacity, forecast: s.forecast }))}
            total={{ capacity: sites.data.total.capacity, forecast: sites.data.total.forecast }} />
        )}
      </Spin>
      {creating && <NewSiteModal onClose={() => setCreating(false)} onDone={(s) => navigate(`/isolation/sites/${s.id}`)} />}
    </>
  );
}
