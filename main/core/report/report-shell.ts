import type { PageSize } from '../../../shared/report/exports';

/**
 * What only a desktop shell can do for the report: print the document to PDF (Electron's
 * printToPDF from a hidden window) and show the exports folder. Serve mode has neither:
 * the browser prints the page and downloads the files.
 */
export interface ReportShell {
  printToPdf(html: string, pageSize: PageSize): Promise<Uint8Array>;
  openFolder(path: string): Promise<void>;
}
