import { Button, Card, Empty, Pagination, Spin, type PaginationProps } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { PeoplePage, PersonView } from '../../api/types.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { genderText, Masked } from './columns.js';
import { PersonTags } from './PersonTags.js';

interface Props {
  data: PeoplePage | undefined;
  loading: boolean;
  pagination: PaginationProps;
  onUnmask?(person: PersonView): void;
}

/** The ledger on a phone: one card per person, the action within thumb's reach. */
export function PeopleCards({ data, loading, pagination, onUnmask }: Props) {
  const { t } = useI18n();
  const items = data?.items ?? [];
  return (
    <Spin spinning={loading}>
      {items.length === 0 && !loading && <Empty description={t('people.empty')} />}
      <div className="person-cards" data-testid="people-cards">
        {items.map((p) => (
          <Card key={p.id} size="small" className="person-card">
            <div className="person-card-head">
              <span className="person-card-name">{p.name}</span>
              <span className="muted">
                {genderText(p.gender, t)}
                {p.age !== null && ` · ${t('people.ageYears', { age: p.age })}`}
              </span>
              {onUnmask && (
                <Button size="middle" icon={<EyeOutlined />} onClick={() => onUnmask(p)} className="person-card-action">
                  {t('people.unmask')}
                </Button>
              )}
            </div>
            <dl className="person-card-fields">
              <dt>{t('people.docNumber')}</dt>
              <dd><Masked>{p.docNumber}</Masked></dd>
              <dt>{t('people.phone')}</dt>
              <dd><Masked>{p.phone}</Masked></dd>
              <dt>{t('people.grid')}</dt>
              <dd>{p.regionName}</dd>
              {p.address && (
                <>
                  <dt>{t('people.address')}</dt>
                  <dd>{p.address}</dd>
                </>
              )}
            </dl>
            {p.tags.length > 0 && <PersonTags tags={p.tags} />}
          </Card>
        ))}
      </div>
      {items.length > 0 && <Pagination {...pagination} simple className="cards-pagination" />}
    </Spin>
  );
}
