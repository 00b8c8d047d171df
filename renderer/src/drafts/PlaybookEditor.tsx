import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { Playbook } from '../../../shared/playbook/playbook';
import { api } from '../api';
import { errorText } from '../i18n';
import { fromText, toText, type PlaybookText } from './playbook-text';

const fields: (keyof PlaybookText)[] = ['pillars', 'voice', 'bannedTerms', 'accounts', 'domains', 'hashtags'];

export function PlaybookEditor({
  roomId,
  playbook,
  me,
}: {
  roomId: string;
  playbook: Playbook;
  me: RoomMember | null;
}) {
  const { t } = useTranslation('drafts');
  const [text, setText] = useState<PlaybookText>(() => toText(playbook));
  const [status, setStatus] = useState<{ error: boolean; message: string } | null>(null);

  const done = (result: { ok: true; value: Playbook } | { ok: false; message: string; messageKey?: string }) => {
    if (result.ok) {
      setText(toText(result.value));
      setStatus({ error: false, message: t('playbook.saved') });
    } else setStatus({ error: true, message: errorText(result) });
  };

  const save = async () => {
    if (!me) return;
    // Validated by main; the schema's defaults are applied there.
    done(await api.playbook.update({ roomId, playbook: fromText(text) }));
  };

  const exportFile = async () => {
    const result = await api.playbook.export({ roomId });
    if (!result.ok) return setStatus({ error: true, message: errorText(result) });
    const url = URL.createObjectURL(new Blob([result.value.text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = result.value.fileName;
    link.click();
    URL.revokeObjectURL(url);
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file || !me) return;
    done(await api.playbook.import({ roomId, text: await file.text() }));
    event.target.value = '';
  };

  return (
    <form
      className="playbook-editor"
      aria-label={t('playbook.title')}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      {fields.map((field) => (
        <label key={field}>
          {t(`playbook.${field}`)}
          <small className="muted">{t(`playbook.hints.${field}`)}</small>
          <textarea
            rows={field === 'voice' ? 3 : 4}
            value={text[field]}
            onChange={(event) => setText({ ...text, [field]: event.target.value })}
          />
        </label>
      ))}
      <div className="row">
        <button type="submit" className="primary" disabled={!me}>
          {t('playbook.save')}
        </button>
        <button type="button" onClick={() => void exportFile()}>
          {t('playbook.export')}
        </button>
        <label className="file-button">
          {t('playbook.import')}
          <input
            type="file"
            accept="application/json,.json"
            disabled={!me}
            onChange={(event) => void importFile(event)}
          />
        </label>
      </div>
      {status && <p role={status.error ? 'alert' : 'status'}>{status.message}</p>}
    </form>
  );
}
