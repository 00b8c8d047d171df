/**
 * The report's own style sheet, inlined in the file and scoped to `.riposte-report` so the
 * Report view can show the same markup inside the app. The print rules give page numbers
 * and keep charts, headline cards and table rows whole across pages.
 */
export function reportStyles(pageSize: 'A4' | 'Letter'): string {
  return `
.riposte-report { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #212529;
  background: #fff; max-width: 820px; margin: 0 auto; padding: 24px; }
.riposte-report h1 { font-size: 24px; margin: 0 0 4px; }
.riposte-report h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #364fc7; padding-bottom: 2px;
  break-after: avoid; }
.riposte-report h3 { font-size: 15px; margin: 18px 0 6px; break-after: avoid; }
.riposte-report .tz { font-weight: 600; }
.riposte-report .muted { color: #6c757d; }
.riposte-report .debrief { border-left: 4px solid #364fc7; padding: 4px 12px; background: #f1f3f5; }
.riposte-report .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; }
.riposte-report .card { border: 1px solid #dee2e6; border-radius: 6px; padding: 8px; break-inside: avoid; }
.riposte-report .card b { display: block; font-size: 20px; }
.riposte-report table { width: 100%; border-collapse: collapse; font-size: 12px; margin: 6px 0; }
.riposte-report th, .riposte-report td { border-bottom: 1px solid #dee2e6; padding: 3px 5px; text-align: left;
  vertical-align: top; }
.riposte-report th { background: #f1f3f5; }
.riposte-report tr { break-inside: avoid; }
.riposte-report td.num { text-align: right; font-variant-numeric: tabular-nums; }
.riposte-report .chart, .riposte-report figure { break-inside: avoid; page-break-inside: avoid; margin: 8px 0; }
.riposte-report svg text { font: 10px system-ui, sans-serif; fill: #495057; }
.riposte-report .small-charts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; }
.riposte-report .small-chart { border: 1px solid #dee2e6; border-radius: 4px; }
.riposte-report .bad { color: #c92a2a; }
.riposte-report a { color: #1c7ed6; word-break: break-all; }
@page { size: ${pageSize}; margin: 14mm 12mm 16mm;
  @bottom-right { content: counter(page) " / " counter(pages); font: 10px system-ui, sans-serif; color: #6c757d; } }
@media print {
  .riposte-report { max-width: none; padding: 0; }
  .riposte-report h2 { break-before: auto; }
}`;
}
