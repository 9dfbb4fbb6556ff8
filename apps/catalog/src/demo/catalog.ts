import { centralFarms } from './farms-central.ts';
import { jejuGochangFarms } from './farms-jeju-gochang.ts';
import { yeongnamFarms } from './farms-yeongnam.ts';
import type { DemoFarm } from './types.ts';

/** The demo catalog `./fruitables up` loads: 13 farms, 22 products. */
export const demoFarms: readonly DemoFarm[] = [...centralFarms, ...yeongnamFarms, ...jejuGochangFarms];
