import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export const shortcuts = [
  ['j', 'shortcuts.next'],
  ['k', 'shortcuts.previous'],
  ['n', 'shortcuts.nextColumn'],
  ['p', 'shortcuts.previousColumn'],
  ['s', 'shortcuts.star'],
  ['h', 'shortcuts.handled'],
  ['r', 'shortcuts.respond'],
  ['x', 'shortcuts.noise'],
  ['m', 'shortcuts.moment'],
  ['[', 'column.moveLeft'],
  [']', 'column.moveRight'],
  ['/', 'shortcuts.search'],
  ['?', 'shortcuts.help'],
  ['w', 'shortcuts.wall'],
  ['Esc', 'shortcuts.escape'],
] as const;

/** Every key the workspace answers to, in a modal dialog. */
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
        <dl>
          {shortcuts.map(([key, label]) => (
            <div key={key} className="shortcut-row">
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{t(label, { name: '' }).trim()}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={closeRef} onClick={onClose}>
          {t('shortcuts.close')}
        </button>
      </div>
    </div>
  );
}
