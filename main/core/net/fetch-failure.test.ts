import { describe, expect, it } from 'vitest';
import { classifyNetworkError, httpFailure } from './fetch-failure';

function errorWithCode(code: string, wrapped = false): Error {
  const inner = Object.assign(new Error(`getaddrinfo ${code} feeds.test`), { code });
  return wrapped ? new TypeError('fetch failed', { cause: inner }) : inner;
}

describe('classifyNetworkError', () => {
  it.each(['ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH', 'EAI_AGAIN'])(
    'treats %s as offline, even when wrapped',
    (code) => {
      for (const wrapped of [false, true]) {
        expect(classifyNetworkError(errorWithCode(code, wrapped), 20_000)).toEqual({
          status: 'failed',
          kind: 'offline',
          httpStatus: null,
          retryAfterMs: null,
          message: 'No network: waiting to reconnect',
          problem: { code: 'offline', params: {} },
        });
      }
    },
  );

  it('finds codes inside an AggregateError (happy eyeballs)', () => {
    const error = new AggregateError([errorWithCode('ENETUNREACH'), errorWithCode('EHOSTUNREACH')], 'all failed');
    expect(classifyNetworkError(error, 20_000).kind).toBe('offline');
  });

  it('names connect timeouts in seconds', () => {
    expect(classifyNetworkError(errorWithCode('UND_ERR_CONNECT_TIMEOUT'), 20_000)).toMatchObject({
      kind: 'timeout',
      message: 'The server did not answer within 20 seconds',
    });
  });

  it('keeps 503 without Retry-After an ordinary HTTP failure', () => {
    expect(httpFailure(503, null)).toMatchObject({
      kind: 'http',
      message: 'The server answered 503 Service Unavailable',
    });
  });
});
