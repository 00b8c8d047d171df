import { useEffect, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { ReportExport } from '../../../shared/contract/calls/report';
import type { ContractError } from '../../../shared/contract/result';
import type { Room } from '../../../shared/rooms/room';
import { renderReportBody } from '../../../shared/report/document/render-document';
import { reportStyles } from '../../../shared/report/document/styles';
import { csvTables, type CsvTable, type PageSize } from '../../../shared/report/exports';
import { reportSections, type ReportSection } from '../../../shared/report/figures';
import { api } from '../api';
import { errorText } from '../i18n';
import { useJobProgress, useReportFigures, type Progress } from './use-report';
import './report.css';

function ProgressBar({ progress, onCancel }: { progress: Progress; onCancel: () => void }) {
  const { t } = useTranslation('report');
  return (
    <div className="report-progress">
      <progress aria-label={t('view.progress')} max={Math.max(1, progress.total)} value={progress.done} />
      <button type="button" onClick={onCancel}>
        {t('view.cancel')}
      </button>
    </div>
  );
}

/**
 * The post-event report of a room: the same document the HTML and PDF exports hold (drawn
 * by shared/report/document with d3), with its sections, debrief and language chosen here.
 */
export function ReportView({ room, onClose }: { room: Room; onClose: () => void }) {
  const { t } = useTranslation('report');
  const { figures, error, recount, progress, cancel } = useReportFigures(room.id);
  const [sections, setSections] = useState<ReportSection[]>([...reportSections]);
  const [debrief, setDebrief] = useState('');
  const [language, setLanguage] = useState<'fr' | 'en'>(room.language);
  const [pageSize, setPageSize] = useState<PageSize>('A4');
  const [table, setTable] = useState<CsvTable>('items');
  const [delimiter, setDelimiter] = useState<',' | ';'>(room.language === 'fr' ? ';' : ',');
  const [columnId, setColumnId] = useState('');
  const [shell, setShell] = useState<'electron' | 'serve'>('serve');
  const [done, setDone] = useState<ReportExport | null>(null);
  const [failure, setFailure] = useState<ContractError | null>(null);
  const exporting = useJobProgress();

  useEffect(() => {
    void api.app.info({}).then((result) => result.ok && setShell(result.value.shell));
  }, []);

  const body = useMemo(
    () => (figures ? renderReportBody(figures, { language, sections, debrief }) : ''),
    [figures, language, sections, debrief],
  );

  const toggle = (section: ReportSection) =>
    setSections((now) =>
      now.includes(section)
        ? now.filter((s) => s !== section)
        : reportSections.filter((s) => s === section || now.includes(s)),
    );

  const run = async (format: ReportExport['format']) => {
    setDone(null);
    setFailure(null);
    if (format === 'pdf' && shell === 'serve') {
      document.documentElement.classList.add('printing-report');
      window.print();
      document.documentElement.classList.remove('printing-report');
      return;
    }
    const jobId = exporting.begin(format);
    const document_ = { language, sections, debrief, pageSize };
    const result = await api.report.export(
      format === 'csv'
        ? {
            roomId: room.id,
            jobId,
            format,
            csv: { table, delimiter, ...(table === 'items' && columnId ? { columnId } : {}) },
          }
        : format === 'json'
          ? { roomId: room.id, jobId, format }
          : { roomId: room.id, jobId, format, document: document_ },
    );
    exporting.end();
    if (!result.ok) return setFailure(result);
    setDone(result.value);
    if (shell === 'serve') {
      const link = document.createElement('a');
      link.href = `/exports/${encodeURIComponent(result.value.fileName)}`;
      link.download = result.value.fileName;
      link.click();
    }
  };

  return (
    <div className="report-view" aria-label={t('view.title')} role="region">
      <aside className="report-controls">
        <button type="button" onClick={onClose}>
          ← {t('view.close')}
        </button>
        <h2>{t('view.title')}</h2>
        <fieldset>
          <legend>{t('view.sections')}</legend>
          {reportSections.map((section) => (
            <label key={section}>
              <input type="checkbox" checked={sections.includes(section)} onChange={() => toggle(section)} />
              {t(`doc.sections.${section}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('view.debrief')}
          <textarea rows={5} value={debrief} onChange={(event) => setDebrief(event.target.value)} />
        </label>
        <label>
          {t('view.language')}
          <select value={language} onChange={(event) => setLanguage(event.target.value === 'en' ? 'en' : 'fr')}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </select>
        </label>
        <label>
          {t('view.pageSize')}
          <select value={pageSize} onChange={(event) => setPageSize(event.target.value === 'Letter' ? 'Letter' : 'A4')}>
            <option value="A4">A4</option>
            <option value="Letter">Letter</option>
          </select>
        </label>
        <button type="button" onClick={() => void recount()} disabled={progress !== null}>
          {t('view.refresh')}
        </button>
        {progress && <ProgressBar progress={progress} onCancel={cancel} />}
        <fieldset>
          <legend>{t('view.export')}</legend>
          <button type="button" onClick={() => void run('html')} disabled={!figures}>
            {t('view.exportHtml')}
          </button>
          <button type="button" onClick={() => void run('pdf')} disabled={!figures}>
            {t('view.exportPdf')}
          </button>
          <button type="button" onClick={() => void run('json')} disabled={!figures}>
            {t('view.exportJson')}
          </button>
          <label>
            {t('view.csvTable')}
            <select
              value={table}
              onChange={(event) => setTable(csvTables.find((n) => n === event.target.value) ?? 'items')}
            >
              {csvTables.map((name) => (
                <option key={name} value={name}>
                  {t(`view.tables.${name}`)}
                </option>
              ))}
            </select>
          </label>
          {table === 'items' && (
            <label>
              {t('view.csvColumn')}
              <select value={columnId} onChange={(event) => setColumnId(event.target.value)}>
                <option value="">{t('view.allItems')}</option>
                {figures?.timeline.columns.map((column) => (
                  <option key={column.id} value={column.id}>
                    {column.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('view.delimiter')}
            <select value={delimiter} onChange={(event) => setDelimiter(event.target.value === ';' ? ';' : ',')}>
              <option value=",">{t('view.comma')}</option>
              <option value=";">{t('view.semicolon')}</option>
            </select>
          </label>
          <button type="button" onClick={() => void run('csv')}>
            {t('view.exportCsv')}
          </button>
        </fieldset>
        {exporting.progress && <ProgressBar progress={exporting.progress} onCancel={exporting.cancel} />}
        {done && (
          <p role="status">
            {t('view.exported', { file: done.fileName })}{' '}
            {shell === 'electron' && (
              <button type="button" onClick={() => void api.report.openFolder({ roomId: room.id })}>
                {t('view.openFolder')}
              </button>
            )}
          </p>
        )}
        {failure && <p role="alert">{errorText(failure)}</p>}
        {error && <p role="alert">{errorText(error)}</p>}
      </aside>
      <style>{reportStyles(pageSize)}</style>
      {/* The body is built by the report's own renderer, which escapes every text from the store. */}
      <div className="report-preview" dangerouslySetInnerHTML={{ __html: body }} />
      {createPortal(<div id="report-print" dangerouslySetInnerHTML={{ __html: body }} />, document.body)}
    </div>
  );
}
