import type { IncomingMessage } from 'node:http';
import enTeam from '../../shared/i18n/locales/en/team.json';
import frTeam from '../../shared/i18n/locales/fr/team.json';

type JoinStrings = (typeof enTeam)['join'];

export const joinLocale = (request: IncomingMessage): 'en' | 'fr' =>
  /^fr\b/i.test((request.headers['accept-language'] ?? '').trim()) ? 'fr' : 'en';

export const joinStrings = (locale: 'en' | 'fr'): JoinStrings => (locale === 'fr' ? frTeam.join : enTeam.join);

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The page an invite link opens (no session yet). The link's secret is in the fragment:
 * join.js reads it, takes it out of the address bar, and posts it with the device name.
 */
export function joinPage(locale: 'en' | 'fr', fingerprint: string): string {
  const s = joinStrings(locale);
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(s.title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:1rem 0 .25rem}input{font:inherit;width:100%;padding:.4rem}code{word-break:break-all}button{margin-top:1rem;font:inherit;padding:.4rem 1rem}</style>
</head><body><main>
<h1>${e(s.title)}</h1><p>${e(s.intro)}</p>
<p>${e(s.fingerprintCheck)}<br><code>${e(fingerprint)}</code></p>
<form id="join" data-failed="${e(s.failed)}">
<div id="code-field"><label for="code">${e(s.code)}</label><input id="code" name="code" autocomplete="off" spellcheck="false"></div>
<label for="device">${e(s.device)}</label><input id="device" name="device" required maxlength="100" placeholder="${e(s.devicePlaceholder)}">
<button type="submit">${e(s.submit)}</button>
<p id="status" role="alert"></p>
</form></main><script src="/join.js"></script></body></html>`;
}

/** What a browser without a live session gets (never invited, revoked, or its person left), in its language. */
export function noSessionPage(locale: 'en' | 'fr'): string {
  const s = locale === 'fr' ? frTeam.noSession : enTeam.noSession;
  const e = escapeHtml;
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(s.title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}</style>
</head><body><main>
<h1>${e(s.title)}</h1><p>${e(s.body)}</p><p>${e(s.next)}</p><p><a href="/join">${e(s.join)}</a></p>
</main></body></html>`;
}

export const joinScript = `'use strict';
(function () {
  var secret = null;
  var match = /(?:^#|&)invite=([^&]+)/.exec(location.hash);
  if (match) {
    secret = decodeURIComponent(match[1]);
    // Nothing secret stays in the address bar or the history.
    history.replaceState(null, '', '/join');
    document.getElementById('code-field').hidden = true;
  }
  var form = document.getElementById('join');
  var status = document.getElementById('status');
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var given = secret || document.getElementById('code').value;
    var device = document.getElementById('device').value;
    status.textContent = '';
    fetch('/join', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secret: given, device: device }),
      credentials: 'same-origin',
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (response.ok) {
            location.replace('/');
            return;
          }
          status.textContent = form.dataset.failed.replace('{{message}}', body.message || response.status);
        });
      })
      .catch(function (error) {
        status.textContent = form.dataset.failed.replace('{{message}}', String(error));
      });
  });
})();
`;
