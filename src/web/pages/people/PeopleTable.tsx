import { Button, Table, type TablePaginationConfig } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { PeoplePage, PersonView } from '../../api/types.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { genderText, Masked } from './columns.js';
import { PersonTags } from './PersonTags.js';

interface Props {
  data: PeoplePage | undefined;
  loading: boolean;
  pagination: TablePaginationConfig;
  onUnmask?(person: PersonView): void;
}

export function PeopleTable({ data, loading, pagination, onUnmask }: Props) {
  const { t, locale } = useI18n();
  const en = locale === 'en';
  return (
    <Table<PersonView>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={data?.items}
      pagination={pagination}
      scroll={{ x: 1100 }}
      locale={{ emptyText: t('people.empty') }}
      data-testid="people-table"
      columns={[
        { title: t('people.name'), dataIndex: 'name', width: 88, fixed: 'left' },
        { title: t('people.docNumber'), dataIndex: 'docNumber', width: 175, render: (v: string) => <Masked>{v}</Masked> },
        { title: t('people.gender'), dataIndex: 'gender', width: en ? 72 : 56, render: (v: PersonView['gender']) => genderText(v, t) },
        { title: t('people.age'), dataIndex: 'age', width: 56, render: (v: number | null) => v ?? '—' },
        { title: t('people.phone'), dataIndex: 'phone', width: 125, render: (v: string | null) => <Masked>{v}</Masked> },
        { title: t('people.grid'), dataIndex: 'regionName', width: 200, ellipsis: { showTitle: true } },
        { title: t('people.address'), dataIndex: 'address', width: 160, ellipsis: { showTitle: true }, render: (v: string | null) => v ?? '—' },
        { title: t('people.tags'), dataIndex: 'tags', width: 150, render: (v: PersonView['tags']) => <PersonTags tags={v} /> },
        ...(onUnmask
          ? [{
            title: t('common.actions'),
            key: 'actions',
            width: en ? 150 : 110,
            fixed: 'right' as const,
            render: (_: unknown, p: PersonView) => (
              <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => onUnmask(p)}>{t('people.unmask')}</Button>
            ),
          }]
          : []),
      ]}
    />
  );
}
