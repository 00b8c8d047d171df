import { describe, expect, it } from 'vitest';
import { actingOn, unreadableNotice } from './draft-readable';

const me = { id: 'm1', name: 'Ana' };

describe('a draft whose stored images or approvals do not read', () => {
  it('says which could not be read', () => {
    expect(unreadableNotice({ unreadable: ['media'] })).toBe('unreadable.media');
    expect(unreadableNotice({ unreadable: ['approvals'] })).toBe('unreadable.approvals');
    expect(unreadableNotice({ unreadable: ['approvals', 'media'] })).toBe('unreadable.mediaAndApprovals');
  });

  it('leaves nobody to act on its controls, while a draft that reads keeps its person', () => {
    expect(actingOn({ unreadable: ['media'] }, me)).toBeNull();
    expect(actingOn({ unreadable: [] }, me)).toBe(me);
    expect(actingOn({ unreadable: [] }, null)).toBeNull();
    expect(unreadableNotice({ unreadable: [] })).toBeNull();
  });
});
