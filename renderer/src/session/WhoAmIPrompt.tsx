import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { useTeam } from '../drafts/use-drafts';
import { chooseMe, isBoundIn, setWhoAmIAsker, useBoundIn, useMeId } from './who-am-i';
import './who-am-i.css';

interface Pending {
  resolve: (memberId: string | null) => void;
}

/**
 * Who am I, asked once per window at first use: a dialog listing the room's people, each
 * picked with one click or its number key. The header shows the answer (and `i` or its
 * button asks again), so nobody walks back to a select to switch.
 */
export function WhoAmIPrompt({ roomId }: { roomId: string }) {
  const { t } = useTranslation('drafts');
  const { members } = useTeam(roomId);
  const meId = useMeId(roomId);
  const bound = useBoundIn(roomId);
  const [pending, setPending] = useState<Pending | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const active = members.filter((m) => m.removedAt === null);
  const activeRef = useRef<RoomMember[]>(active);
  useLayoutEffect(() => {
    activeRef.current = active;
  });

  useEffect(() => {
    setWhoAmIAsker((askedRoom) => {
      // A teammate's person is fixed by their invite; with nobody in the team there is no one to pick.
      if (askedRoom !== roomId || isBoundIn(roomId) === true || activeRef.current.length === 0) {
        return Promise.resolve(null);
      }
      return new Promise((resolve) => setPending({ resolve }));
    });
    return () => setWhoAmIAsker(null);
  }, [roomId]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'i' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA'].includes(target.tagName)))
        return;
      if (isBoundIn(roomId) === true || activeRef.current.length === 0) return;
      event.preventDefault();
      setPending((current) => current ?? { resolve: () => undefined });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [roomId]);

  // A modal prompt keeps the focus: focus sent elsewhere while it is open (Esc's return to
  // the timeline landing late, a panel mounting) comes back to its first button.
  useEffect(() => {
    if (!pending) return undefined;
    const focusFirst = () => dialog.current?.querySelector<HTMLButtonElement>('button')?.focus();
    focusFirst();
    const onFocusIn = (event: FocusEvent) => {
      if (dialog.current && event.target instanceof Node && !dialog.current.contains(event.target)) focusFirst();
    };
    document.addEventListener('focusin', onFocusIn);
    return () => document.removeEventListener('focusin', onFocusIn);
  }, [pending]);

  if (!pending || bound === true) return null;
  const close = (memberId: string | null) => {
    if (memberId !== null) chooseMe(roomId, memberId);
    setPending(null);
    pending.resolve(memberId);
  };
  return (
    <div
      ref={dialog}
      className="who-prompt"
      role="dialog"
      aria-modal="true"
      aria-labelledby="who-prompt-title"
      onKeyDown={(event) => {
        // The prompt owns the keyboard while it is open: nothing reaches the room's shortcuts.
        event.stopPropagation();
        if (event.key === 'Escape') close(null);
        const n = Number(event.key);
        const member = Number.isInteger(n) && n >= 1 ? active[n - 1] : undefined;
        if (member) {
          event.preventDefault();
          close(member.id);
        }
      }}
    >
      <h2 id="who-prompt-title">{t('me.promptTitle')}</h2>
      <p className="muted">{t('me.promptIntro')}</p>
      <ul>
        {active.map((member, index) => (
          <li key={member.id}>
            <button
              type="button"
              aria-pressed={member.id === meId}
              aria-keyshortcuts={index < 9 ? String(index + 1) : undefined}
              onClick={() => close(member.id)}
            >
              {t('me.promptOption', { n: index + 1, name: member.name, role: t(`roles.${member.role}`) })}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="muted" onClick={() => close(null)}>
        {t('me.cancel')}
      </button>
    </div>
  );
}
