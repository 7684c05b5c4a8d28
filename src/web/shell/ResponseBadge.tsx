import { Tag, Tooltip } from 'antd';
import { api } from '../api/client.js';
import type { ResponseView } from '../api/types.js';
import { useRequest } from '../components/useRequest.js';
import { useRuleSets } from '../components/useRuleSets.js';
import { useI18n } from '../i18n/I18nProvider.js';

/** The response in force, e.g. "一级响应 · 防控方案（第九版）", so every screen says which rules apply. */
export function ResponseBadge({ compact }: { compact: boolean }) {
  const { t } = useI18n();
  const ruleSets = useRuleSets();
  const { data } = useRequest(() => api.get<ResponseView | null>('/response'), []);
  if (!data) return null;
  const text = compact ? t(`response.short.${data.level}`) : `${t(`response.level.${data.level}`)} · ${ruleSets.name(data.ruleSet)}`;
  return (
    <Tooltip title={data.name}>
      <Tag color={data.mode === 'emergency' ? 'red' : 'blue'} className="response-badge" data-testid="response-badge">
        {text}
        {!compact && data.mode === 'routine' && ` · ${t('response.routine')}`}
      </Tag>
    </Tooltip>
  );
}
