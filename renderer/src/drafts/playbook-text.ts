import type { PlaybookInput } from '../../../shared/playbook/playbook';
import type { Playbook } from '../../../shared/playbook/playbook';

/**
 * The playbook editor shows each list as lines of text ("term: reason", "x:handle") since a
 * war room edits it in a hurry; main validates the result and names the line that is wrong.
 */
export interface PlaybookText {
  pillars: string;
  voice: string;
  bannedTerms: string;
  accounts: string;
  domains: string;
  hashtags: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

const splitOnce = (line: string, separator: string): [string, string] => {
  const at = line.indexOf(separator);
  return at === -1 ? [line, ''] : [line.slice(0, at).trim(), line.slice(at + separator.length).trim()];
};

export function toText(playbook: Playbook): PlaybookText {
  return {
    pillars: playbook.pillars.map((p) => (p.description ? `${p.name}: ${p.description}` : p.name)).join('\n'),
    voice: playbook.voice,
    bannedTerms: playbook.bannedTerms.map((b) => `${b.term}: ${b.reason}`).join('\n'),
    accounts: playbook.alliedSources.accounts.map((a) => `${a.network}:${a.handle}`).join('\n'),
    domains: playbook.alliedSources.domains.join('\n'),
    hashtags: playbook.trackedHashtags.join('\n'),
  };
}

export function fromText(text: PlaybookText): PlaybookInput {
  return {
    pillars: lines(text.pillars).map((line) => {
      const [name, description] = splitOnce(line, ':');
      return { name, description };
    }),
    voice: text.voice,
    bannedTerms: lines(text.bannedTerms).map((line) => {
      const [term, reason] = splitOnce(line, ':');
      return { term, reason };
    }),
    alliedSources: {
      accounts: lines(text.accounts).map((line) => {
        const [network, handle] = splitOnce(line, ':');
        return { network: network as 'x', handle };
      }),
      domains: lines(text.domains),
    },
    trackedHashtags: lines(text.hashtags),
  };
}
