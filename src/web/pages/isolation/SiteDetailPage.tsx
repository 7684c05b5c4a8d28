import { useState } from 'react';
import { App, Button, DatePicker, Empty, Form, Input, InputNumber, Radio, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client.js';
import type { PeoplePage } from '../../../shared/contracts/people.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FormModal } from '../../components/FormModal.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useFormSubmit } from '../../components/useFormSubmit.js';
import { useRequest } from '../../components/useRequest.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ForecastTable } from './Forecast.js';
import { OccupancyBar } from './SitesPage.js';
import type { PlacementView, RoomView, SiteDetail, SitesPage } from './types.js';

const ID_LIKE = /^[0-9]{4,17}[0-9Xx]?$/;

/** Finds people by name or ID number in my regions, for the placement form. */
function PersonSelect({ id, value, onChange }: { id?: string; value?: string; onChange?(v: string): void }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const search = async (text: string) => {
    const q = text.trim();
    if (q.length < 1) return;
    setLoading(true);
    try {
      const page = await api.get<PeoplePage>('/people', ID_LIKE.test(q) && q.length >= 4 ? { idNumber: q, pageSize: 20 } : { name: q, pageSize: 20 });
      setOptions(page.items.map((p) => ({ value: p.id, label: `${p.name} · ${p.docNumber} · ${p.regionName}` })));
    } finally {
      setLoading(false);
    }
  };
  return (
    <Select id={id} showSearch value={value} onChange={onChange} filterOption={false} onSearch={(v) => void search(v)} loading={loading}
      options={options} placeholder={t('isolation.place.personSearch')} notFoundContent={null} data-testid="person-select" />
  );
}

function PlaceModal({ site, onClose, onDone }: { site: SiteDetail; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ personId: string; roomId?: string; expected?: Dayjs; note?: string }>();
  const rooms = site.roomList.filter((r) => r.status === 'active' && r.occupied < r.beds);
  const { submit, busy, error } = useFormSubmit(async (v: { personId: string; roomId?: string; expected?: Dayjs; note?: string }) => {
    const placed = await api.post<PlacementView>('/isolation/placements', { personId: v.personId, siteId: site.id, roomId: v.roomId ?? null,
      expectedReleaseOn: v.expected ? v.expected.format('YYYY-MM-DD') : null, note: v.note || null });
    message.success(t('isolation.place.done', { name: placed.personName, site: site.name }));
    onDone();
  });
  return (
    <FormModal title={t('isolation.place.title', { site: site.name })} form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} layout="vertical" name="placePerson" onFinish={submit}>
        <Form.Item name="personId" label={t('isolation.place.person')} rules={[{ required: true, message: t('form.required') }]}>
          <PersonSelect />
        </Form.Item>
        <Form.Item name="roomId" label={t('isolation.place.room')}>
          <Select allowClear showSearch optionFilterProp="label" options={rooms.map((r) => ({ value: r.id, label: `${r.label}（${r.beds - r.occupied}）` }))} />
        </Form.Item>
        <Form.Item name="expected" label={t('isolation.place.expected')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="note" label={t('isolation.place.note')}><Input maxLength={200} /></Form.Item>
      </Form>
    </FormModal>
  );
}

