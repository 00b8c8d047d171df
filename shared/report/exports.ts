import { z } from 'zod';
import { ReportSection } from './figures';

/** What a report export can be: the document (HTML, PDF), its figures (JSON) or a table (CSV). */
export const csvTables = ['items', 'moments', 'drafts', 'outbox', 'audit'] as const;
export const CsvTable = z.enum(csvTables);
export type CsvTable = z.infer<typeof CsvTable>;

export const PageSize = z.enum(['A4', 'Letter']);
export type PageSize = z.infer<typeof PageSize>;

export const DocumentChoices = z.object({
  language: z.enum(['fr', 'en']),
  sections: z.array(ReportSection).min(1).max(6),
  debrief: z.string().max(20_000).default(''),
  pageSize: PageSize.default('A4'),
});
export type DocumentChoices = z.infer<typeof DocumentChoices>;

export const CsvChoices = z.object({
  table: CsvTable,
  /** ',' plain; ';' with a byte-order mark, which French Excel needs to open it right. */
  delimiter: z.enum([',', ';']).default(','),
  /** Items only: just those matching this column's query and filters. */
  columnId: z.string().min(1).max(64).optional(),
});
export type CsvChoices = z.infer<typeof CsvChoices>;

/** Export file names: the room's id, what it is and when, nothing a path could abuse. */
export const ExportFileName = z.string().regex(/^[\w.-]{1,160}$/);
