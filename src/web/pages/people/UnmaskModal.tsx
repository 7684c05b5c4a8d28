import { useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Modal, Space, Tag } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { api } from '../../api/client.js';
import type { PersonView, Unmasked } from '../../api/types.js';
import type { UiKey } from '../../../shared/i18n/index.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useIsMobile } from '../../components/media.js';
import { useFormSubmit } from '../../components/useFormSubmit.js';
import { useI18n } from '../../i18n/I18nProvider.js';

type Field = 'docNumber' | 'phone' | 'name';

interface Values {
  fields: Field[];
  reason: string;
}

/** Reasons cadres give most often; one tap fills the box, which can still be edited. */
const REASONS: UiKey[] = ['unmask.reason.testing', 'unmask.reason.tracing', 'unmask.reason.supplies', 'unmask.reason.visit',
  'unmask.reason.care'];

const FIELD_LABELS: Record<Field, UiKey> = { docNumber: 'people.docNumber', phone: 'people.phone', name: 'people.name' };

/** A clear value, large; a phone number can be called with one tap. */
function ClearValue({ field, value }: { field: Field; value: string | null | undefined }) {
  const { t } = useI18n();
  if (!value) return <span className="muted">{t('people.noPhone')}</span>;
  if (field === 'phone') return <a className="clear-value" href={`tel:${value}`}><PhoneOutlined /> {value}</a>;
  return <span className="clear-value">{value}</span>;
}

/** 查看明文: shows identifiers in clear after the user says which and why; the server audits it. */
export function UnmaskModal({ person, onClose }: { person: PersonView; onClose(): void }) {
  const { t } = useI18n();
  const mobile = useIsMobile();
  const [form] = Form.useForm<Values>();
  const [shown, setShown] = useState<Unmasked>();

  const options: Field[] = ['docNumber', 'phone', ...(person.name.includes('*') ? ['name' as const] : [])];

  const { submit, busy, error } = useFormSubmit(async (v: Values) => {
    setShown(await api.post<Unmasked>(`/people/${person.id}/unmask`, { fields: v.fields, reason: v.reason.trim() }));
  });

  return (
    <Modal
      open
      title={t('unmask.title', { name: person.name })}
      onCancel={onClose}
      footer={shown
        ? <Button type="primary" onClick={onClose}>{t('common.close')}</Button>
        : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => form.submit()}>{t('unmask.confirm')}</Button>
          </Space>
        )}
    >
      {shown ? (
        <div data-testid="unmask-result">
          <Descriptions column={1} bordered size="middle" layout={mobile ? 'vertical' : 'horizontal'}>
            {(Object.keys(shown) as Field[]).map((f) => (
              <Descriptions.Item key={f} label={t(FIELD_LABELS[f])}>
                <ClearValue field={f} value={shown[f]} />
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Alert type="info" showIcon title={t('unmask.audited')} style={{ marginTop: 16 }} />
        </div>
      ) : (
        <>
          <Alert type="warning" showIcon title={t('unmask.warning')} style={{ marginBottom: 16 }} />
          <ErrorAlert error={error} />
          <Form<Values>
            form={form}
            name="unmask"
            layout="vertical"
            onFinish={submit}
            initialValues={{ fields: [person.phone ? 'phone' : 'docNumber'], reason: '' }}
          >
            <Form.Item name="fields" label={t('unmask.fields')} rules={[{ required: true, message: t('unmask.fieldsRequired') }]}>
              <Checkbox.Group
                options={options.map((f) => ({ value: f, label: t(FIELD_LABELS[f]), disabled: f === 'phone' && !person.phone }))}
              />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('unmask.reason')}
              rules={[{ required: true, whitespace: true, min: 2, message: t('unmask.reasonRequired') }]}
            >
              <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('unmask.reasonPlaceholder')} />
            </Form.Item>
            <div className="reason-presets">
              {REASONS.map((key) => (
                <Tag.CheckableTag key={key} checked={false} onChange={() => form.setFieldsValue({ reason: t(key) })}>
                  {t(key)}
                </Tag.CheckableTag>
              ))}
            </div>
          </Form>
        </>
      )}
    </Modal>
  );
}
