import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { RegionDetail } from '../api/types.js';

/** Display names ("多巴镇 / 金城社区") of region codes, fetched once per code. */
export function useRegionNames(codes: readonly string[]): Map<string, string> {
  const [names, setNames] = useState(() => new Map<string, string>());
  const key = [...new Set(codes)].sort().join(',');

  useEffect(() => {
    const missing = key ? key.split(',').filter((c) => !names.has(c)) : [];
    if (missing.length === 0) return;
    let active = true;
    Promise.all(missing.map((code) => api.get<RegionDetail>(`/regions/${code}`).then(
      (r) => [code, r.trail.slice(1).map((s) => s.name).join(' / ') || r.name] as const,
      () => [code, code] as const,
    ))).then((found) => {
      if (active) setNames((prev) => new Map([...prev, ...found]));
    });
    return () => {
      active = false;
    };
    // `names` is read, not watched: a new answer must not trigger another round.
  }, [key]);

  return names;
}
