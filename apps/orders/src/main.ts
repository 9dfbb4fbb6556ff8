import { runService } from '@fruitables/kit';
import { ordersService } from './service.ts';

await runService(ordersService, process.env);
