import { parseArgs } from 'node:util';
import { DomainError, systemClock } from '@fruitables/core';
import { createDrizzle, createPostgres } from '@fruitables/db';
import { EnvError, parseEnv } from '@fruitables/kit';
import { identityTables } from '@fruitables/schema-identity';
import { z } from 'zod';
import { createAdminAccount } from './domain/accounts.ts';
import { createPasswordHasher } from './domain/passwords.ts';
import { identityEnvShape } from './env.ts';

/*
 * The only way an admin account comes to exist:
 *
 *   ADMIN_PASSWORD=... bun apps/identity/src/create-admin.ts --email ops@fruitables.kr --name 운영자
 *   bun apps/identity/src/create-admin.ts --email ops@fruitables.kr --name 운영자 < password.txt
 *
 * The password never goes on the command line, where `ps` and shell history would keep it.
 */

const usage = 'usage: create-admin --email <email> --name <display name>   (password from ADMIN_PASSWORD or stdin)';

const inputSchema = z.object({
  email: z.email({ error: 'not an email address' }).max(254),
  name: z.string().trim().min(1, 'the name is empty').max(50),
  password: z.string().min(12, 'an admin password needs at least 12 characters').max(128),
});

/**
 * What the command takes from its environment, parsed once like a service's (nothing else reads
 * `process.env`). The password may come from here or from stdin; its rules are checked after,
 * whichever source it came from.
 */
const envShape = {
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
  IDENTITY_ARGON2_MEMORY_KIB: identityEnvShape.IDENTITY_ARGON2_MEMORY_KIB,
  IDENTITY_ARGON2_TIME_COST: identityEnvShape.IDENTITY_ARGON2_TIME_COST,
  ADMIN_PASSWORD: z.string().optional(),
};

async function readPassword(fromEnv: string | undefined): Promise<string> {
  if (fromEnv !== undefined) return fromEnv;
  if (process.stdin.isTTY) throw new Error('set ADMIN_PASSWORD or pipe the password on stdin');
  const piped = await Bun.stdin.text();
  return piped.replace(/\r?\n$/, '');
}

function fail(message: string, code = 1): never {
  console.error(`create-admin: ${message}`);
  process.exit(code);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true });
  if (!values.email || !values.name) fail(usage, 2);
  // The environment first: a broken one is reported before anyone is asked for a password.
  let env: z.infer<z.ZodObject<typeof envShape>>;
  try {
    env = parseEnv(envShape, process.env);
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
  const password = await readPassword(env.ADMIN_PASSWORD);
  const input = inputSchema.safeParse({ email: values.email, name: values.name, password });
  if (!input.success)
    fail(input.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), 2);

  const sql = createPostgres(env.DATABASE_URL, { applicationName: 'identity-create-admin', max: 1 });
  try {
    const ctx = {
      db: createDrizzle(sql, identityTables),
      clock: systemClock,
      passwords: createPasswordHasher({
        memoryCost: env.IDENTITY_ARGON2_MEMORY_KIB,
        timeCost: env.IDENTITY_ARGON2_TIME_COST,
      }),
    };
    const { id } = await createAdminAccount(ctx, {
      email: input.data.email,
      password: input.data.password,
      displayName: input.data.name,
    });
    console.log(
      JSON.stringify({
        msg: 'admin created',
        accountId: id,
        next: 'sign in at /login/ to enrol an authenticator app; admin rights need its code',
      }),
    );
  } catch (error) {
    if (error instanceof DomainError) fail(error.message);
    throw error;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

await main();
