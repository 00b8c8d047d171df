import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BankEntry } from '../../../shared/contract/calls/bank';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { networks as allNetworks, type Network } from '../../../shared/drafts/networks';
import type { RoomPolicy } from '../../../shared/drafts/team';
import type { Cue } from '../../../shared/moments/moment';
import { api } from '../api';
import { refetchOnRoom, type LiveQuery } from '../toolkit/live-query/live-query';
import { useLiveQuery } from '../toolkit/live-query/use-live-query';
import { useNow } from '../toolkit/use-now';
import { errorText } from '../i18n';
import { useCues } from '../moments/use-moments';
import { fromLocalInput, toLocalInput } from './format';

function bankStatus(entry: BankEntry, now: number): 'valid' | 'upcoming' | 'past' {
  if (now < entry.validFrom) return 'upcoming';
  return now < entry.validUntil ? 'valid' : 'past';
}

const noEntries: BankEntry[] = [];
const roomBank: LiveQuery<string, BankEntry[]> = {
  load: (roomId) => api.bank.list({ roomId }),
  refetchOn: [refetchOnRoom('drafts.changed')],
};

/** Which run-of-show cue a text is ready for: when that cue comes due, the alert offers it. */
function CuePicker(props: {
  cues: Cue[];
  value: string | null;
  onChange: (cueId: string | null) => void;
  disabled?: boolean;
  label: string;
}) {
  const { t, i18n } = useTranslation('drafts');
  const time = (at: number) => new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(at);
  return (
    <label>
      {props.label}
      <select
        value={props.value ?? ''}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.value || null)}
      >
        <option value="">{t('bank.noCue')}</option>
        {props.cues.map((cue) => (
          <option key={cue.id} value={cue.id}>
            {`${time(cue.at)} · ${cue.label}`}
          </option>
        ))}
      </select>
    </label>
  );
}

function AddToBank({
  roomId,
  me,
  policy,
  cues,
}: {
  roomId: string;
  me: RoomMember;
  policy: RoomPolicy | null;
  cues: Cue[];
}) {
  const { t } = useTranslation('drafts');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [targets, setTargets] = useState<Network[]>([]);
  const [from, setFrom] = useState(() => toLocalInput(Date.now()));
  const [until, setUntil] = useState(() => toLocalInput(Date.now() + 3 * 3_600_000));
  const [cueId, setCueId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const add = async () => {
    const result = await api.bank.add({
      roomId,
      title,
      body,
      networks: targets,
      validFrom: fromLocalInput(from),
      validUntil: fromLocalInput(until),
      cueId,
    });
    if (result.ok) {
      setTitle('');
      setBody('');
      setCueId(null);
      setOutcome({ ok: true, text: t('bank.added') });
    } else setOutcome({ ok: false, text: errorText(result) });
  };

  return (
    <form
      aria-label={t('bank.add')}
      onSubmit={(event) => {
        event.preventDefault();
        void add();
      }}
    >
      <h3>{t('bank.add')}</h3>
      {/* Main decides; this only says up front who may. */}
      {policy && !policy.approverRoles.includes(me.role) && <p className="muted">{t('bank.approversOnly')}</p>}
      <label>
        {t('bank.titleField')}
        <input value={title} onChange={(event) => setTitle(event.target.value)} required />
      </label>
      <label>
        {t('bank.body')}
        <textarea value={body} rows={3} onChange={(event) => setBody(event.target.value)} required />
      </label>
      <fieldset className="networks">
        <legend>{t('editor.networks')}</legend>
        {allNetworks.map((network) => (
          <label key={network}>
            <input
              type="checkbox"
              checked={targets.includes(network)}
              onChange={(event) =>
                setTargets(event.target.checked ? [...targets, network] : targets.filter((n) => n !== network))
              }
            />
            {t(`networks.${network}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('bank.validFrom')}
        <input type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} required />
      </label>
      <label>
        {t('bank.validUntil')}
        <input type="datetime-local" value={until} onChange={(event) => setUntil(event.target.value)} required />
      </label>
      <CuePicker cues={cues} value={cueId} onChange={setCueId} label={t('bank.cue')} />
      <button type="submit" className="primary">
        {t('bank.addButton')}
      </button>
      {outcome && <p role={outcome.ok ? 'status' : 'alert'}>{outcome.text}</p>}
    </form>
  );
}

/** Texts approved ahead of time; "use" turns one into an approved draft, ready to publish. */
export function BankPanel(props: {
  roomId: string;
  me: RoomMember | null;
  members: RoomMember[];
  policy: RoomPolicy | null;
  onOpen: (draftId: string) => void;
}) {
  const { t, i18n } = useTranslation('drafts');
  const { value: entries, error: bankError } = useLiveQuery(roomBank, props.roomId, noEntries);
  const { cues, error: cuesError } = useCues(props.roomId);
  const loadError = bankError ?? cuesError;
  const now = useNow(5000);
  const [failure, setFailure] = useState<string | null>(null);
  const { me } = props;
  const time = (at: number) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }).format(at);

  const mayLink = me !== null && (props.policy?.approverRoles.includes(me.role) ?? false);
  const link = async (entry: BankEntry, cueId: string | null) => {
    if (!me) return;
    const result = await api.bank.link({ id: entry.id, cueId });
    setFailure(result.ok ? null : errorText(result));
  };

  const use = async (entry: BankEntry) => {
    if (!me) return;
    const result = await api.bank.use({ id: entry.id });
    if (result.ok) props.onOpen(result.value.id);
    else setFailure(errorText(result));
  };

  return (
    <section className="bank-panel" aria-label={t('bank.title')}>
      {entries.length === 0 && <p className="muted">{t('bank.empty')}</p>}
      <ul aria-label={t('bank.entries')}>
        {entries.map((entry) => {
          const status = bankStatus(entry, now);
          const approver = props.members.find((m) => m.id === entry.approvedBy);
          return (
            <li key={entry.id} aria-label={entry.title} className={`bank-entry bank-${status}`}>
              <strong>{entry.title}</strong> <span className="tag">{t(`bank.status.${status}`)}</span>
              <p>{entry.body}</p>
              <p className="muted">
                {t('bank.window', { from: time(entry.validFrom), until: time(entry.validUntil) })}
                {approver ? ` · ${approver.name}` : ''}
              </p>
              <CuePicker
                cues={cues}
                value={entry.cueId}
                disabled={!mayLink}
                onChange={(cueId) => void link(entry, cueId)}
                label={t('bank.cueOf', { title: entry.title })}
              />
              <button
                type="button"
                disabled={!me || status !== 'valid'}
                aria-label={t('bank.use', { title: entry.title })}
                onClick={() => void use(entry)}
              >
                {t('bank.use', { title: '' }).trim()}
              </button>
            </li>
          );
        })}
      </ul>
      {failure && <p role="alert">{failure}</p>}
      {loadError && <p role="alert">{errorText(loadError)}</p>}
      {me && <AddToBank roomId={props.roomId} me={me} policy={props.policy} cues={cues} />}
    </section>
  );
}
