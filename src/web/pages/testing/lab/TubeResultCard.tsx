import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Select, Table, Tag, Typography } from 'antd';
import { EditOutlined, SearchOutlined } from '@ant-design/icons';
import { TEST_RESULTS, TEST_RESULT_LABELS, TUBE_STATUS_LABELS, type TestResult, type TubeStatus } from '../../../../shared/testing.js';
import { api } from '../../../api/client.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { applyFieldErrors } from '../../../components/fieldErrors.js';
import { FormModal } from '../../../components/FormModal.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { TubeResults } from '../types.js';

export const RESULT_COLORS: Record<TestResult, string> = { negative: 'green', positive: 'red', invalid: 'orange' };

export function ResultTag({ result }: { result: TestResult | null }) {
  const { t, pick } = useI18n();
  if (!result) return <Tag>{t('testing.result.pending')}</Tag>;
  return <Tag color={RESULT_COLORS[result]} variant={result === 'positive' ? 'solid' : undefined}>{pick(TEST_RESULT_LABELS[result])}</Tag>;
}

interface CorrectionValues {
  result: TestResult;
  ctN?: number | null;
  ctOrf?: number | null;
  reason: string;
}

/** 更正结果: a new result for the tube with the reason; the old one is kept as superseded, and the change is audited. */
function CorrectionModal({ tube, onClose, onDone }: { tube: TubeResults; onClose(): void; onDone(t: TubeResults): void }) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CorrectionValues>();
  const labels = { result: t('testing.lab.result'), reason: t('testing.lab.correctionReason'), ctN: 'Ct N', ctOrf: 'Ct ORF1ab' };
  const { submit, busy, error } = useFormSubmit(async (v: CorrectionValues) => {
    const next = await api.post<TubeResults>('/testing/results/corrections', {
      barcode: tube.barcode, result: v.result, ctN: v.ctN ?? null, ctOrf: v.ctOrf ?? null, reason: v.reason.trim(),
    });
    message.success(t('testing.lab.corrected', { barcode: tube.barcode }));
    onDone(next);
  }, (err) => applyFieldErrors(form, err, locale, labels));

  return (
    <FormModal
      title={t('testing.lab.correctTitle', { barcode: tube.barcode })}
      okText={t('testing.lab.correct')}
      intro={<Typography.Paragraph type="secondary">{t('testing.lab.correctionIntro')}</Typography.Paragraph>}
      form={form}
      busy={busy}
      error={error}
      onClose={onClose}
    >
      <Form<CorrectionValues> form={form} layout="vertical" name="correction" onFinish={submit} initialValues={{ result: tube.result ?? undefined }}>
        <Form.Item name="result" label={labels.result} rules={[{ required: true, message: t('form.required') }]}>
          <Select options={TEST_RESULTS.map((r) => ({ value: r, label: pick(TEST_RESULT_LABELS[r]) }))} />
        </Form.Item>
        <div className="testing-pool-grid">
          <Form.Item name="ctN" label={labels.ctN}><InputNumber min={0.01} max={50} step={0.1} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="ctOrf" label={labels.ctOrf}><InputNumber min={0.01} max={50} step={0.1} style={{ width: '100%' }} /></Form.Item>
        </div>
        <Form.Item name="reason" label={labels.reason} rules={[{ required: true, whitespace: true, min: 2, message: t('testing.lab.reasonRule') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('testing.lab.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

/** 结果查询与更正: a tube's result in force and every result reported for it. */
export function TubeResultCard() {
  const { t, pick, locale } = useI18n();
  const [tube, setTube] = useState<TubeResults>();
  const [correcting, setCorrecting] = useState(false);
  const { submit: lookUp, busy, error } = useFormSubmit(async (barcode: string) => {
    setTube(undefined);
    if (!barcode.trim()) return;
    setTube(await api.get<TubeResults>('/testing/results', { barcode: barcode.trim() }));
  });

  return (
    <Card title={<><SearchOutlined /> {t('testing.lab.lookupTitle')}</>} className="testing-panel" data-testid="tube-results">
      <Input.Search
        placeholder={t('testing.lab.lookupPlaceholder')}
        enterButton={t('common.search')}
        loading={busy}
        allowClear
        maxLength={64}
        onSearch={(v) => void lookUp(v)}
        aria-label={t('testing.lab.tubeBarcode')}
      />
      <div className="testing-gap" />
      <ErrorAlert error={error} />
      {tube && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
            <Descriptions.Item label={t('testing.lab.tubeBarcode')}><span className="masked">{tube.barcode}</span></Descriptions.Item>
            <Descriptions.Item label={t('testing.lab.tubeStatus')}>
              {tube.status in TUBE_STATUS_LABELS ? pick(TUBE_STATUS_LABELS[tube.status as TubeStatus]) : tube.status}
            </Descriptions.Item>
            <Descriptions.Item label={t('testing.lab.result')}><ResultTag result={tube.result} /></Descriptions.Item>
            <Descriptions.Item label={t('testing.lab.resultAt')}>{formatDateTime(tube.resultAt, locale)}</Descriptions.Item>
          </Descriptions>
          {tube.history.length > 0 && (
            <Table
              size="small"
              rowKey="id"
              className="testing-gap-top"
              dataSource={tube.history}
              pagination={false}
              scroll={{ x: 640 }}
              columns={[
                { title: t('testing.lab.result'), dataIndex: 'result', width: 90, render: (r: TestResult) => <ResultTag result={r} /> },
                { title: 'Ct N / ORF1ab', key: 'ct', width: 120, render: (_: unknown, h: TubeResults['history'][number]) => `${h.ctN ?? '—'} / ${h.ctOrf ?? '—'}` },
                { title: t('testing.lab.reportedAt'), dataIndex: 'reportedAt', width: 150, render: (v: string) => formatDateTime(v, locale) },
                { title: t('testing.lab.source'), dataIndex: 'source', width: 90, render: (s: 'upload' | 'api' | 'correction') => t(`testing.lab.source.${s}`) },
                {
                  title: t('testing.lab.note'),
                  key: 'note',
                  render: (_: unknown, h: TubeResults['history'][number]) => (
                    <>
                      {h.supersededAt && <Tag>{t('testing.lab.superseded')}</Tag>}
                      {h.correctionReason}
                    </>
                  ),
                },
              ]}
            />
          )}
          {tube.result && (
            <Button icon={<EditOutlined />} className="testing-gap-top" onClick={() => setCorrecting(true)}>{t('testing.lab.correct')}</Button>
          )}
        </>
      )}
      {correcting && tube && (
        <CorrectionModal
          tube={tube}
          onClose={() => setCorrecting(false)}
          onDone={(next) => {
            setCorrecting(false);
            setTube(next);
          }}
        />
      )}
    </Card>
  );
}
