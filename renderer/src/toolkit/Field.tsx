import type { ReactNode } from 'react';

/** A form control with its visible label above it; the label also names the control. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label>
      <span>{label}</span>
      {children}
    </label>
  );
}
