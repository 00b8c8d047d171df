import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Room } from '../../../shared/rooms/room';
import { api } from '../api';
import { roomHref } from '../toolkit/use-hash-route';
import { errorText } from '../i18n';
import { formatRoomTime } from '../toolkit/room-time';

function RenameForm({ room, onDone }: { room: Room; onDone: () => void }) {
  const { t } = useTranslation('rooms');
  const [name, setName] = useState(room.name);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await api.rooms.rename({ id: room.id, name });
    if (result.ok) onDone();
    else setError(errorText(result));
  };

  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <input
        aria-label={t('list.newName', { name: room.name })}
        value={name}
        onChange={(event) => setName(event.target.value)}
        autoFocus
        onKeyDown={(event) => event.key === 'Escape' && onDone()}
      />
      <button type="submit">{t('common:save')}</button>
      <button type="button" onClick={onDone}>
        {t('common:cancel')}
      </button>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </form>
  );
}

function RoomRow({ room }: { room: Room }) {
  const { t, i18n } = useTranslation('rooms');
  const [renaming, setRenaming] = useState(false);
  const archived = room.archivedAt !== null;
  const schedule = t('list.schedule', {
    start: formatRoomTime(room.startsAt, room, i18n.language),
    end: formatRoomTime(room.endsAt, room, i18n.language),
    timeZone: room.timeZone,
  });

  return (
    <li className={archived ? 'room-row archived' : 'room-row'}>
      {renaming ? (
        <RenameForm room={room} onDone={() => setRenaming(false)} />
      ) : (
        <div className="room-row-main">
          <a href={roomHref(room.id)} aria-label={t('list.open', { name: room.name })} className="room-name">
            {room.name}
          </a>
          <span className="muted">{schedule}</span>
          {archived && <span className="tag">{t('list.archived')}</span>}
        </div>
      )}
      <div className="room-row-actions">
        {!renaming && (
          <button type="button" onClick={() => setRenaming(true)} aria-label={t('list.rename', { name: room.name })}>
            ✎
          </button>
        )}
        {archived ? (
          <button
            type="button"
            onClick={() => void api.rooms.unarchive({ id: room.id })}
            aria-label={t('list.unarchive', { name: room.name })}
          >
            ↺
          </button>
        ) : (
          <button
            type="button"
            onClick={() => void api.rooms.archive({ id: room.id })}
            aria-label={t('list.archive', { name: room.name })}
          >
            🗄
          </button>
        )}
      </div>
    </li>
  );
}

export function RoomsList({ rooms }: { rooms: Room[] }) {
  const { t } = useTranslation('rooms');
  if (rooms.length === 0) return <p className="muted empty">{t('empty')}</p>;
  return (
    <ul className="rooms-list" aria-label={t('list.label')}>
      {rooms.map((room) => (
        <RoomRow key={room.id} room={room} />
      ))}
    </ul>
  );
}
