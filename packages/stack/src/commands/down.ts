import { join } from 'node:path';
import { stopEdge } from '../edge.ts';
import { stopInfrastructure } from '../infrastructure.ts';
import { stopMailCatcher } from '../mail-catcher.ts';
import { stackDir } from '../paths.ts';
import { stopProcess } from '../processes.ts';
import { stopStandIns } from '../stand-ins.ts';
import { readState, writeState } from '../state.ts';

/**
 * Stops what `up` started, by the PIDs it recorded: services first (they drain, still
 * reaching their stand-ins), then the stand-ins, the edge and the data stores.
 */
export async function runDown(_args: string[]): Promise<number> {
  const dir = stackDir('up');
  const state = readState(dir);
  if (state) {
    for (const [name, pid] of Object.entries(state.pids.services)) {
      const outcome = await stopProcess(pid, 25_000);
      console.log(`${name}: ${outcome}`);
    }
    state.pids.services = {};
    for (const [name, outcome] of Object.entries(await stopStandIns(state)))
      console.log(`${name} stand-in: ${outcome}`);
    await stopMailCatcher(state);
    writeState(dir, state);
  }
  await stopEdge(join(dir, 'edge'));
  await stopInfrastructure(dir);
  console.log('Fruitables is stopped. Data stays in .fruitables/up (delete it to start from scratch).');
  return 0;
}
