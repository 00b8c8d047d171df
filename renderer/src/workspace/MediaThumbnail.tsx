import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A post's image, or, when it can't be loaded (venue Wi-Fi, a dead link, offline replay),
 * a quiet box of the same size that says so: no broken-image icon, no alt text spilling
 * over the card, and the row keeps the height the virtualized list measured.
 */
export function MediaThumbnail({ url, index, author }: { url: string; index: number; author: string }) {
  const { t } = useTranslation('workspace');
  const [failed, setFailed] = useState(false);
  const label = t('item.media', { index, author });
  if (failed) {
    return (
      <span className="media-missing" role="img" aria-label={t('item.mediaUnavailable', { label })}>
        {t('item.mediaUnavailableShort')}
      </span>
    );
  }
  return <img src={url} alt={label} loading="lazy" referrerPolicy="no-referrer" onError={() => setFailed(true)} />;
}
