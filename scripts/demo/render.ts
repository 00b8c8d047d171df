import { serializeRecording } from '../../main/core/recordings/recording';
import { buildRecording } from './build';
import { finalScenario } from './final/scenario';
import { rehearsalScenario } from './rehearsal/scenario';

export interface RenderedDemo {
  /** File name in resources/demo → contents. */
  files: Map<string, string>;
  counts: Map<string, number>;
}

/** Builds every demo recording in memory, exactly as generate.ts writes them. */
export function renderDemoFiles(): RenderedDemo {
  const files = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const [name, scenario] of [
    ['demo-final', finalScenario()],
    ['rehearsal-shapes', rehearsalScenario()],
  ] as const) {
    const { header, items, moments } = buildRecording(scenario);
    files.set(`${name}.jsonl`, serializeRecording(header, items));
    files.set(`${name}.moments.json`, `${JSON.stringify(moments, null, 2)}\n`);
    if (scenario.runOfShow) files.set(`${name}.cues.json`, `${JSON.stringify(scenario.runOfShow, null, 2)}\n`);
    counts.set(name, items.length);
  }
  return { files, counts };
}
