import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const WEB = resolve(__dirname, '..');

// The web build uses the committed types; they must be what the schema and operations give.
it('web/src/graphql/generated.ts is current (else: npm --prefix web run codegen)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skillgraph-codegen-'));
  try {
    const out = join(dir, 'generated.ts');
    try {
      execFileSync('npm', ['run', 'codegen'], {
        cwd: WEB,
        stdio: 'pipe',
        env: { ...process.env, CODEGEN_OUT: out },
      });
    } catch (error) {
      throw new Error(`codegen failed: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
    }
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(WEB, 'src', 'graphql', 'generated.ts'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
