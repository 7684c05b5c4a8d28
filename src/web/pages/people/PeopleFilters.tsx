import { useEffect, useState } from 'react';
import { Badge, Button, Card, Col, Form, Input, Row, Select, Space, type FormInstance } from 'antd';
import { FilterOutlined, SearchOutlined, UndoOutlined } from '@ant-design/icons';
import { PERSON_TAGS, TAG_LABELS } from '../../../shared/people.js';
import { validateIdNumber, validateMobile } from '../../../shared/validators/index.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect.js';
import { checkRule, failureText } from '../../components/fieldErrors.js';
import { useIsMobile } from '../../components/media.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { activeFilterCount, type PeopleFilter } from './filters.js';

interface Props {
  value: PeopleFilter;
  onSearch(filter: PeopleFilter): void;
  /** Set by the page to show a server's field error (e.g. a phone it refused) on the field. */
  form: FormInstance<PeopleFilter>;
}

export function PeopleFilters({ value, onSearch, form }: Props) {
  const { t, pick, locale } = useI18n();
  const mobile = useIsMobile();
  const [open, setOpen] = useState(activeFilterCount(value) > 0);

  useEffect(() => form.setFieldsValue(value), [form, value]);

  const idRule = {
    validator: (_: unknown, raw?: string) => {
      const v = raw?.trim() ?? '';
      if (v === '' || !/^\d/.test(v)) return Promise.resolve();
      // Digits: a resident ID, searched by exact match, so it must be whole and valid.
      if (!/^\d{17}[\dXx]$/.test(v)) return Promise.reject(new Error(t('people.idWhole')));
      const check = validateIdNumber(v);
      return check.ok ? Promise.resolve() : Promise.reject(new Error(failureText(check, locale, t('people.idNumber'))));
    },
  };

  const count = activeFilterCount(value);
  return (
    <Card
      size="small"
      className="filter-card"
      styles={{ body: open || !mobile ? undefined : { display: 'none' } }}
      title={mobile ? (
        <Button type="text" icon={<FilterOutlined />} onClick={() => setOpen(!open)} className="filter-toggle" aria-expanded={open}>
          <Badge count={count} size="small" offset={[8, 0]}>{t('common.filters')}</Badge>
        </Button>
      ) : (
        <span><FilterOutlined /> {t('common.filters')}</span>
      )}
    >
      <Form<PeopleFilter> form={form} name="peopleFilter" layout="vertical" onFinish={(v) => onSearch(v)} className="filter-form">
        <Row gutter={16}>
          <Col xs={24} sm={12} xl={6}>
            <Form.Item name="name" label={t('people.name')}>
              <Input allowClear placeholder={t('people.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Form.Item name="idNumber" label={t('people.idNumber')} rules={[idRule]}>
              <Input allowClear inputMode="text" autoCapitalize="characters" placeholder={t('people.idPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Form.Item name="phone" label={t('people.phone')} rules={[checkRule(validateMobile, t('people.phone'), locale, true)]}>
              <Input allowClear inputMode="tel" placeholder={t('people.phonePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Form.Item name="region" label={t('people.region')}>
              <RegionTreeSelect allowClear placeholder={t('people.regionPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} xl={6}>
            <Form.Item name="tag" label={t('people.tag')}>
              <Select
                allowClear
                placeholder={t('people.tagPlaceholder')}
                options={PERSON_TAGS.map((tag) => ({ value: tag, label: pick(TAG_LABELS[tag]) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} xl={18} className="filter-buttons">
            <Space wrap>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('common.search')}</Button>
              <Button
                icon={<UndoOutlined />}
                onClick={() => {
                  form.resetFields();
                  onSearch({});
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
