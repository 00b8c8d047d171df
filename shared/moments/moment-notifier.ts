import type { TFunction } from 'i18next';
import { addToAlert, type AlertGroup } from './alert-grouping';
import { describeMoment } from './describe-moment';
import type { Moment } from './moment';

export interface MomentNotification {
  roomId: string;
  title: string;
  body: string;
}

/**
 * When a shell shows desktop notifications itself (Electron's Notification, from main),
 * this decides when and what: the banner's grouping per room, so a storm of detections is
 * one notification per alert window, worded in the person's language at that moment.
 */
export function createMomentNotifier(deps: {
  now: () => number;
  translator: () => TFunction<'moments'>;
  show: (notification: MomentNotification) => void;
}) {
  const groups = new Map<string, AlertGroup>();
  return {
    detected(roomId: string, moments: readonly Moment[]): void {
      if (moments.length === 0) return;
      const { group, fresh } = addToAlert(groups.get(roomId) ?? null, moments, deps.now());
      groups.set(roomId, group);
      if (!fresh) return;
      const t = deps.translator();
      deps.show({ roomId, title: t('alert.notificationTitle'), body: describeMoment(group.lead, t) });
    },
  };
}
