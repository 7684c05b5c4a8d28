import { useRef, useState, type ComponentRef } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, type InputRef } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api } from '../../../api/client.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { BagDetail } from '../types.js';

interface Values {
  barcode: string;
  count: number | null;
}

/** 样本签收: scan the bag's barcode, count its tubes, sign for it; the count must match what was packed. */
export function ReceiveBagCard({ onReceived }: { onReceived(bag: BagDetail): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const barcodeRef = useRef<InputRef>(null);
  const countRef = useRef<ComponentRef<typeof InputNumber>>(null);
  const [last, setLast] = useState<BagDetail>();

  const { submit, busy, error } = useFormSubmit(async (v: Values) => {
    setLast(undefined);
    const bag = await api.post<BagDetail>('/testing/bags/receive', { barcode: v.barcode.trim(), count: v.count ?? 0 });
    setLast(bag);
    form.resetFields();
    barcodeRef.current?.focus();
    onReceived(bag);
  });

  return (
    <Card title={<><InboxOutlined /> {t('testing.lab.receiveTitle')}</>} className="testing-panel" data-testid="receive-bag">
      <ErrorAlert error={error} />
      {last && (
        <Alert
          type="success"
          showIcon
          className="testing-alert"
          title={t('testing.lab.received', { barcode: last.barcode, count: last.receivedTubes ?? last.tubeCount, site: last.siteName })}
        />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} name="receiveBag" className="testing-inline-form">
        <Form.Item name="barcode" label={t('testing.lab.bagBarcode')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input
            ref={barcodeRef}
            autoComplete="off"
            maxLength={64}
            placeholder={t('testing.lab.scanHint')}
            onPressEnter={(e) => {
              // A scanner ends with Enter: go on to the count rather than sending without one.
              e.preventDefault();
              countRef.current?.focus();
            }}
          />
        </Form.Item>
        <Form.Item name="count" label={t('testing.lab.tubeCount')} rules={[{ required: true, message: t('form.required') }]}>
          <InputNumber ref={countRef} min={0} max={1000} precision={0} inputMode="numeric" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label=" " className="testing-inline-submit">
          <Button type="primary" htmlType="submit" loading={busy}>{t('testing.lab.receive')}</Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
