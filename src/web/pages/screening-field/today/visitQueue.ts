import { ApiError, NETWORK_ERROR, api } from '../../../api/client.js';
import type { NewVisitInput, VisitView } from '../types.js';

const KEY = 'anning_field_visits';

/** Visits that could not be sent (no network), kept on the phone; each keeps its ULID, so sending twice records once. */
export function queuedVisits(): NewVisitInput[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as NewVisitInput[];
  } catch {
    return [];
  }
}

function keep(visits: NewVisitInput[]): void {
  localStorage.setItem(KEY, JSON.stringify(visits));
}

/** Sends a visit; without a network it is queued and 'queued' is answered. Other refusals are thrown. */
export async function sendVisit(visit: NewVisitInput): Promise<VisitView | 'queued'> {
  try {
    return await api.post<VisitView>('/screening/visits', visit);
  } catch (err) {
    if (err instanceof ApiError && err.code === NETWORK_ERROR) {
      keep([...queuedVisits().filter((v) => v.id !== visit.id), visit]);
      return 'queued';
    }
    throw err;
  }
}

/** Sends what was queued; a visit the server refuses (round closed meanwhile) is dropped, one still offline kept. */
export async function flushVisits(): Promise<number> {
  let sent = 0;
  for (const v of queuedVisits()) {
    try {
      await api.post<VisitView>('/screening/visits', v);
      sent++;
    } catch (err) {
      if (err instanceof ApiError && err.code === NETWORK_ERROR) return sent;
    }
    keep(queuedVisits().filter((q) => q.id !== v.id));
  }
  return sent;
}
