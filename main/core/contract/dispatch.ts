import { calls, isCallName, type CallName, type CallOutput, type ValidCallInput } from '../../../shared/contract';
import type { ContractError, Result } from '../../../shared/contract/result';
import { validationError } from '../../../shared/contract/validation-error';
import { englishError } from '../../../shared/i18n/english-errors';
import { AppError } from '../errors';
import type { Logger } from '../log/rotating-log';
import type { Session } from '../session/session';

export type Handlers = {
  [N in CallName]: (input: ValidCallInput<N>, session: Session) => CallOutput<N> | Promise<CallOutput<N>>;
};

/** The handlers of one area's calls (shared/contract/calls/<area>.ts). */
export type HandlersOf<AreaCalls> = { [N in keyof AreaCalls & CallName]: Handlers[N] };

/** `session` is the caller's connection: whoever carried the call (a window, a socket, a test) owns one. */
export type Dispatch = (name: string, input: unknown, session: Session) => Promise<Result<unknown>>;

/** How a teammate's session (another laptop) reads answers and refusals: without the host's paths. */
export interface TeammateView {
  answer(name: CallName, value: unknown): unknown;
  failure(error: ContractError): ContractError;
}

const asIs: TeammateView = { answer: (_name, value) => value, failure: (error) => error };

/**
 * The one gate every call passes through, whichever shell carried it: unknown names are
 * refused, input is validated before any handler runs, and exceptions become typed results.
 */
export function createDispatch(
  handlers: Handlers,
  log: Logger,
  /** Throws when this session may not make this call (team roles); runs after validation. */
  gate: (name: CallName, input: unknown, session: Session) => void = () => {},
  teammate: TeammateView = asIs,
  /** Returns true when the error is the disk refusing a write (see faults/storage-guard.ts). */
  storageFault: (error: unknown, call: CallName) => 'full' | 'failed' | null = () => null,
): Dispatch {
  const run = async (name: string, input: unknown, session: Session): Promise<Result<unknown>> => {
    if (!isCallName(name)) {
      return {
        ok: false,
        code: 'not_found',
        message: englishError('errors.unknownCall') ?? 'Unknown call',
        messageKey: 'errors.unknownCall',
      };
    }
    const parsed = calls[name].input.safeParse(input);
    if (!parsed.success) return validationError(parsed.error);
    try {
      gate(name, parsed.data, session);
      const handler = handlers[name] as (input: unknown, session: Session) => unknown;
      const value = await handler(parsed.data, session);
      return { ok: true, value: session.binding ? teammate.answer(name, value) : value };
    } catch (error) {
      if (error instanceof AppError) {
        if (error.code === 'internal') log.error(error.message, { call: name, error });
        return {
          ok: false,
          code: error.code,
          message: error.message,
          ...(error.field ? { field: error.field } : {}),
          ...(error.messageKey ? { messageKey: error.messageKey } : {}),
          ...(error.params ? { params: error.params } : {}),
        };
      }
      const fault = storageFault(error, name);
      if (fault) {
        // Not a bug to report: the person learns nothing was saved, and that what was saved before is safe.
        const messageKey = fault === 'full' ? 'errors.faults.diskFull' : 'errors.faults.writeFailed';
        return { ok: false, code: 'unavailable', message: englishError(messageKey) ?? messageKey, messageKey };
      }
      log.error(`Call ${name} failed`, { error });
      // The log file is on the host's disk: a teammate is told to ask there instead.
      if (session.binding) {
        return {
          ok: false,
          code: 'internal',
          message: englishError('errors.internalOnHost') ?? 'Internal error',
          messageKey: 'errors.internalOnHost',
        };
      }
      return {
        ok: false,
        code: 'internal',
        message: englishError('errors.internal', { logFile: log.file }) ?? 'Internal error',
        messageKey: 'errors.internal',
      };
    }
  };
  return async (name, input, session) => {
    const result = await run(name, input, session);
    return session.binding && !result.ok ? teammate.failure(result) : result;
  };
}
