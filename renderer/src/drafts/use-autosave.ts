import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { Network } from '../../../shared/drafts/networks';
import { api } from '../api';
import { errorText } from '../i18n';

export const AUTOSAVE_DELAY_MS = 500;

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'error'; message: string }
  | { kind: 'conflict'; message: string; theirs: DraftView };

/**
 * The body as typed, saved ~500 ms after the last keystroke and on blur, each save naming
 * the version it started from. A stale save comes back as a conflict; nothing is overwritten.
 * Nothing is sent while nobody is picked in the room (`meId` null): main would refuse it.
 */
export function useAutosave(draft: DraftView, meId: string | null) {
  const [body, setBody] = useState(draft.body);
  const [networks, setNetworks] = useState<Network[]>(draft.networks);
  const [media, setMedia] = useState<string[]>(draft.media);
  const [altTexts, setAltTexts] = useState<Record<string, string>>(draft.altTexts);
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const version = useRef(draft.version);
  const dirty = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  // What the next save sends; written where the text changes, read when saving.
  const latest = useRef({ body: draft.body, networks: draft.networks, media: draft.media, altTexts: draft.altTexts });

  // Someone else's change arrives: take it when we have nothing unsaved.
  useEffect(() => {
    if (!dirty.current && draft.version > version.current) {
      version.current = draft.version;
      latest.current = { body: draft.body, networks: draft.networks, media: draft.media, altTexts: draft.altTexts };
      setBody(draft.body);
      setNetworks(draft.networks);
      setMedia(draft.media);
      setAltTexts(draft.altTexts);
    }
  }, [draft]);

  const flush = useCallback(async () => {
    window.clearTimeout(timer.current);
    if (!dirty.current || !meId) return;
    dirty.current = false;
    const sent = latest.current;
    const result = await api.drafts.save({
      id: draft.id,
      body: sent.body,
      networks: sent.networks,
      media: sent.media,
      altTexts: sent.altTexts,
      baseVersion: version.current,
    });
    if (result.ok) {
      version.current = result.value.version;
      setState(dirty.current ? { kind: 'pending' } : { kind: 'saved' });
      return;
    }
    dirty.current = true;
    if (result.code === 'conflict') {
      const theirs = await api.drafts.get({ id: draft.id });
      if (theirs.ok) {
        setState({ kind: 'conflict', message: errorText(result), theirs: theirs.value });
        return;
      }
    }
    setState({ kind: 'error', message: errorText(result) });
  }, [meId, draft.id]);

  const change = (next: {
    body?: string;
    networks?: Network[];
    media?: string[];
    altTexts?: Record<string, string>;
  }) => {
    if (next.body !== undefined) setBody(next.body);
    if (next.networks !== undefined) setNetworks(next.networks);
    if (next.media !== undefined) setMedia(next.media);
    if (next.altTexts !== undefined) setAltTexts(next.altTexts);
    latest.current = {
      body: next.body ?? latest.current.body,
      networks: next.networks ?? latest.current.networks,
      media: next.media ?? latest.current.media,
      altTexts: next.altTexts ?? latest.current.altTexts,
    };
    dirty.current = true;
    setState((current) => (current.kind === 'conflict' ? current : { kind: 'pending' }));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  };

  /** After a conflict: take their text, or keep ours and save it over their version. */
  const resolve = (keep: 'theirs' | 'mine') => {
    if (state.kind !== 'conflict') return;
    version.current = state.theirs.version;
    if (keep === 'theirs') {
      dirty.current = false;
      latest.current = {
        body: state.theirs.body,
        networks: state.theirs.networks,
        media: state.theirs.media,
        altTexts: state.theirs.altTexts,
      };
      setBody(state.theirs.body);
      setNetworks(state.theirs.networks);
      setMedia(state.theirs.media);
      setAltTexts(state.theirs.altTexts);
      setState({ kind: 'saved' });
    } else {
      dirty.current = true;
      setState({ kind: 'pending' });
      void flush();
    }
  };

  // Closing the editor mid-typing still saves what was typed.
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);
  useEffect(() => () => void flushRef.current(), []);
  return { body, networks, media, altTexts, state, change, flush, resolve };
}
