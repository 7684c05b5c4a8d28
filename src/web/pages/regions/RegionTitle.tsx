import type { RegionView } from '../../api/types.js';
import { formatNumber } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ThreeNoTags } from './ThreeNoTags.js';

/** One line of the region tree: name, 三无 flags, and households and residents below it. */
export function RegionTitle({ region }: { region: RegionView }) {
  const { t, locale } = useI18n();
  return (
    <span className="region-title">
      <span className="region-name">{region.name}</span>
      <ThreeNoTags threeNo={region.threeNo} />
      <span className="region-counts">
        {t('region.counts', {
          households: formatNumber(region.householdCount, locale),
          residents: formatNumber(region.residentCount, locale),
        })}
      </span>
    </span>
  );
}
