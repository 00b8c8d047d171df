import type { AuditRecord } from './audit-entries';

/**
 * Appends to the audit trail. Call it inside the transaction of the change it records, so
 * a change and its line are stored together or not at all.
 */
export interface AuditLog {
  record(entry: AuditRecord): void;
}
