import { runService } from '@fruitables/kit';
import { paymentsService } from './service.ts';

await runService(paymentsService, process.env);
