import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolAdmin, passwordStep } from './testing/client.ts';
import { createHarness, type IdentityHarness, uniqueEmail } from './testing/harness.ts';

let h: IdentityHarness;
beforeAll(async () => {
  h = await createHarness('create-admin');
});
afterAll(async () => {
  await h.close();
});

const script = new URL('./create-admin.ts', import.meta.url).pathname;

async function createAdmin(args: string[], env: Record<string, string>, stdin?: string) {
  const child = Bun.spawn([process.execPath, script, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: h.database.urlFor('identity'),
      IDENTITY_ARGON2_MEMORY_KIB: '19456',
      ...env,
    },
    stdin: stdin === undefined ? 'ignore' : new Blob([stdin]),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  return { code, stdout, stderr };
}

describe('create-admin command', () => {
  it('creates an admin who enrols an authenticator at the first log-in, with the password from ADMIN_PASSWORD', async () => {
    const email = uniqueEmail('ops');
    const result = await createAdmin(['--email', email, '--name', '운영자'], {
      ADMIN_PASSWORD: 'long-admin-password-1',
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('admin created');
    const tokens = await enrolAdmin(h, email, 'long-admin-password-1');
    expect(decodeJwt(tokens.accessToken).roles).toEqual(['admin']);
  });

  it('reads the password from stdin', async () => {
    const email = uniqueEmail('ops');
    const result = await createAdmin(['--email', email, '--name', '운영자'], {}, 'piped-admin-password-2\n');
    expect(result.code, result.stderr).toBe(0);
    expect((await passwordStep(h, email, 'piped-admin-password-2')).mfa).toBe('enrolment_required');
  });

  it('reports a broken environment by name before asking for a password', async () => {
    const result = await createAdmin(['--email', uniqueEmail('ops'), '--name', 'x'], { DATABASE_URL: 'not-a-url' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL');
  });

  it('refuses a short password, a missing name, and an email that already has an account', async () => {
    const email = uniqueEmail('ops');
    expect((await createAdmin(['--email', email, '--name', 'x'], { ADMIN_PASSWORD: 'short' })).code).toBe(2);
    expect((await createAdmin(['--email', email], { ADMIN_PASSWORD: 'long-admin-password-1' })).code).toBe(2);
    expect(
      (await createAdmin(['--email', email, '--name', 'x'], { ADMIN_PASSWORD: 'long-admin-password-1' })).code,
    ).toBe(0);
    const again = await createAdmin(['--email', email, '--name', 'x'], { ADMIN_PASSWORD: 'long-admin-password-1' });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });
});
