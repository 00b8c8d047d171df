import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryView } from '../../../shared/publishing/outbox';
import { api } from '../api';
import { errorText } from '../i18n';

/**
 * A channel without an open API: copy the text, post it on the network's own page, then
 * paste the post's address (or just say it is posted). That moment is the published time.
 */
export function ManualPost({ entry, onResult }: { entry: EntryView; onResult: (failure: string | null) => void }) {
  const { t } = useTranslation('publishing');
  const [url, setUrl] = useState('');
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(entry.body);
      setCopied(true);
      onResult(null);
    } catch {
      onResult(t('manual.copyFailed'));
    }
  };
  const posted = async () => {
    const trimmed = url.trim();
    const result = await api.outbox.confirmManual({ id: entry.id, ...(trimmed ? { url: trimmed } : {}) });
    onResult(result.ok ? null : errorText(result));
  };

  return (
    <div className="manual-post" role="group" aria-label={t('manual.label', { channel: entry.channelLabel })}>
      <button type="button" onClick={() => void copy()}>
        {t('manual.copy')}
      </button>
      {copied && <span role="status">{t('manual.copied')}</span>}
      {entry.composeUrl && (
        <a href={entry.composeUrl} target="_blank" rel="noopener noreferrer">
          {t('manual.open', { channel: entry.channelLabel })}
        </a>
      )}
      <label>
        {t('manual.url')}
        <input type="url" value={url} placeholder="https://" onChange={(event) => setUrl(event.target.value)} />
      </label>
      <button type="button" className="primary" onClick={() => void posted()}>
        {t('manual.posted')}
      </button>
    </div>
  );
}
