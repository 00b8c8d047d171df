import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules only help if a crossing fails `npm run lint`: each case lints a made-up
 * file at a real place in the tree, importing a real file it must not reach.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function problemsOf(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.severity === 2).map((message) => message.ruleId ?? '');
}

const crossings: Array<{ name: string; file: string; code: string; rule: string }> = [
  {
    name: 'shared/ importing main/',
    file: 'shared/rooms/crossing.ts',
    code: "import { AppError } from '../../main/core/errors';\nexport const e = AppError;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'shared/ importing a Node module',
    file: 'shared/rooms/crossing.ts',
    code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
    rule: 'no-restricted-imports',
  },
  {
    name: 'shared/ importing React',
    file: 'shared/rooms/crossing.ts',
    code: "import { useState } from 'react';\nexport const u = useState;\n",
    rule: 'no-restricted-imports',
  },
  {
    name: 'the renderer importing main/',
    file: 'renderer/src/crossing.ts',
    code: "import { AppError } from '../../main/core/errors';\nexport const e = AppError;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'the core importing a shell',
    file: 'main/core/rooms/crossing.ts',
    code: "import { parseCliOptions } from '../../host/cli-options';\nexport const p = parseCliOptions;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'the core importing Electron',
    file: 'main/core/rooms/crossing.ts',
    code: "import { app } from 'electron';\nexport const a = app;\n",
    rule: 'no-restricted-imports',
  },
  {
    name: 'a core test importing Electron',
    file: 'main/core/rooms/crossing.test.ts',
    code: "import { app } from 'electron';\nexport const a = app;\n",
    rule: 'no-restricted-imports',
  },
  {
    name: 'infrastructure importing a feature area',
    file: 'main/core/events/crossing.ts',
    code: "import { createRoomService } from '../rooms/room-service';\nexport const c = createRoomService;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'the session (infrastructure) importing the team area',
    file: 'main/core/session/crossing.ts',
    code: "import { createTeamService } from '../team/team-service';\nexport const c = createTeamService;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'ingest importing the sources area',
    file: 'main/core/ingest/pipeline/crossing.ts',
    code: "import { createSourceRepository } from '../../sources/source-repository';\nexport const c = createSourceRepository;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'a network client importing ingest',
    file: 'main/core/networks/mastodon/crossing.ts',
    code: "import { parseFeed } from '../../ingest/feeds/parse-feed';\nexport const p = parseFeed;\n",
    rule: 'import-x/no-restricted-paths',
  },
  {
    name: 'app code importing a test helper',
    file: 'main/core/rooms/crossing.ts',
    code: "import { createTempCore } from '../testing/temp-core';\nexport const t = createTempCore;\n",
    rule: 'no-restricted-imports',
  },
];

describe('the layers of the house hold in lint', () => {
  for (const crossing of crossings) {
    it(`refuses ${crossing.name}`, async () => {
      expect(await problemsOf(crossing.file, crossing.code)).toContain(crossing.rule);
    });
  }

  it('lets a feature import infrastructure and shared/', async () => {
    const code =
      "import type { Db } from '../db/open-database';\nimport type { Room } from '../../../shared/rooms/room';\nexport type T = [Db, Room];\n";
    expect(await problemsOf('main/core/rooms/crossing.ts', code)).toEqual([]);
  });

  it('lets a test use test helpers', async () => {
    const code = "import { createTempCore } from '../testing/temp-core';\nexport const t = createTempCore;\n";
    expect(await problemsOf('main/core/rooms/crossing.test.ts', code)).toEqual([]);
  });
});
