import { runService } from '@fruitables/kit';
import { storefrontService } from './service.ts';

await runService(storefrontService, process.env);
