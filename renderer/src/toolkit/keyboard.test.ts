import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isPlainKey, isRoomEnter, isSubmitChord, isTypingTarget } from './keyboard';

// Tests run without a DOM: a stand-in element class is enough for these checks.
class FakeElement {
  constructor(
    readonly tagName: string,
    readonly isContentEditable = false,
  ) {}
}

beforeEach(() => {
  vi.stubGlobal('HTMLElement', FakeElement);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const key = (value: string, target: unknown, modifiers: Partial<KeyboardEvent> = {}) =>
  ({ key: value, target, ctrlKey: false, metaKey: false, altKey: false, ...modifiers }) as KeyboardEvent;

describe('isTypingTarget', () => {
  it('is true in text fields and editable content, false elsewhere (a select included)', () => {
    for (const tag of ['INPUT', 'TEXTAREA']) expect(isTypingTarget(new FakeElement(tag) as never)).toBe(true);
    expect(isTypingTarget(new FakeElement('SELECT') as never)).toBe(false);
    expect(isTypingTarget(new FakeElement('DIV', true) as never)).toBe(true);
    expect(isTypingTarget(new FakeElement('BUTTON') as never)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT' } as never)).toBe(false);
  });
});

describe('isPlainKey', () => {
  const body = new FakeElement('BODY');

  it('is the key pressed alone, outside a text field', () => {
    expect(isPlainKey(key('j', body), 'j')).toBe(true);
    expect(isPlainKey(key('k', body), 'j')).toBe(false);
    expect(isPlainKey(key('j', new FakeElement('INPUT')), 'j')).toBe(false);
  });

  it('is not a shortcut with Ctrl, Cmd or Alt held', () => {
    for (const modifier of ['ctrlKey', 'metaKey', 'altKey'] as const)
      expect(isPlainKey(key('j', body, { [modifier]: true }), 'j')).toBe(false);
  });
});

describe('isRoomEnter and isSubmitChord', () => {
  it('take Enter for the room only where no field or control owns it', () => {
    expect(isRoomEnter(key('Enter', new FakeElement('BODY')))).toBe(true);
    expect(isRoomEnter(key('Enter', new FakeElement('ARTICLE')))).toBe(true);
    for (const tag of ['BUTTON', 'A', 'SELECT', 'INPUT', 'TEXTAREA'])
      expect(isRoomEnter(key('Enter', new FakeElement(tag)))).toBe(false);
  });

  it('submit with Ctrl+Enter or Cmd+Enter, even from inside the text', () => {
    expect(isSubmitChord(key('Enter', new FakeElement('TEXTAREA'), { ctrlKey: true }))).toBe(true);
    expect(isSubmitChord(key('Enter', new FakeElement('TEXTAREA'), { metaKey: true }))).toBe(true);
    expect(isSubmitChord(key('Enter', new FakeElement('TEXTAREA')))).toBe(false);
  });
});
