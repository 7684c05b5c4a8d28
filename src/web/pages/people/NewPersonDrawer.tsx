import { App, Checkbox, Form, Input, Select, Typography } from 'antd';
import type { FormRule } from 'antd';
import { DOC_TYPES, DOC_TYPE_LABELS, ID_SHAPED_DOC_TYPES, RECORDED_TAGS, TAG_LABELS, type DocType, type RecordedTag } from '../../../shared/people.js';
import { validateIdNumber, validateMobile, validatePersonName } from '../../../shared/validators/index.js';
import { ApiError, api } from '../../api/client.js';
import type { NewPersonInput, PersonView } from '../../api/types.js';
import { applyFieldErrors, checkRule } from '../../components/fieldErrors.js';
import { FormDrawer } from '../../components/FormDrawer.js';
import { RegionTreeSelect, type RegionOption } from '../../components/RegionTreeSelect.js';
import { useFormSubmit } from '../../components/useFormSubmit.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { genderText } from './columns.js';

interface Values {
  docType: DocType;
  docNumber: string;
  name: string;
  phone?: string;
  region?: RegionOption;
  address?: string;
  tags: RecordedTag[];
}

const OTHER_DOC = /^[A-Z0-9]{5,20}$/;

/** 新增人员: one resident, checked on the phone first with the same validators the server uses. */
export function NewPersonDrawer({ onClose, onCreated }: { onClose(): void; onCreated(p: PersonView): void }) {
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const docType = Form.useWatch('docType', form) ?? 'resident_id';
  const docNumber = Form.useWatch('docNumber', form) ?? '';

  const labels = {
    docNumber: t('people.docNumber'), name: t('people.name'), phone: t('people.phone'), regionCode: t('people.gridOrBuilding'),
    address: t('people.address'),
  };
  const docRule: FormRule = ID_SHAPED_DOC_TYPES.includes(docType)
    ? checkRule((v) => validateIdNumber(v), labels.docNumber, locale)
    : {
      validator: (_, raw?: string) => {
        const v = (raw ?? '').trim().toUpperCase().replace(/[\s-]/g, '');
        if (!v) return Promise.reject(new Error(t('form.required')));
        return OTHER_DOC.test(v) ? Promise.resolve() : Promise.reject(new Error(t('people.docFormat')));
      },
    };
  const id = ID_SHAPED_DOC_TYPES.includes(docType) ? validateIdNumber(docNumber) : undefined;

  const { submit, busy, error } = useFormSubmit(async (v: Values) => {
    const person = await api.post<PersonView>('/people', {
      docType: v.docType, docNumber: v.docNumber.trim(), name: v.name, phone: v.phone?.trim() || null,
      regionCode: v.region?.value ?? '', address: v.address?.trim() || null, tags: v.tags,
    } satisfies NewPersonInput);
    message.success(t('people.created', { name: person.name }));
    onCreated(person);
  }, (err) => {
    if (err instanceof ApiError && err.code === 'DUPLICATE_PERSON') {
      form.setFields([{ name: 'docNumber', errors: [err.message] }]);
      return true;
    }
    return applyFieldErrors(form, err, locale, labels, { regionCode: 'region' });
  });

  return (
    <FormDrawer title={t('people.new')} width={560} form={form} busy={busy} error={error} onClose={onClose}>
      <Form<Values>
        form={form}
        name="newPerson"
        layout="vertical"
        onFinish={submit}
        initialValues={{ docType: 'resident_id', tags: [] }}
        scrollToFirstError
      >
        <Form.Item name="docType" label={t('people.docType')}>
          <Select options={DOC_TYPES.map((d) => ({ value: d, label: pick(DOC_TYPE_LABELS[d]) }))} />
        </Form.Item>
        <Form.Item
          name="docNumber"
          label={labels.docNumber}
          required
          rules={[docRule]}
          validateDebounce={400}
          extra={id?.ok && (
            <Typography.Text type="success">
              {t('people.derived', { birthDate: id.value.birthDate, gender: genderText(id.value.gender, t) })}
            </Typography.Text>
          )}
        >
          <Input autoCapitalize="characters" autoComplete="off" maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label={labels.name} required rules={[checkRule(validatePersonName, labels.name, locale)]}>
          <Input autoComplete="off" maxLength={30} />
        </Form.Item>
        <Form.Item name="phone" label={labels.phone} rules={[checkRule(validateMobile, labels.phone, locale, true)]}>
          <Input inputMode="tel" autoComplete="off" maxLength={20} />
        </Form.Item>
        <Form.Item
          name="region"
          label={labels.regionCode}
          rules={[{ required: true, message: t('people.gridRequired') }]}
          extra={t('people.gridHelp')}
        >
          <RegionTreeSelect selectableLevels={['grid', 'building']} placeholder={t('people.regionPlaceholder')} />
        </Form.Item>
        <Form.Item name="address" label={labels.address}>
          <Input maxLength={200} placeholder={t('people.addressPlaceholder')} />
        </Form.Item>
        <Form.Item name="tags" label={t('people.tags')}>
          <Checkbox.Group options={RECORDED_TAGS.map((tag) => ({ value: tag, label: pick(TAG_LABELS[tag]) }))} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
