import { useState } from 'react';
import { Button, Checkbox, Drawer, Input, Radio, Segmented, Space, Typography } from 'antd';
import { monotonicFactory } from 'ulidx';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { useFormSubmit } from '../../../components/useFormSubmit.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { OUTCOMES, SHIFTS, defaultShift } from '../labels.js';
import type { TodayList, VisitOutcomeCode, VisitShift } from '../types.js';
import { sendVisit } from './visitQueue.js';

const ulid = monotonicFactory();
type Household = TodayList['visits'][number];

/** 登记走访: day or night, who was at home, the outcome (big buttons), a note. Full screen on a phone. */
export function VisitSheet({ household, onClose, onRecorded }: {
  household: Household;
  onClose(): void;
  onRecorded(outcome: VisitOutcomeCode, queued: boolean): void;
}) {
  const { t } = useI18n();
  // One id for this visit however often it is sent.
  const [id] = useState(() => ulid());
  const [shift, setShift] = useState<VisitShift>(defaultShift());
  const [present, setPresent] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<VisitOutcomeCode>();
  const [note, setNote] = useState('');
  const { submit, busy, error } = useFormSubmit(async () => {
    if (!outcome) return;
    const sent = await sendVisit({ id, roundId: household.roundId, householdId: household.householdId, shift,
      present: outcome === 'absent' ? [] : present, outcome, note: note.trim() || null });
    onRecorded(outcome, sent === 'queued');
  });
  return (
    <Drawer open placement="bottom" size="90%" title={household.address} onClose={onClose} className="field-sheet"
      footer={(
        <Button type="primary" size="large" block loading={busy} disabled={!outcome} onClick={() => void submit(undefined)}
          data-testid="visit-submit">{t('field.today.save')}</Button>
      )}>
      <ErrorAlert error={error} />
      <Space direction="vertical" size="large" className="field-sheet-body">
        <Segmented<VisitShift> block size="large" value={shift} onChange={setShift} aria-label={t('field.completion.shift')}
          options={SHIFTS.map((s) => ({ value: s, label: t(`field.shift.${s}`) }))} />
        {household.members.length > 0 && (
          <div>
            <Typography.Text strong>{t('field.today.present')}</Typography.Text>
            <Checkbox.Group className="field-present" value={present} onChange={(v) => setPresent(v as string[])}
              options={household.members.map((m) => ({ value: m.id, label: m.name }))} />
          </div>
        )}
        <Radio.Group className="field-outcomes" value={outcome} onChange={(e) => setOutcome(e.target.value as VisitOutcomeCode)}
          optionType="button" buttonStyle="solid" size="large" aria-label={t('field.completion.outcome')}>
          {OUTCOMES.map((o) => <Radio.Button key={o} value={o}>{t(`field.outcome.${o}`)}</Radio.Button>)}
        </Radio.Group>
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} rows={2} placeholder={t('field.today.note')} />
      </Space>
    </Drawer>
  );
}
