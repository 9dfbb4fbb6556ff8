import { grades } from '@fruitables/catalog/contract/values';
import type { Grade, StockState } from '../catalog/schemas.ts';

export { formatKrw } from '@fruitables/core';

/** `2026-11-18` → `11월 18일`: how a box label and a shop show a harvest day. */
export function formatMonthDay(isoDate: string): string {
  const [, month, day] = isoDate.split('-').map(Number);
  return `${month}월 ${day}일`;
}

/** `5` → `5kg`, `0.5` → `500g`: boxes of berries are sold by the gram. */
export function formatPack(packKg: number): string {
  if (packKg < 1) return `${Math.round(packKg * 1000)}g`;
  return `${Number.isInteger(packKg) ? packKg : packKg.toFixed(1)}kg`;
}

/** `5kg · 14과` (과 counts pieces of fruit), or just the weight when the box is not counted. */
export function formatBox(packKg: number, countPerBox: number | null): string {
  return countPerBox === null ? formatPack(packKg) : `${formatPack(packKg)} · ${countPerBox}과`;
}

export const stockLabels: Record<StockState, string> = {
  in_stock: '구매 가능',
  low: '품절 임박',
  sold_out: '품절',
};

/** Grades in the order a shopper compares them: best first, 못난이 (ugly but as sweet) last. */
/** Best first: catalog's own order of grades. */
export const gradeOrder: readonly Grade[] = grades;

export const gradeLabels: Record<Grade, string> = {
  특: '특품',
  상: '상품',
  보통: '보통',
  못난이: '못난이',
};

/** `부사 사과`, but `한라봉` when the variety is the fruit's own name. */
export function productName(product: { fruit: string; variety: string }): string {
  return product.variety === product.fruit || product.variety.endsWith(product.fruit)
    ? product.variety
    : `${product.variety} ${product.fruit}`;
}

/** `23:00` → `밤 11시`, `06:30` → `아침 6시 30분`: the words Koreans use for times of day. */
export function formatClockTime(time: string): string {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const part = hours < 6 ? '새벽' : hours < 12 ? '아침' : hours < 18 ? '오후' : hours < 21 ? '저녁' : '밤';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return minutes === 0 ? `${part} ${hour12}시` : `${part} ${hour12}시 ${minutes}분`;
}

/** The dawn-delivery promise with the configured cut-off and arrival time. */
export function deliveryPromise(cutoff: string, arriveBy: string): string {
  return `${formatClockTime(cutoff)}까지 주문하면 내일 ${formatClockTime(arriveBy)} 전 도착`;
}
