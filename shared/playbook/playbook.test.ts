import { describe, expect, it } from 'vitest';
import { Playbook, emptyPlaybook, exportPlaybookFile, parsePlaybookFile, type PlaybookInput } from './playbook';

const sample: PlaybookInput = {
  pillars: [{ name: 'Sport pour tous', description: 'Le sport accessible' }],
  voice: 'Complice, taquine, jamais méchante. Tutoiement.',
  bannedTerms: [{ term: 'zéro déchet', reason: 'Claim we cannot prove (legal)' }],
  alliedSources: {
    accounts: [
      { network: 'mastodon', handle: '@acme@mastodon.social' },
      { network: 'bluesky', handle: 'acme.bsky.social' },
    ],
    domains: ['Lequipe.fr'],
  },
  trackedHashtags: ['#FRAARG', 'JO2024'],
};

describe('playbook files', () => {
  it('round-trips through export and import', () => {
    const playbook = Playbook.parse(sample);
    const text = exportPlaybookFile(playbook, 1_750_000_000_000);
    expect(JSON.parse(text)).toMatchObject({ format: 'riposte.playbook', version: 1, exportedAt: 1_750_000_000_000 });
    expect(parsePlaybookFile(text)).toEqual({ ok: true, value: playbook });
    expect(playbook.alliedSources.domains).toEqual(['lequipe.fr']);
  });

  it('fills in what a minimal file leaves out', () => {
    const result = parsePlaybookFile(JSON.stringify({ format: 'riposte.playbook', version: 1, playbook: {} }));
    expect(result).toEqual({ ok: true, value: emptyPlaybook });
  });

  it('explains broken JSON', () => {
    const result = parsePlaybookFile('{"format": "riposte.playbook",');
    expect(result).toMatchObject({ ok: false, code: 'invalid_input', messageKey: 'errors.playbook.invalidFile' });
    if (!result.ok) expect(result.message).toMatch(/^The playbook file is not valid JSON \(/);
  });

  it('recognises a file that is not a playbook, and one from a newer version', () => {
    expect(parsePlaybookFile('{"format": "riposte.checklist", "version": 1}')).toMatchObject({
      ok: false,
      field: 'format',
      message: 'This is not a Riposte playbook file: it should start with "format": "riposte.playbook".',
    });
    expect(parsePlaybookFile('[]')).toMatchObject({ ok: false, field: 'format' });
    const newer = parsePlaybookFile('{"format": "riposte.playbook", "version": 3, "playbook": {}}');
    expect(newer).toMatchObject({ ok: false, field: 'version' });
    if (!newer.ok) expect(newer.message).toContain('newer Riposte (file version 3)');
  });

  it('names the entry and field that is wrong, the way a person would', () => {
    const file = (playbook: unknown) => JSON.stringify({ format: 'riposte.playbook', version: 1, playbook });
    const noReason = parsePlaybookFile(
      file({
        bannedTerms: [
          { term: 'ok', reason: 'fine' },
          { term: 'bad', reason: '' },
        ],
      }),
    );
    expect(noReason).toMatchObject({
      ok: false,
      field: 'playbook.bannedTerms.1.reason',
      message: 'The playbook file has a problem at banned term 2, reason: must not be empty.',
    });
    const domain = parsePlaybookFile(file({ alliedSources: { domains: ['https://lequipe.fr'] } }));
    expect(domain).toMatchObject({ ok: false, field: 'playbook.alliedSources.domains.0' });
    if (!domain.ok)
      expect(domain.message).toContain('allied domain 1: is not a domain name (write example.com, without https://)');
    const network = parsePlaybookFile(file({ alliedSources: { accounts: [{ network: 'myspace', handle: 'tom' }] } }));
    expect(network).toMatchObject({ ok: false, field: 'playbook.alliedSources.accounts.0.network' });
    const tag = parsePlaybookFile(file({ trackedHashtags: ['#two words'] }));
    expect(tag).toMatchObject({ ok: false, field: 'playbook.trackedHashtags.0' });
  });
});
