import { BrowserWindow, shell } from 'electron';
import type { ReportShell } from '../core/report/report-shell';

/**
 * The desktop's part of the report: the HTML document printed to PDF from a hidden,
 * script-less window (its print style sheet gives page numbers and keeps charts whole),
 * and the exports folder shown in the file manager.
 */
export const electronReportShell: ReportShell = {
  async printToPdf(html, pageSize) {
    const window = new BrowserWindow({
      show: false,
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    try {
      // The document is self-contained (inline CSS and SVG), well under Chromium's 2 MB address limit.
      await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
      return await window.webContents.printToPDF({ pageSize, printBackground: true, preferCSSPageSize: true });
    } finally {
      window.destroy();
    }
  },
  async openFolder(path) {
    const failure = await shell.openPath(path);
    if (failure) throw new Error(failure);
  },
};
