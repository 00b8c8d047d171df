import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { keycap, shortcutGroups, type Shortcut } from './shortcut-list';

/** A shortcut's keys as keycaps: `Ctrl`+`Enter`, alternatives side by side, a range as 1–9. */
function Keys({ shortcut }: { shortcut: Shortcut }) {
  const { t } = useTranslation('workspace');
  const caps = shortcut.keys.map((chord) => (
    <span key={chord} className="shortcut-chord">
      {chord.split('+').map((part, index) => (
        <kbd key={index}>{keycap(part, t)}</kbd>
      ))}
    </span>
  ));
  if (!shortcut.range) return <>{caps}</>;
  return (
    <>
      {caps[0]}–{caps[caps.length - 1]}
    </>
  );
}

/** Every key the room answers to, grouped by where it works, in a modal dialog. */
export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('workspace');
  const headingId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
  }, []);
  return (
    <div className="overlay-backdrop" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={headingId}
        className="shortcuts card"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <h2 id={headingId}>{t('shortcuts.title')}</h2>
        <div className="shortcut-groups">
          {shortcutGroups.map((group) => (
            <section key={group.id} aria-labelledby={`${headingId}-${group.id}`}>
              <h3 id={`${headingId}-${group.id}`}>{t(`shortcuts.groups.${group.id}`)}</h3>
              <dl>
                {group.shortcuts.map((shortcut) => (
                  <div key={shortcut.label} className="shortcut-row">
                    <dt>
                      <Keys shortcut={shortcut} />
                    </dt>
                    <dd>{t(`shortcuts.${shortcut.label}`)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <button type="button" ref={closeRef} onClick={onClose}>
          {t('shortcuts.close')}
        </button>
      </div>
    </div>
  );
}
