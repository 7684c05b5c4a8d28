import { useState } from 'react';
import { Button, Form } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.js';
import type { PeoplePage as Page, PersonView } from '../../api/types.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { applyFieldErrors } from '../../components/fieldErrors.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useIsMobile } from '../../components/media.js';
import { useRequest } from '../../components/useRequest.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ExportButton } from './ExportButton.js';
import { filterQuery, type PeopleFilter } from './filters.js';
import { NewPersonDrawer } from './NewPersonDrawer.js';
import { PeopleCards } from './PeopleCards.js';
import { PeopleFilters } from './PeopleFilters.js';
import { PeopleTable } from './PeopleTable.js';
import { UnmaskModal } from './UnmaskModal.js';

/** 人员台账: the residents of the user's scope, masked, searchable, with capture, import and export. */
export function PeoplePage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [filterForm] = Form.useForm<PeopleFilter>();
  const [filter, setFilter] = useState<PeopleFilter>(() => {
    const region = params.get('region');
    return region ? { region: { value: region, label: params.get('regionName') ?? region } } : {};
  });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [unmasking, setUnmasking] = useState<PersonView>();
  const [adding, setAdding] = useState(false);

  const people = useRequest(async () => {
    try {
      return await api.get<Page>('/people', { ...filterQuery(filter), page, pageSize });
    } catch (err) {
      applyFieldErrors(filterForm, err, locale, { phone: t('people.phone'), idNumber: t('people.idNumber') });
      throw err;
    }
  }, [filter, page, pageSize]);

  const search = (next: PeopleFilter) => {
    setFilter(next);
    setPage(1);
  };
  const pagination = {
    current: page,
    pageSize,
    total: people.data?.total ?? 0,
    showSizeChanger: !mobile,
    showTotal: (total: number) => t('common.total', { total }),
    onChange: (p: number, size: number) => {
      setPage(size === pageSize ? p : 1);
      setPageSize(size);
    },
  };
  const onUnmask = can('people.unmask') ? setUnmasking : undefined;
  const canCapture = can('people.capture');

  return (
    <>
      <PageHeader
        title={t('nav.people')}
        extra={(
          <>
            {canCapture && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('people.new')}</Button>}
            {canCapture && <Button icon={<ImportOutlined />} onClick={() => navigate('/people/import')}>{t('people.import')}</Button>}
            {can('people.export') && <ExportButton region={filter.region} />}
          </>
        )}
      />
      <PeopleFilters value={filter} onSearch={search} form={filterForm} />
      <ErrorAlert error={people.error} onRetry={people.reload} />
      {mobile
        ? <PeopleCards data={people.data} loading={people.loading} pagination={pagination} onUnmask={onUnmask} />
        : <PeopleTable data={people.data} loading={people.loading} pagination={pagination} onUnmask={onUnmask} />}
      {unmasking && <UnmaskModal person={unmasking} onClose={() => setUnmasking(undefined)} />}
      {adding && (
        <NewPersonDrawer
          onClose={() => setAdding(false)}
          onCreated={() => {
            setAdding(false);
            people.reload();
          }}
        />
      )}
    </>
  );
}
