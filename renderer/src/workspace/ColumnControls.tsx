import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Column } from '../../../shared/columns/column';
import { api } from '../api';

interface ColumnControlsProps {
  column: Column;
  isFirst: boolean;
  isLast: boolean;
  onEdit: () => void;
  onMove: (by: -1 | 1) => void;
}

/** Pause, clear, move, edit and remove one saved column. */
export function ColumnControls({ column, isFirst, isLast, onEdit, onMove }: ColumnControlsProps) {
  const { t } = useTranslation('workspace');
  const [confirming, setConfirming] = useState(false);
  const name = column.name;
  if (confirming) {
    return (
      <div className="column-controls">
        <button type="button" className="danger" onClick={() => void api.columns.remove({ id: column.id })}>
          {t('column.confirmRemove', { name })}
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          {t('common:cancel')}
        </button>
      </div>
    );
  }
  return (
    <div className="column-controls">
      <button
        type="button"
        aria-label={column.paused ? t('column.resume', { name }) : t('column.pause', { name })}
        title={column.paused ? t('column.resume', { name }) : t('column.pause', { name })}
        onClick={() => void api.columns.update({ id: column.id, paused: !column.paused })}
      >
        {column.paused ? '▶' : '‖'}
      </button>
      <button
        type="button"
        aria-label={t('column.clear', { name })}
        title={t('column.clear', { name })}
        onClick={() => void api.columns.clear({ id: column.id })}
      >
        ⌫
      </button>
      <button
        type="button"
        aria-label={t('column.moveLeft', { name })}
        title={t('column.moveLeft', { name })}
        disabled={isFirst}
        onClick={() => onMove(-1)}
      >
        ←
      </button>
      <button
        type="button"
        aria-label={t('column.moveRight', { name })}
        title={t('column.moveRight', { name })}
        disabled={isLast}
        onClick={() => onMove(1)}
      >
        →
      </button>
      <button type="button" aria-label={t('column.edit', { name })} title={t('column.edit', { name })} onClick={onEdit}>
        ✎
      </button>
      <button
        type="button"
        aria-label={t('column.remove', { name })}
        title={t('column.remove', { name })}
        onClick={() => setConfirming(true)}
      >
        ✕
      </button>
    </div>
  );
}
