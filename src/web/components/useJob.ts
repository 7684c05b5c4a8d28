import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { JobView } from '../api/types.js';

const POLL_MS = 800;

/** Follows a server job (import, export) until it has succeeded or failed. */
export function useJob(jobId: string | undefined): { job: JobView | undefined; error: unknown } {
  const [job, setJob] = useState<JobView>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    setJob(undefined);
    setError(undefined);
    if (!jobId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let active = true;
    const poll = async () => {
      try {
        const next = await api.get<JobView>(`/jobs/${jobId}`);
        if (!active) return;
        setJob(next);
        if (next.status === 'running') timer = setTimeout(poll, POLL_MS);
      } catch (err) {
        if (active) setError(err);
      }
    };
    void poll();
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [jobId]);

  return { job, error };
}
