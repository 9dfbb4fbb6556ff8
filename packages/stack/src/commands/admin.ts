import { stackDir } from '../paths.ts';
import { serviceEnv } from '../service-env.ts';
import { discoverServices } from '../services.ts';
import { readState } from '../state.ts';

const usage = `usage: ./fruitables admin create --email <email> --name <display name>
  The password is read from ADMIN_PASSWORD or standard input, never from the command line.`;

/**
 * Operator commands against the local stack. `admin create` is the only way an admin
 * account comes to exist; it runs identity's own create-admin script with the stack's
 * identity environment (in K3s, the same script runs from the identity image).
 */
export async function runAdmin(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'create') {
    console.error(usage);
    return 2;
  }
  const identity = discoverServices().find((service) => service.name === 'identity');
  if (!identity) throw new Error('the identity service is not in this checkout');
  const dir = stackDir('up');
  const state = readState(dir);
  if (!state) throw new Error('the local stack has never run: start it with ./fruitables up');
  const env = await serviceEnv(dir, state, identity);
  const child = Bun.spawn(['bun', 'src/create-admin.ts', ...rest], {
    cwd: identity.dir,
    env: { ...process.env, ...env },
    stdin: 'inherit',
    stdout: 'inherit',
    stderr: 'inherit',
  });
  return child.exited;
}
