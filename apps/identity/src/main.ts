import { runService } from '@fruitables/kit';
import { identityService } from './service.ts';

await runService(identityService, process.env);
