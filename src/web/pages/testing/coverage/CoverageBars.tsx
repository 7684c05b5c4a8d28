import { Empty, Progress, Typography } from 'antd';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { ratePercent } from '../labels.js';
import type { CoverageNode } from '../types.js';

/** The covered share of the expected, coloured: red under 80 %, orange under 95 %, green from there. */
export function rateColor(rate: number): string {
  if (rate >= 0.95) return '#389e0d';
  if (rate >= 0.8) return '#d48806';
  return '#cf1322';
}

export function RateBar({ rate, expected, size }: { rate: number; expected: number; size?: 'small' }) {
  const percent = expected > 0 ? ratePercent(rate) : 0;
  return (
    <Progress
      percent={percent}
      size={size}
      strokeColor={rateColor(rate)}
      format={() => (expected > 0 ? `${percent.toFixed(1)}%` : '—')}
      className="coverage-rate"
    />
  );
}

/** Coverage by region as horizontal bars (a phone reads them down the page): tested of expected, and the missing. */
export function CoverageBars({ nodes, onOpen }: { nodes: CoverageNode[]; onOpen?(node: CoverageNode): void }) {
  const { t, locale } = useI18n();
  const n = (v: number) => formatNumber(v, locale);
  if (nodes.length === 0) return <Empty description={t('testing.coverage.noFigures')} />;
  return (
    <div className="coverage-bars" data-testid="coverage-bars">
      {nodes.map((c) => (
        <div
          key={c.code}
          className={onOpen ? 'coverage-bar coverage-bar-link' : 'coverage-bar'}
          data-testid="coverage-bar"
          onClick={onOpen && (() => onOpen(c))}
          role={onOpen ? 'button' : undefined}
          tabIndex={onOpen ? 0 : undefined}
          onKeyDown={onOpen && ((e) => { if (e.key === 'Enter') onOpen(c); })}
        >
          <div className="coverage-bar-head">
            <Typography.Text strong>{c.name}</Typography.Text>
            <span className="coverage-bar-figures">
              {t('testing.coverage.testedOf', { tested: n(c.figures.tested), expected: n(c.figures.expected) })}
              {c.figures.missing > 0 && <Typography.Text type="danger"> · {t('testing.coverage.missingN', { n: n(c.figures.missing) })}</Typography.Text>}
            </span>
          </div>
          <RateBar rate={c.figures.rate} expected={c.figures.expected} size="small" />
        </div>
      ))}
    </div>
  );
}
