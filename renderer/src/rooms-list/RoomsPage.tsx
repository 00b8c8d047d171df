import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../i18n';
import { CreateRoomForm } from './CreateRoomForm';
import { RoomsList } from './RoomsList';
import { SearchAllRooms } from './SearchAllRooms';
import { useRooms } from './use-rooms';

export function RoomsPage({ preferences }: { preferences: ReactNode }) {
  const { t } = useTranslation('rooms');
  const [includeArchived, setIncludeArchived] = useState(false);
  const { rooms, error } = useRooms(includeArchived);

  return (
    <main className="rooms-page">
      <header className="page-header">
        <div>
          <h1>{t('common:appName')}</h1>
          <p className="muted">{t('common:tagline')}</p>
        </div>
        {preferences}
      </header>
      <div className="rooms-layout">
        <section aria-labelledby="rooms-heading" className="card">
          <div className="section-header">
            <h2 id="rooms-heading">{t('title')}</h2>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={includeArchived}
                onChange={(event) => setIncludeArchived(event.target.checked)}
              />
              {t('showArchived')}
            </label>
          </div>
          {error && (
            <p role="alert" className="form-error">
              {errorText(error)}
            </p>
          )}
          {rooms ? <RoomsList rooms={rooms} /> : <p className="muted">{t('common:loading')}</p>}
        </section>
        <CreateRoomForm />
      </div>
      <SearchAllRooms />
    </main>
  );
}
