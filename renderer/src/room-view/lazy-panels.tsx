import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useTimelineReady } from '../toolkit/timeline-ready';

/**
 * The panels beside and over the timeline, each in its own chunk: the room's first paint
 * needs only the header and the columns, and a 100k-item room must show its first posts
 * before the drafts, moments, sources, publishing and report code has even loaded
 * (the bundle was one 1.6 MB file). Each panel mounts as soon as its chunk arrives; their
 * shortcuts and live updates start then.
 */
export const DraftsPanel = lazy(() => import('../drafts/DraftsPanel').then((m) => ({ default: m.DraftsPanel })));
export const MomentsPanel = lazy(() => import('../moments/MomentsPanel').then((m) => ({ default: m.MomentsPanel })));
export const SourcesPanel = lazy(() => import('../sources/SourcesPanel').then((m) => ({ default: m.SourcesPanel })));
export const PublishingPanel = lazy(() =>
  import('../publishing/PublishingPanel').then((m) => ({ default: m.PublishingPanel })),
);
export const ReportView = lazy(() => import('../report/ReportView').then((m) => ({ default: m.ReportView })));

/** Where a panel will be while its chunk loads: says so, in the panel's place. */
export function PanelLoading({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<p className="muted panel-loading">{t('loading')}</p>}>{children}</Suspense>;
}

/** How long a side panel waits for the timeline before it loads anyway. */
const sidePanelFallbackMs = 1500;

/** A side panel: loads once the timeline shows its first posts (see timeline-ready.ts). */
export function SidePanelLoading({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const ready = useTimelineReady(sidePanelFallbackMs);
  if (!ready) return <p className="muted panel-loading">{t('loading')}</p>;
  return <PanelLoading>{children}</PanelLoading>;
}
