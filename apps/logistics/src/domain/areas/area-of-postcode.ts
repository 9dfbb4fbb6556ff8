import type { DeliveryArea } from '@fruitables/schema-logistics';
import { ASSIGNED_RANGES, DAWN_RANGES, JEJU_RANGES, type Range, REMOTE_RANGES } from './postcode-ranges.ts';

/** How boxes reach an area: the surcharge per fulfilment and the courier's business days after pick-up. */
export interface AreaRule {
  area: DeliveryArea;
  surcharge: number;
  /** Courier business days from pick-up to arrival (dawn: the next morning, whatever the day). */
  transitDays: number;
}

export interface AreaSurcharges {
  jeju: number;
  remote: number;
}

export type PostcodeArea = ({ served: true } & AreaRule) | { served: false; reason: string };

const within = (ranges: readonly Range[], code: number) => ranges.some(([from, to]) => from <= code && code <= to);

/**
 * The area of a 5-digit 우편번호 (see postcode-ranges.ts for the data and its sources). An
 * unassigned number is refused with the reason in Korean, so checkout can say so before payment.
 */
export function areaOfPostcode(postcode: string, surcharges: AreaSurcharges): PostcodeArea {
  if (!/^\d{5}$/.test(postcode)) {
    return { served: false, reason: '우편번호는 숫자 5자리예요. 주소 검색으로 다시 골라 주세요.' };
  }
  const code = Number(postcode);
  if (!within(ASSIGNED_RANGES, code)) {
    return {
      served: false,
      reason: `${postcode}은(는) 배송할 수 없는 우편번호예요. 주소 검색으로 우편번호를 다시 확인해 주세요.`,
    };
  }
  if (within(JEJU_RANGES, code)) return { served: true, area: 'jeju', surcharge: surcharges.jeju, transitDays: 2 };
  if (within(REMOTE_RANGES, code)) {
    return { served: true, area: 'remote', surcharge: surcharges.remote, transitDays: 3 };
  }
  if (within(DAWN_RANGES, code)) return { served: true, area: 'dawn', surcharge: 0, transitDays: 1 };
  return { served: true, area: 'parcel', surcharge: 0, transitDays: 1 };
}
