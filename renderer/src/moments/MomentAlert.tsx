import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BankEntry } from '../../../shared/contract/calls/bank';
import type { Moment } from '../../../shared/moments/moment';
import { api } from '../api';
import { errorText } from '../i18n';
import { refetchOn, type LiveQuery } from '../toolkit/live-query/live-query';
import { useLiveQuery } from '../toolkit/live-query/use-live-query';
import { addToAlert, type AlertGroup } from '../../../shared/moments/alert-grouping';
import { beep, notify, soundEnabled } from './alert-outputs';
import { describeMoment, formatTime } from '../../../shared/moments/describe-moment';
import { draftFromMoment, takeFromBank } from './draft-from-moment';
import { isRoomEnter } from '../toolkit/keyboard';
import { dismissMoment } from '../undo/undoable-actions';

const bankOffers: LiveQuery<
  { roomId: string; momentId: string | null },
  { momentId: string; entries: BankEntry[] } | null
> = {
  load: async ({ momentId }) => {
    if (momentId === null) return { ok: true, value: null };
    const result = await api.bank.offers({ momentId });
    return result.ok ? { ok: true, value: { momentId, entries: result.value } } : result;
  },
  // A bank change is pushed with no draft id; without a scheduled moment there is nothing to offer.
  refetchOn: [
    refetchOn(
      'drafts.changed',
      (change, { roomId, momentId }) => momentId !== null && change.roomId === roomId && change.draftId === null,
    ),
  ],
};

/**
 * The bank's texts ready for the cue a scheduled moment came from (none for other kinds),
 * refetched when the bank changes: a text tied to the cue while the banner shows joins it.
 */
function useBankOffers(roomId: string, moment: Moment | null): BankEntry[] {
  const momentId = moment?.kind === 'scheduled' ? moment.id : null;
  const params = useMemo(() => ({ roomId, momentId }), [roomId, momentId]);
  const { value: offers } = useLiveQuery(bankOffers, params, null);
  // Kept with the moment they were fetched for, so a new banner never shows the last one's offers.
  return offers !== null && offers.momentId === momentId ? offers.entries : [];
}

/**
 * The banner above the room: the latest moment with its sample items, grouped (a storm
 * of detections is one banner with a count), with a desktop notification and an optional
 * beep at most once per group.
 */
export function MomentAlert({ roomId }: { roomId: string }) {
  const { t, i18n } = useTranslation('moments');
  const [group, setGroup] = useState<AlertGroup | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const current = useRef<AlertGroup | null>(null);
  const offers = useBankOffers(roomId, group?.lead ?? null);

  // The room view is keyed by room (RoomView remounts per room), so no reset is needed here.
  useEffect(() => {
    return api.on('moments.detected', (payload) => {
      if (payload.roomId !== roomId || payload.moments.length === 0) return;
      const { group: next, fresh } = addToAlert(current.current, payload.moments, Date.now());
      current.current = next;
      setGroup(next);
      setStatus(null);
      if (fresh) {
        notify(t('alert.notificationTitle'), describeMoment(next.lead, t));
        if (soundEnabled()) beep();
      }
    });
  }, [roomId, t]);

  // Enter, from wherever focus is (but a field or a button), drafts from the moment shown.
  const leadMoment = group?.lead ?? null;
  const draftRef = useRef<() => void>(() => undefined);
  useLayoutEffect(() => {
    draftRef.current = () => {
      if (!leadMoment) return;
      void draftFromMoment(leadMoment).then((result) => setStatus(result.ok ? t('alert.drafted') : errorText(result)));
    };
  });
  const hasAlert = leadMoment !== null;
  useEffect(() => {
    if (!hasAlert) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isRoomEnter(event)) return;
      event.preventDefault();
      draftRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hasAlert]);

  if (!group) return null;
  const { lead } = group;
  const others = group.moments.length - 1;
  const close = () => {
    current.current = null;
    setGroup(null);
  };
  const act = async (action: () => Promise<{ ok: boolean }>, done: string) => {
    const result = await action();
    if (result.ok) setStatus(done);
  };

  return (
    <section className="moment-alert" role="alert" aria-label={t('alert.label')}>
      <div className="moment-alert-head">
        <strong>{describeMoment(lead, t)}</strong>
        <span className="muted">{formatTime(lead.onsetAt, i18n.language)}</span>
        {others > 0 && <span className="tag">{t('alert.more', { count: others })}</span>}
      </div>
      {lead.samples.length > 0 && (
        <ul className="moment-samples" aria-label={t('alert.samples')}>
          {lead.samples.map((sample) => (
            <li key={sample.id}>
              {sample.authorHandle && <span className="muted">{sample.authorHandle} </span>}
              {sample.text}
            </li>
          ))}
        </ul>
      )}
      {offers.length > 0 && (
        <div className="moment-actions" aria-label={t('alert.bankOffers')} role="group">
          <span>{t('alert.bankReady')}</span>
          {offers.map((entry) => (
            <button
              key={entry.id}
              type="button"
              className="primary"
              onClick={() =>
                void takeFromBank(roomId, entry.id).then((result) =>
                  setStatus(result.ok ? t('alert.fromBank', { title: entry.title }) : errorText(result)),
                )
              }
            >
              {t('alert.useBank', { title: entry.title })}
            </button>
          ))}
        </div>
      )}
      <div className="moment-actions">
        <button type="button" aria-keyshortcuts="Enter" onClick={() => draftRef.current()}>
          {t('alert.draft')}
        </button>
        <button
          type="button"
          onClick={() => void act(() => api.moments.confirm({ id: lead.id }), t('alert.confirmed'))}
        >
          {t('actions.confirm')}
        </button>
        {(lead.kind === 'spike' || lead.kind === 'emerging' || lead.kind === 'watch') && (
          <button type="button" onClick={() => void dismissMoment(lead.id).then((result) => result.ok && close())}>
            {t('actions.dismiss')}
          </button>
        )}
        <button type="button" aria-label={t('alert.close')} onClick={close}>
          ×
        </button>
        {status && <span role="status">{status}</span>}
      </div>
    </section>
  );
}
