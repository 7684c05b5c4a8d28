import { Tag } from 'antd';
import type { RegionView } from '../../api/types.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/** 三无楼院 flags of a building: one red tag when all three apply, else one tag per gap. */
export function ThreeNoTags({ threeNo }: { threeNo: RegionView['threeNo'] }) {
  const { t } = useI18n();
  if (!threeNo) return null;
  if (threeNo.noPropertyMgmt && threeNo.noOwnerUnit && threeNo.noSelfGov) {
    return <Tag color="red" variant="solid">{t('region.threeNo')}</Tag>;
  }
  return (
    <>
      {threeNo.noPropertyMgmt && <Tag color="orange">{t('region.noPropertyMgmt')}</Tag>}
      {threeNo.noOwnerUnit && <Tag color="orange">{t('region.noOwnerUnit')}</Tag>}
      {threeNo.noSelfGov && <Tag color="orange">{t('region.noSelfGov')}</Tag>}
    </>
  );
}
