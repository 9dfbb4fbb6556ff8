import type { CarrierId } from '@fruitables/logistics/contract/values';

/** The couriers logistics accepts (its `carrierIds`), with the names farmers know them by. */
export const carriers: readonly { id: CarrierId; name: string }[] = [
  { id: 'kr.cjlogistics', name: 'CJ대한통운' },
  { id: 'kr.epost', name: '우체국택배' },
  { id: 'kr.lotte', name: '롯데택배' },
  { id: 'kr.hanjin', name: '한진택배' },
  { id: 'kr.logen', name: '로젠택배' },
];

export const carrierName = (carrierId: string | null): string =>
  carriers.find((carrier) => carrier.id === carrierId)?.name ?? carrierId ?? '';
