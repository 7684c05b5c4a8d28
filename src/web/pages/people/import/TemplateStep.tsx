import { Button, Space, Typography } from 'antd';
import { ArrowRightOutlined, DownloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n/I18nProvider.js';

/** The template's columns, as they appear in the file (the server reads these Chinese headers). */
const COLUMNS = ['姓名', '身份证号', '联系电话', '所属村社区/网格', '住址', '人员标签'];

export function TemplateStep({ onNext }: { onNext(): void }) {
  const { t } = useI18n();
  return (
    <div className="wizard-step">
      <Typography.Paragraph>{t('import.templateIntro')}</Typography.Paragraph>
      <div className="template-columns">
        {COLUMNS.map((c) => <code key={c}>{c}</code>)}
      </div>
      <ul className="import-rules">
        <li>{t('import.rule.allOrNothing')}</li>
        <li>{t('import.rule.values')}</li>
        <li>{t('import.rule.region')}</li>
        <li>{t('import.rule.rerun')}</li>
      </ul>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href="/api/v1/people/import-template">{t('import.downloadTemplate')}</Button>
        <Button type="primary" onClick={onNext}>
          {t('import.haveFile')} <ArrowRightOutlined />
        </Button>
      </Space>
    </div>
  );
}
