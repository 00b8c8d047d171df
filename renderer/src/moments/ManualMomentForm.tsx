import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { errorText } from '../i18n';
import { onManualNoteRequest, takePendingManualNote } from './manual-note-request';

/** `m` (outside a text field, heard by SidePanels) opens a one-line note, logged as a manual moment on Enter. */
export function ManualMomentForm({ roomId }: { roomId: string }) {
  const { t } = useTranslation('moments');
  // An `m` pressed while this panel's code was still loading opens the note as it mounts.
  const [open, setOpen] = useState(takePendingManualNote);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(
    () =>
      onManualNoteRequest(() => {
        setOpen(true);
        // The input exists after this render.
        requestAnimationFrame(() => input.current?.focus());
      }),
    [],
  );

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-keyshortcuts="m">
        {t('manual.open')}
      </button>
    );
  }
  return (
    <form
      aria-label={t('manual.form')}
      onSubmit={(event) => {
        event.preventDefault();
        void api.moments.log({ roomId, note }).then((result) => {
          if (!result.ok) return setError(errorText(result));
          setNote('');
          setError(null);
          setOpen(false);
        });
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setOpen(false);
      }}
    >
      <input
        ref={input}
        autoFocus
        aria-label={t('manual.note')}
        placeholder={t('manual.placeholder')}
        maxLength={200}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <button type="submit">{t('manual.log')}</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
