import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchRoomsOutput } from '../../../shared/contract/calls/search';
import type { ContractError } from '../../../shared/contract/result';
import { api } from '../api';
import { errorText } from '../i18n';
import { roomHitHref, type RoomOpening } from '../toolkit/use-hash-route';
import { highlightText } from '../workspace/highlight';

function Marked({ text, terms }: { text: string; terms: readonly string[] }) {
  const shown = text.length > 240 ? `${text.slice(0, 240)}…` : text;
  return (
    <>
      {highlightText(shown, terms).map((piece, index) =>
        piece.match ? <mark key={index}>{piece.text}</mark> : <span key={index}>{piece.text}</span>,
      )}
    </>
  );
}

interface HitProps {
  roomId: string;
  roomName: string;
  opening: RoomOpening;
  when: number;
  children: ReactNode;
}

/** One hit: a link that opens its room on it (search column, and the drafts or moments panel). */
function Hit({ roomId, roomName, opening, when, children }: HitProps) {
  const { i18n } = useTranslation();
  return (
    <li className="search-hit">
      <a href={roomHitHref(roomId, opening)}>
        <span className="search-hit-room">{roomName}</span>
        <time className="muted" dateTime={new Date(when).toISOString()}>
          {new Date(when).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })}
        </time>
        <span className="search-hit-text">{children}</span>
      </a>
    </li>
  );
}

function HitList({ label, empty, children }: { label: string; empty: boolean; children: ReactNode }) {
  const { t } = useTranslation('rooms');
  return (
    <section className="search-group" aria-label={label}>
      <h3>{label}</h3>
      {empty ? <p className="muted">{t('search.none')}</p> : <ul className="search-hits">{children}</ul>}
    </section>
  );
}

/**
 * Search every room at once, past events first among them: posts, drafts and moments in the
 * columns' query language. A hit opens its room with the words in the
 * search column (and the drafts or moments panel forward).
 */
export function SearchAllRooms() {
  const { t } = useTranslation('rooms');
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<{ query: string; found: SearchRoomsOutput } | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const query = text.trim();
    if (query === '') return;
    setBusy(true);
    const result = await api.search.rooms({ query, includeArchived: true });
    setBusy(false);
    if (!result.ok) {
      setError(result);
      setAnswer(null);
      return;
    }
    setError(null);
    setAnswer({ query, found: result.value });
  };

  const found = answer?.found;
  return (
    <section className="card search-all" aria-labelledby="search-all-heading">
      <h2 id="search-all-heading">{t('search.title')}</h2>
      <form role="search" aria-label={t('search.title')} className="search-all-form" onSubmit={(e) => void submit(e)}>
        <input
          type="search"
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={text}
          maxLength={500}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" disabled={busy}>
          {t('search.submit')}
        </button>
      </form>
      {error && (
        <p role="alert" className="form-error">
          {errorText(error)}
        </p>
      )}
      {answer && found && (
        <div className="search-results" aria-live="polite">
          <p className="muted" role="status">
            {t('search.summary', {
              count: found.items.length + found.drafts.length + found.moments.length,
              rooms: t('search.roomCount', { count: found.roomsSearched }),
            })}
          </p>
          <HitList label={t('search.posts')} empty={found.items.length === 0}>
            {found.items.map((hit) => (
              <Hit
                key={`${hit.roomId}:${hit.itemId}`}
                roomId={hit.roomId}
                roomName={hit.roomName}
                opening={{ search: answer.query }}
                when={hit.publishedAt}
              >
                {hit.author && <strong>{hit.author}: </strong>}
                <Marked text={hit.text} terms={found.terms} />
              </Hit>
            ))}
          </HitList>
          <HitList label={t('search.drafts')} empty={found.drafts.length === 0}>
            {found.drafts.map((hit) => (
              <Hit
                key={hit.draftId}
                roomId={hit.roomId}
                roomName={hit.roomName}
                opening={{ search: answer.query, panel: 'drafts' }}
                when={hit.updatedAt}
              >
                <Marked text={hit.text} terms={found.terms} />
              </Hit>
            ))}
          </HitList>
          <HitList label={t('search.moments')} empty={found.moments.length === 0}>
            {found.moments.map((hit) => (
              <Hit
                key={hit.momentId}
                roomId={hit.roomId}
                roomName={hit.roomName}
                opening={{ search: answer.query, panel: 'moments' }}
                when={hit.detectedAt}
              >
                <Marked text={hit.text} terms={found.terms} />
              </Hit>
            ))}
          </HitList>
        </div>
      )}
    </section>
  );
}
