import { Breadcrumb, Button, Descriptions, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api, withQuery } from '../../api/client.js';
import type { RegionDetail } from '../../api/types.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useRequest } from '../../components/useRequest.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ThreeNoTags } from './ThreeNoTags.js';

export function RegionDetailPanel({ code }: { code: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useRequest(() => api.get<RegionDetail>(`/regions/${code}`), [code]);

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data || loading) return <Spin className="block-spin" />;

  const yesNo = (flag: boolean) => (flag ? t('common.yes') : t('common.no'));
  return (
    <div data-testid="region-detail">
      <Breadcrumb items={data.trail.map((s) => ({ title: s.name }))} className="region-trail" />
      <Space align="center" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{data.name}</Typography.Title>
        <Tag>{t(`region.kind.${data.kind}`)}</Tag>
        <ThreeNoTags threeNo={data.threeNo} />
      </Space>
      <div className="region-stats">
        <Statistic title={t('region.households')} value={data.householdCount} />
        <Statistic title={t('region.residents')} value={data.residentCount} />
      </div>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('region.code')}>{data.code}</Descriptions.Item>
        <Descriptions.Item label={t('region.level')}>{t(`region.level.${data.level}`)}</Descriptions.Item>
        <Descriptions.Item label={t('region.area')}>{data.urban ? t('region.urban') : t('region.rural')}</Descriptions.Item>
        {data.threeNo && (
          <>
            <Descriptions.Item label={t('region.noPropertyMgmt')}>{yesNo(data.threeNo.noPropertyMgmt)}</Descriptions.Item>
            <Descriptions.Item label={t('region.noOwnerUnit')}>{yesNo(data.threeNo.noOwnerUnit)}</Descriptions.Item>
            <Descriptions.Item label={t('region.noSelfGov')}>{yesNo(data.threeNo.noSelfGov)}</Descriptions.Item>
          </>
        )}
      </Descriptions>
      {can('people.view') && (
        <Button
          type="primary"
          icon={<TeamOutlined />}
          block
          style={{ marginTop: 16 }}
          onClick={() => navigate(withQuery('/people', { region: data.code, regionName: data.name }))}
        >
          {t('region.viewPeople')}
        </Button>
      )}
    </div>
  );
}
