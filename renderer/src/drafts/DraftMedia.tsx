import { MAX_MEDIA } from '../../../shared/drafts/networks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssetListing } from '../../../shared/contract/calls/assets';
import { api } from '../api';
import { errorText } from '../i18n';

/**
 * The room's asset folder, shown so the team knows where to drop images, and its images
 * as thumbnails to attach. The relative `/assets/…` address works in both shells.
 */
export function DraftMedia(props: {
  roomId: string;
  media: string[];
  altTexts: Record<string, string>;
  disabled: boolean;
  onChange: (media: string[]) => void;
  onAltText: (altTexts: Record<string, string>) => void;
}) {
  const { t } = useTranslation('drafts');
  const { roomId, media, onChange } = props;
  const [listing, setListing] = useState<AssetListing | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api.assets.list({ roomId }).then((result) => {
        setListing(result.ok ? result.value : null);
        setFailure(result.ok ? null : errorText(result));
      }),
    [roomId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const names = listing?.files.map((file) => file.name) ?? [];
  // Attached images whose file has gone stay listed, so they can be detached.
  const gone = listing ? media.filter((name) => !names.includes(name)) : [];
  const full = media.length >= MAX_MEDIA;
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...media, name] : media.filter((attached) => attached !== name));
  const box = (name: string) => (
    <input
      type="checkbox"
      aria-label={t('media.attach', { name })}
      checked={media.includes(name)}
      disabled={props.disabled || (full && !media.includes(name))}
      onChange={(event) => toggle(name, event.target.checked)}
    />
  );

  return (
    <fieldset className="draft-media">
      <legend>{t('media.title')}</legend>
      {listing && (
        <p className="muted">
          {listing.folder !== null && (
            <>
              {t('media.folder')} <code>{listing.folder}</code>{' '}
            </>
          )}
          <button type="button" onClick={() => void load()}>
            {t('media.refresh')}
          </button>
        </p>
      )}
      {listing && names.length === 0 && <p className="muted">{t('media.empty')}</p>}
      <ul className="media-list" aria-label={t('media.list')}>
        {names.map((name) => (
          <li key={name}>
            <label>
              {box(name)}
              <img src={`/assets/${encodeURIComponent(roomId)}/${encodeURIComponent(name)}`} alt={name} />
            </label>
          </li>
        ))}
        {gone.map((name) => (
          <li key={name}>
            <label>
              {box(name)}
              {t('media.gone', { name })}
            </label>
          </li>
        ))}
      </ul>
      <p className="muted">{t('media.count', { attached: media.length, max: MAX_MEDIA })}</p>
      {/* Asked for each attached image: the networks publish it as the image's description. */}
      {media.map((name) => (
        <label key={name} className="alt-text">
          {t('media.altText', { name })}
          <textarea
            rows={2}
            maxLength={1500}
            value={props.altTexts[name] ?? ''}
            readOnly={props.disabled}
            onChange={(event) => props.onAltText({ ...props.altTexts, [name]: event.target.value })}
          />
          {(props.altTexts[name] ?? '').trim() === '' && <small className="muted">{t('media.altMissing')}</small>}
        </label>
      ))}
      {failure && (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
    </fieldset>
  );
}