function TransferModal({ placement, onClose, onDone }: { placement: PlacementView; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ siteId: string; roomId?: string; reason: string }>();
  const sites = useRequest(() => api.get<SitesPage>('/isolation/sites'), []);
  const siteId = Form.useWatch('siteId', form);
  const target = useRequest(() => (siteId ? api.get<SiteDetail>(`/isolation/sites/${siteId}`) : Promise.resolve(undefined)), [siteId]);
  const { submit, busy, error } = useFormSubmit(async (v: { siteId: string; roomId?: string; reason: string }) => {
    await api.post(`/isolation/placements/${placement.id}/transfer`, { siteId: v.siteId, roomId: v.roomId ?? null, reason: v.reason });
    onDone();
  });
  const required = [{ required: true, message: t('form.required') }];
  return (
    <FormModal title={t('isolation.transfer.title', { name: placement.personName })} form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} layout="vertical" name="transfer" onFinish={submit}>
        <Form.Item name="siteId" label={t('isolation.transfer.site')} rules={required}>
          <Select options={(sites.data?.items ?? []).filter((s) => s.status === 'active')
            .map((s) => ({ value: s.id, label: `${s.name}（${t('isolation.sites.free', { free: s.free })}）` }))} />
        </Form.Item>
        <Form.Item name="roomId" label={t('isolation.place.room')}>
          <Select allowClear options={(target.data?.roomList ?? []).filter((r) => r.status === 'active' && r.occupied < r.beds)
            .map((r) => ({ value: r.id, label: r.label }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('isolation.transfer.reason')} rules={[...required, { min: 2, message: t('form.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function ReleaseModal({ placement, onClose, onDone }: { placement: PlacementView; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: 'released' | 'escalated' | 'closed'; note?: string }>();
  const { submit, busy, error } = useFormSubmit(async (v: { reason: string; note?: string }) => {
    await api.post(`/isolation/placements/${placement.id}/release`, { reason: v.reason, note: v.note || null });
    onDone();
  });
  return (
    <FormModal title={t('isolation.release.title', { name: placement.personName })} form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} layout="vertical" name="release" onFinish={submit} initialValues={{ reason: 'released' }}>
        <Form.Item name="reason" label={t('isolation.release.reason')}>
          <Radio.Group options={(['released', 'escalated', 'closed'] as const).map((r) => ({ value: r, label: t(`isolation.release.${r}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('isolation.place.note')}><Input maxLength={200} /></Form.Item>
      </Form>
    </FormModal>
  );
}

function RoomsModal({ site, onClose, onDone }: { site: SiteDetail; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  type V = { prefix?: string; from: number; to: number; beds: number; width: number };
  const [form] = Form.useForm<V>();
  const { submit, busy, error } = useFormSubmit(async (v: V) => {
    const res = await api.post<{ added: number }>(`/isolation/sites/${site.id}/rooms`, { prefix: v.prefix ?? '', from: v.from, to: v.to,
      beds: v.beds, width: v.width ?? 0 });
    message.success(t('isolation.site.roomsAdded', { added: res.added }));
    onDone();
  });
  const required = [{ required: true, message: t('form.required') }];
  return (
    <FormModal title={t('isolation.site.addRooms')} intro={<Typography.Paragraph type="secondary">{t('isolation.rooms.help')}</Typography.Paragraph>}
      form={form} busy={busy} error={error} onClose={onClose}>
      <Form form={form} layout="vertical" name="addRooms" onFinish={submit} initialValues={{ beds: 1, width: 0 }}>
        <Form.Item name="prefix" label={t('isolation.rooms.prefix')}><Input maxLength={20} /></Form.Item>
        <Space wrap>
          <Form.Item name="from" label={t('isolation.rooms.from')} rules={required}><InputNumber min={0} max={99999} /></Form.Item>
          <Form.Item name="to" label={t('isolation.rooms.to')} rules={required}><InputNumber min={0} max={99999} /></Form.Item>
          <Form.Item name="beds" label={t('isolation.rooms.beds')} rules={required}><InputNumber min={1} max={50} /></Form.Item>
          <Form.Item name="width" label={t('isolation.rooms.width')}><InputNumber min={0} max={6} /></Form.Item>
        </Space>
      </Form>
    </FormModal>
  );
}

function RoomGrid({ rooms }: { rooms: RoomView[] }) {
  const { t } = useI18n();
  if (rooms.length === 0) return <Empty description={t('isolation.rooms.empty')} />;
  return (
    <div className="iso-rooms" data-testid="room-grid">
      {rooms.map((r) => {
        const state = r.status === 'closed' ? 'closed' : r.occupied >= r.beds ? 'full' : r.occupied > 0 ? 'partial' : 'free';
        return (
          <div key={r.id} className={`iso-room iso-room-${state}`} data-testid={`room-${r.label}`} data-state={state}>
            <div className="iso-room-label">{r.label}</div>
            <div>{r.status === 'closed' ? t('isolation.rooms.closed') : t('isolation.rooms.beds.short', { occupied: r.occupied, beds: r.beds })}</div>
            <div className="iso-room-people">{r.occupants.map((o) => o.personName).join('、') || (state === 'free' ? t('isolation.rooms.free') : '')}</div>
          </div>
        );
      })}
    </div>
  );
}

/** A site: occupancy, rooms free and taken, its forecast, and the people placed there (of my regions, masked). */
export function SiteDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const site = useRequest(() => api.get<SiteDetail>(`/isolation/sites/${id}`), [id]);
  const people = useRequest(() => api.get<{ items: PlacementView[]; total: number }>('/isolation/placements', { siteId: id, status: 'active', pageSize: 200 }), [id]);
  const [dialog, setDialog] = useState<{ kind: 'place' | 'rooms' } | { kind: 'transfer' | 'release'; placement: PlacementView }>();
  const manage = can('isolation.manage');
  const reload = () => {
    setDialog(undefined);
    site.reload();
    people.reload();
  };
  const s = site.data;
  return (
    <>
      <PageHeader
        title={s?.name ?? ''}
        extra={manage && s && (
          <Space wrap>
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'rooms' })}>{t('isolation.site.addRooms')}</Button>
            <Button type="primary" icon={<UserAddOutlined />} disabled={s.status !== 'active'} onClick={() => setDialog({ kind: 'place' })}>
              {t('isolation.place.button')}
            </Button>
          </Space>
        )}
      >
        <Link to="/isolation"><ArrowLeftOutlined /> {t('isolation.site.back')}</Link>
      </PageHeader>
      <ErrorAlert error={site.error} onRetry={site.reload} />
      <Spin spinning={site.loading}>
        {s && (
          <>
            <div className="iso-meta">
              <Tag>{t(`isolation.kind.${s.kind}`)}</Tag>
              <span>{s.regionName}{s.address ? ` · ${s.address}` : ''}</span>
              {s.contact && <span>{s.contact}</span>}
            </div>
            <div style={{ maxWidth: 520 }}><OccupancyBar site={s} /></div>
            <RoomGrid rooms={s.roomList} />
            <ForecastTable rows={[{ key: s.id, name: s.name, capacity: s.capacity, forecast: s.forecast }]} />
          </>
        )}
      </Spin>
      <Typography.Title level={5}>{t('isolation.placements.title')}</Typography.Title>
      <ErrorAlert error={people.error} onRetry={people.reload} />
      <Table<PlacementView>
        data-testid="placements"
        rowKey="id"
        size="small"
        loading={people.loading}
        dataSource={(people.data?.items ?? []).filter((p) => p.siteId === id)}
        locale={{ emptyText: t('isolation.placements.empty') }}
        scroll={{ x: 'max-content' }}
        pagination={false}
        columns={[
          { title: t('isolation.placements.person'), dataIndex: 'personName' },
          { title: t('isolation.placements.phone'), dataIndex: 'phone' },
          { title: t('isolation.placements.region'), dataIndex: 'regionName' },
          { title: t('isolation.placements.room'), dataIndex: 'roomLabel' },
          { title: t('isolation.placements.placedAt'), dataIndex: 'placedAt', render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }) },
          { title: t('isolation.placements.expected'), dataIndex: 'expectedReleaseOn' },
          ...(manage ? [{
            title: t('common.actions'), key: 'actions',
            render: (_: unknown, p: PlacementView) => (
              <Space>
                <Button size="small" onClick={() => setDialog({ kind: 'transfer', placement: p })}>{t('isolation.transfer.button')}</Button>
                <Button size="small" danger onClick={() => setDialog({ kind: 'release', placement: p })}>{t('isolation.release.button')}</Button>
              </Space>
            ),
          }] : []),
        ]}
      />
      {s && dialog?.kind === 'place' && <PlaceModal site={s} onClose={() => setDialog(undefined)} onDone={reload} />}
      {s && dialog?.kind === 'rooms' && <RoomsModal site={s} onClose={() => setDialog(undefined)} onDone={reload} />}
      {dialog?.kind === 'transfer' && (
        <TransferModal placement={dialog.placement} onClose={() => setDialog(undefined)}
          onDone={() => { message.success(t('isolation.transfer.done')); reload(); }} />
      )}
      {dialog?.kind === 'release' && (
        <ReleaseModal placement={dialog.placement} onClose={() => setDialog(undefined)}
          onDone={() => { message.success(t('isolation.release.done')); reload(); }} />
      )}
    </>
  );
}
