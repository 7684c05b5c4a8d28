import { Tag } from 'antd';
import { TAG_LABELS, type PersonTag } from '../../../shared/people.js';
import { useI18n } from '../../i18n/I18nProvider.js';

const COLORS: Partial<Record<PersonTag, string>> = {
  age_80: 'volcano',
  age_60: 'orange',
  dialysis: 'red',
  chemo_radiotherapy: 'red',
  pregnant: 'magenta',
  newborn: 'pink',
  disabled: 'purple',
  chronic_disease: 'gold',
  living_alone: 'cyan',
};

export function PersonTags({ tags }: { tags: readonly PersonTag[] }) {
  const { pick } = useI18n();
  if (tags.length === 0) return <span className="muted">—</span>;
  return (
    <span className="tag-list">
      {tags.map((tag) => <Tag key={tag} color={COLORS[tag]}>{pick(TAG_LABELS[tag])}</Tag>)}
    </span>
  );
}
