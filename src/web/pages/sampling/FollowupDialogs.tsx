import { useEffect, useRef } from 'react';
import { Alert, Form, Input, Modal, Tag, type InputRef } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { ScanBody } from './queue.js';
import type { Followup } from './useSampler.js';

interface Props {
  followup: Followup | undefined;
  tube: { count: number; capacity: number } | undefined;
  onClose(): void;
  onSeal(reason: string | undefined): void;
  onResend(f: Exclude<Followup, { kind: 'sealConfirm' }>, answer: { repeatReason?: string; unregistered?: ScanBody['subject'] }): void;
  afterClose(): void;
}

/** The three questions the page may ask: seal an under-filled tube, why sample again, who is this. */
export function FollowupDialogs({ followup, tube, onClose, onSeal, onResend, afterClose }: Props) {
  return (
    <>
      <SealConfirm open={followup?.kind === 'sealConfirm'} tube={tube} onClose={onClose} onSeal={onSeal} afterClose={afterClose} />
      <RepeatReason followup={followup?.kind === 'repeat' ? followup : undefined} onClose={onClose} onResend={onResend} afterClose={afterClose} />
      <UnregisteredForm followup={followup?.kind === 'unregistered' ? followup : undefined} onClose={onClose} onResend={onResend} afterClose={afterClose} />
    </>
  );
}

/** The dialog's first field takes the focus once the dialog is open (the scanner's Enter answers it). */
function useAutoFocus(open: boolean) {
  const ref = useRef<InputRef>(null);
  useEffect(() => {
    if (open) setTimeout(() => ref.current?.focus(), 50);
  }, [open]);
  const afterOpenChange = (isOpen: boolean) => {
    if (isOpen) ref.current?.focus();
  };
  return [ref, afterOpenChange] as const;
}

function SealConfirm({ open, tube, onClose, onSeal, afterClose }: { open: boolean; tube: Props['tube']; onClose(): void; onSeal(reason?: string): void; afterClose(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason?: string }>();
  const [ref, afterOpenChange] = useAutoFocus(open);
  const submit = () => {
    onSeal(form.getFieldValue('reason')?.trim() || undefined);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('sampling.sealConfirmTitle')}
      okText={t('sampling.seal')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      afterOpenChange={afterOpenChange}
      afterClose={() => {
        form.resetFields();
        afterClose();
      }}
      destroyOnHidden
    >
      <p>{tube ? t('sampling.sealConfirm', tube) : null}</p>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('sampling.sealReason')}>
          <Input ref={ref} maxLength={200} placeholder={t('sampling.sealReasonPlaceholder')} onPressEnter={submit} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RepeatReason({ followup, onClose, onResend, afterClose }: {
  followup: Extract<Followup, { kind: 'repeat' }> | undefined; onClose(): void; afterClose(): void; onResend: Props['onResend'];
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [ref, afterOpenChange] = useAutoFocus(Boolean(followup));
  const presets = t('sampling.repeatPresets').split('|');
  const submit = async () => {
    const { reason } = await form.validateFields();
    if (!followup) return;
    onResend(followup, { repeatReason: reason.trim() });
    onClose();
  };
  return (
    <Modal
      open={Boolean(followup)}
      title={t('sampling.repeatTitle')}
      okText={t('sampling.repeatSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      afterOpenChange={afterOpenChange}
      afterClose={() => {
        form.resetFields();
        afterClose();
      }}
      destroyOnHidden
    >
      {followup && <Alert type="warning" showIcon title={followup.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item name="reason" label={t('sampling.repeatReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('form.required') }]}>
          <Input ref={ref} maxLength={200} onPressEnter={() => void submit()} />
        </Form.Item>
        <div className="reason-presets">
          {presets.map((p) => <Tag key={p} onClick={() => form.setFieldValue('reason', p)}>{p}</Tag>)}
        </div>
      </Form>
    </Modal>
  );
}

interface UnregisteredValues {
  name: string;
  idNumber?: string;
  phone?: string;
  address?: string;
}

function UnregisteredForm({ followup, onClose, onResend, afterClose }: {
  followup: Extract<Followup, { kind: 'unregistered' }> | undefined; onClose(): void; afterClose(): void; onResend: Props['onResend'];
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<UnregisteredValues>();
  const [ref, afterOpenChange] = useAutoFocus(Boolean(followup));
  const typed = followup && 'idNumber' in followup.body.subject ? followup.body.subject.idNumber : undefined;
  useEffect(() => {
    if (followup) form.setFieldsValue({ idNumber: typed });
  }, [followup, typed, form]);
  const submit = async () => {
    const v = await form.validateFields();
    if (!followup) return;
    const clean = (s?: string) => s?.trim() || undefined;
    onResend(followup, { unregistered: { unregistered: {
      name: v.name.trim(), idNumber: clean(v.idNumber), phone: clean(v.phone), address: clean(v.address),
    } } });
    onClose();
  };
  return (
    <Modal
      open={Boolean(followup)}
      title={t('sampling.unregisteredTitle')}
      okText={t('sampling.unregisteredSubmit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      afterOpenChange={afterOpenChange}
      afterClose={() => {
        form.resetFields();
        afterClose();
      }}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('sampling.unregisteredHelp')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item name="name" label={t('sampling.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input ref={ref} maxLength={30} autoComplete="off" onPressEnter={() => void submit()} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('sampling.idNumber')}>
          <Input maxLength={40} autoComplete="off" onPressEnter={() => void submit()} />
        </Form.Item>
        <Form.Item name="phone" label={t('sampling.phone')}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" onPressEnter={() => void submit()} />
        </Form.Item>
        <Form.Item name="address" label={t('sampling.address')}>
          <Input maxLength={200} autoComplete="off" onPressEnter={() => void submit()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
