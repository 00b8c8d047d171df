import type { CallName, EventName, RiposteApi, SendCall, Subscribe } from '../contract';
import type { Result } from './result';
import { callNameList, eventNameList } from './names';

const eventNames: ReadonlySet<string> = new Set(eventNameList);

/**
 * Builds the named methods from the contract's call names, over any transport (IPC in the
 * preload, the WebSocket in serve mode). Only names in the contract exist on the result.
 * It needs the names only, not the schemas: main validates every input (dispatch.ts).
 */
export function buildApi(send: SendCall, subscribe: Subscribe): RiposteApi {
  const namespaces: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of callNameList) {
    const [namespace, method] = name.split('.') as [string, string];
    namespaces[namespace] ??= {};
    namespaces[namespace][method] = (input: unknown) => send(name, input);
  }
  const on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!eventNames.has(event)) throw new Error(`Unknown event: ${String(event)}`);
    return subscribe(event, listener);
  };
  // The loop above builds exactly the shape RiposteApi describes, which TypeScript
  // cannot follow through string splitting.
  return { ...namespaces, on } as unknown as RiposteApi;
}

export type { CallName, EventName };
