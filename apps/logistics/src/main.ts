import { runService } from '@fruitables/kit';
import { logisticsService } from './service.ts';

await runService(logisticsService, process.env);
