import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const scripts: Record<string, string> = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).scripts;

/** The Node flags a script passes before the file it runs. */
function nodeFlags(script: string, file: string): string[] {
  const words = script.split(/\s+/);
  const at = words.indexOf(file);
  if (at < 0) throw new Error(`the script does not run ${file}: ${script}`);
  return words.slice(0, at).filter((word) => word.startsWith('--'));
}

describe('the start scripts', () => {
  it('give the server the young generation that bench:api measured', () => {
    const measured = nodeFlags(scripts['bench:api']!, 'bench/api.ts');
    expect(measured).toContain('--max-semi-space-size=64');
    for (const name of ['start', 'start:api', 'start:worker']) {
      expect(nodeFlags(scripts[name]!, 'dist/src/server/main.js'), name).toEqual(measured);
    }
  });
});
