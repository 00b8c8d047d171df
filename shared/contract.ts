/**
 * The one contract between the renderer and main: every call with its input and output
 * schema, and every pushed event. Main validates each input with these schemas before a
 * handler runs; the preload and the WebSocket client expose exactly these names.
 * Each area lists its calls in shared/contract/calls/<area>.ts; they meet here.
 */
import type { z } from 'zod';
import { accessCalls, accessEvents } from './contract/calls/access';
import { appCalls, appEvents } from './contract/calls/app';
import { assetCalls } from './contract/calls/assets';
import { auditCalls } from './contract/calls/audit';
import { backupCalls } from './contract/calls/backups';
import { bankCalls } from './contract/calls/bank';
import { checklistCalls } from './contract/calls/checklists';
import { draftCalls, draftEvents } from './contract/calls/drafts';
import { columnCalls, columnEvents } from './contract/calls/columns';
import { layoutCalls } from './contract/calls/layouts';
import { momentCalls, momentEvents } from './contract/calls/moments';
import { playbookCalls } from './contract/calls/playbook';
import { publishingCalls, publishingEvents } from './contract/calls/publishing';
import { reportCalls, reportEvents } from './contract/calls/report';
import { roomCalls, roomEvents } from './contract/calls/rooms';
import { searchCalls } from './contract/calls/search';
import { sessionCalls } from './contract/calls/session';
import { sourceCalls, sourceEvents } from './contract/calls/sources';
import { teamCalls, teamEvents } from './contract/calls/team';
import type { Result } from './contract/result';
import type { callNameList, eventNameList } from './contract/names';

export type { AppInfo } from './contract/calls/app';

export const calls = {
  ...appCalls,
  ...sessionCalls,
  ...roomCalls,
  ...sourceCalls,
  ...columnCalls,
  ...layoutCalls,
  ...teamCalls,
  ...playbookCalls,
  ...checklistCalls,
  ...draftCalls,
  ...bankCalls,
  ...auditCalls,
  ...momentCalls,
  ...assetCalls,
  ...publishingCalls,
  ...reportCalls,
  ...accessCalls,
  ...backupCalls,
  ...searchCalls,
};

export const events = {
  ...appEvents,
  ...roomEvents,
  ...sourceEvents,
  ...columnEvents,
  ...teamEvents,
  ...draftEvents,
  ...momentEvents,
  ...publishingEvents,
  ...reportEvents,
  ...accessEvents,
};

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
/** The input as a handler sees it: validated, defaults applied, strings trimmed. */
export type ValidCallInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const callNames = Object.keys(calls) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name);
}
export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

type Namespace<N extends string> = N extends `${infer NS}.${string}` ? NS : never;

/** What the renderer holds: `api.rooms.create(input)`, plus `api.on(event, listener)`. */
export type RiposteApi = {
  [NS in Namespace<CallName>]: {
    [N in CallName as N extends `${NS}.${infer Method}` ? Method : never]: (
      input: CallInput<N>,
    ) => Promise<Result<CallOutput<N>>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export type SendCall = (name: CallName, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (name: EventName, listener: (payload: unknown) => void) => () => void;

/** True when A and B are the same union of names. */
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// contract/names.ts lists the names for code that must not build the schemas (the renderer,
// the preload): a call or event added here and not there, or the other way, fails to compile.
type Holds<T extends true> = T;
export type NamesListed = Holds<
  SameNames<(typeof callNameList)[number], CallName> & SameNames<(typeof eventNameList)[number], EventName>
>;
