import { useEffect, useState } from 'react';
import { Button, Card, Empty, Form, Input, Tag, Typography } from 'antd';
import { IdcardOutlined, PhoneOutlined, PrinterOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import type { ResidentResult, ResidentResults } from '../../../shared/contracts/testing/residents.js';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { formatDateTime } from '../../i18n/format.js';
import './resident.css';

/** The public lookup (no session): ID number and the last four digits of the phone on record. */
export const RESIDENT_LOOKUP_PATH = '/testing/residents/lookup';

interface Values {
  idNumber: string;
  phoneLast4: string;
}

const RESULT_COLORS: Record<ResidentResult, string> = {
  pending: 'blue', negative: 'green', pool_positive: 'volcano', positive: 'red', invalid: 'orange',
};

/**
 * 核酸检测结果查询: a resident sees their own latest results and their 采集码 as a QR code to show or
 * print at the sampling site. Nothing else about anyone: the server answers only the matching person.
 */
export function ResidentPage() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [found, setFound] = useState<ResidentResults>();

  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      setFound(await api.post<ResidentResults>(RESIDENT_LOOKUP_PATH, {
        idNumber: v.idNumber.trim().toUpperCase(), phoneLast4: v.phoneLast4.trim(),
      }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    setFound(undefined);
    form.resetFields();
  };

  return (
    <div className="resident-page">
      <div className="resident-lang"><LanguageSwitch onDark /></div>
      <Card className="resident-card" variant="borderless">
        <div className="resident-brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>{t('resident.title')}</Typography.Title>
            <Typography.Text type="secondary">{t('app.name')} · {t('app.subtitle')}</Typography.Text>
          </div>
        </div>
        {found ? <Found data={found} onAgain={again} /> : (
          <>
            <Typography.Paragraph type="secondary">{t('resident.subtitle')}</Typography.Paragraph>
            <ErrorAlert error={error} />
            <Form<Values> form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false}>
              <Form.Item
                name="idNumber"
                label={t('resident.idNumber')}
                rules={[{ required: true, whitespace: true, message: t('form.required') },
                  { pattern: /^(\d{17}[\dXx]|\d{15})$/, message: t('resident.idNumber') }]}
              >
                <Input prefix={<IdcardOutlined />} maxLength={18} autoComplete="off" autoCapitalize="characters" spellCheck={false} autoFocus />
              </Form.Item>
              <Form.Item
                name="phoneLast4"
                label={t('resident.phoneLast4')}
                rules={[{ required: true, pattern: /^\d{4}$/, message: t('resident.phoneLast4Rule') }]}
              >
                <Input prefix={<PhoneOutlined />} maxLength={4} inputMode="numeric" autoComplete="off" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy}>{t('resident.submit')}</Button>
            </Form>
            <Typography.Paragraph type="secondary" className="resident-privacy">{t('resident.privacy')}</Typography.Paragraph>
          </>
        )}
      </Card>
    </div>
  );
}

function Found({ data, onAgain }: { data: ResidentResults; onAgain(): void }) {
  const { t, locale } = useI18n();
  return (
    <div className="resident-found">
      <section className="resident-code" data-testid="collection-code">
        <Typography.Title level={4}>{t('resident.code')}</Typography.Title>
        <CodeImage text={data.collectionCode} />
        <div className="resident-code-text masked">{data.collectionCode}</div>
        <Typography.Paragraph type="secondary" className="resident-code-help">{t('resident.codeHelp')}</Typography.Paragraph>
      </section>
      <section>
        <Typography.Title level={4}>{t('resident.results')}</Typography.Title>
        {data.results.length === 0 ? <Empty description={t('resident.noResults')} /> : (
          <ul className="resident-results" data-testid="resident-results">
            {data.results.map((r) => (
              <li key={`${r.sampledAt}|${r.siteName}`} className="resident-result">
                <Tag color={RESULT_COLORS[r.result]} className="resident-result-tag">{r.resultLabel}</Tag>
                <div>
                  <div>{t('resident.sampledAt')}：{formatDateTime(r.sampledAt, locale)}</div>
                  <div className="muted">{r.siteName}</div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="resident-actions no-print">
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('resident.print')}</Button>
        <Button onClick={onAgain}>{t('resident.again')}</Button>
      </div>
    </div>
  );
}

/** The 采集码 as a QR code, drawn here (no third party sees it); the text stays below for reading aloud. */
function CodeImage({ text }: { text: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 240 }).then((url) => live && setSrc(url), () => undefined);
    return () => {
      live = false;
    };
  }, [text]);
  return src ? <img src={src} alt={text} width={240} height={240} className="resident-qr" /> : <div className="resident-qr" />;
}
