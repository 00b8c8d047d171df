import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n';
import { isTypingTarget } from '../toolkit/keyboard';
import { undoStack } from './undo-stack';
import './undo.css';

const toastMs = 8_000;

/**
 * The toast after an action the whole room sees, with its Undo button, and Ctrl+Z (Cmd+Z)
 * outside text fields, where the field's own undo keeps working.
 */
export function UndoToast() {
  const { t } = useTranslation('common');
  const state = useSyncExternalStore(undoStack.subscribe, undoStack.state);
  const [, setTick] = useState(0);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey)
        return;
      if (isTypingTarget(event.target) || !undoStack.canUndo()) return;
      event.preventDefault();
      void undoStack.undo(errorText);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (state.kind === 'idle') return;
    const timer = setTimeout(() => {
      if (undoStack.state() === state) undoStack.dismiss();
      setTick((n) => n + 1);
    }, toastMs);
    return () => clearTimeout(timer);
  }, [state]);

  if (state.kind === 'idle') return null;
  return (
    <div className="undo-toast" role="status" aria-label={t('undo.label')}>
      {state.kind === 'done' && (
        <>
          <span>{state.label}</span>
          <button type="button" aria-keyshortcuts="Control+Z" onClick={() => void undoStack.undo(errorText)}>
            {t('undo.button')}
          </button>
        </>
      )}
      {state.kind === 'undone' && <span>{t('undo.undone', { what: state.label })}</span>}
      {state.kind === 'failed' && <span>{t('undo.failed', { what: state.label, reason: state.message })}</span>}
      <button type="button" aria-label={t('undo.close')} onClick={() => undoStack.dismiss()}>
        ×
      </button>
    </div>
  );
}
