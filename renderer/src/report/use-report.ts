import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContractError } from '../../../shared/contract/result';
import type { ReportFigures } from '../../../shared/report/figures';
import { api } from '../api';

export interface Progress {
  done: number;
  total: number;
}

export const newJobId = (what: string): string =>
  `${what}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/** Follows one report job's progress events; `cancel` stops it in main. */
export function useJobProgress() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const job = useRef<string | null>(null);
  useEffect(
    () =>
      api.on('report.progress', (event) => {
        if (event.jobId === job.current) setProgress({ done: event.done, total: event.total });
      }),
    [],
  );
  const begin = useCallback((what: string) => {
    const id = newJobId(what);
    job.current = id;
    setProgress({ done: 0, total: 1 });
    return id;
  }, []);
  const end = useCallback(() => {
    job.current = null;
    setProgress(null);
  }, []);
  const cancel = useCallback(() => {
    if (job.current) void api.report.cancel({ jobId: job.current });
  }, []);
  return { progress, begin, end, cancel };
}

/** The room's report figures, counted in main's report worker, recounted on demand. */
export function useReportFigures(roomId: string) {
  const [figures, setFigures] = useState<ReportFigures | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const job = useJobProgress();
  const { begin, end } = job;
  const recount = useCallback(async () => {
    const jobId = begin('figures');
    setError(null);
    const result = await api.report.figures({ roomId, jobId });
    end();
    if (result.ok) setFigures(result.value);
    else setError(result);
  }, [roomId, begin, end]);
  useEffect(() => {
    // Counted once the view is up (and once only when React mounts it twice in development).
    const timer = setTimeout(() => void recount(), 0);
    return () => clearTimeout(timer);
  }, [recount]);
  return { figures, error, recount, progress: job.progress, cancel: job.cancel };
}
