/**
 * The 17 시/도 as written in Korean addresses (강원 and 전북 by their names since 2023 and 2024).
 * A farm's region, a delivery area and an address all name one of these, so it lives here.
 */
export const sidoNames = [
  '서울특별시',
  '부산광역시',
  '대구광역시',
  '인천광역시',
  '광주광역시',
  '대전광역시',
  '울산광역시',
  '세종특별자치시',
  '경기도',
  '강원특별자치도',
  '충청북도',
  '충청남도',
  '전북특별자치도',
  '전라남도',
  '경상북도',
  '경상남도',
  '제주특별자치도',
] as const;
export type SidoName = (typeof sidoNames)[number];
