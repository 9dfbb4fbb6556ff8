import { runService } from '@fruitables/kit';
import { catalogService } from './service.ts';

await runService(catalogService, process.env);
