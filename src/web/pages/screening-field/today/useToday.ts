import { useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client.js';
import { useMe } from '../../../auth/AuthProvider.js';
import { useRequest } from '../../../components/useRequest.js';
import type { TodayList } from '../types.js';

/** The grid a day list is for: ?grid=, else the user's own grid (a grid worker's one scope), else none yet. */
export function useToday() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const own = me.scopes.length === 1 && me.scopes[0].code.length === 15 ? me.scopes[0].code : undefined;
  const grid = params.get('grid') ?? own;
  const list = useRequest(() => (grid ? api.get<TodayList>('/screening/today', { grid }) : Promise.resolve(undefined)), [grid]);
  const pickGrid = (code: string) => setParams(new URLSearchParams({ grid: code }));
  return { grid, own, list, pickGrid };
}
