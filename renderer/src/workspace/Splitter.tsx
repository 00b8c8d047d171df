import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface SplitterProps {
  /** 'horizontal' separates panels stacked top to bottom; 'vertical' separates side by side. */
  orientation: 'horizontal' | 'vertical';
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  /** Pixels per arrow key press (Shift: five times as much). */
  step?: number;
  className?: string;
}

const clamp = (value: number, min: number, max: number) => Math.round(Math.max(min, Math.min(max, value)));

/**
 * A focusable, draggable separator (WAI-ARIA window splitter): arrows resize, Home/End go to
 * the bounds, a pointer drag follows the mouse. Dragging down or right makes `value` grow.
 */
export function Splitter({ orientation, label, value, min, max, onChange, step = 16, className }: SplitterProps) {
  const drag = useRef<{ start: number; value: number } | null>(null);
  const position = (event: PointerEvent) => (orientation === 'horizontal' ? event.clientY : event.clientX);

  const onKeyDown = (event: KeyboardEvent) => {
    const by = event.shiftKey ? step * 5 : step;
    const grow = orientation === 'horizontal' ? 'ArrowDown' : 'ArrowRight';
    const shrink = orientation === 'horizontal' ? 'ArrowUp' : 'ArrowLeft';
    let next: number;
    if (event.key === grow) next = value + by;
    else if (event.key === shrink) next = value - by;
    else if (event.key === 'Home') next = min;
    else if (event.key === 'End') next = max;
    else return;
    event.preventDefault();
    event.stopPropagation();
    onChange(clamp(next, min, max));
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      className={`splitter splitter-${orientation}${className ? ` ${className}` : ''}`}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { start: position(event), value };
      }}
      onPointerMove={(event) => {
        if (!drag.current) return;
        onChange(clamp(drag.current.value + position(event) - drag.current.start, min, max));
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
      onPointerCancel={() => {
        drag.current = null;
      }}
    />
  );
}
