import QRCode from 'qrcode';
import type { DispatchShipment } from '../domain/shipments/packing-list.ts';
import { maskPhone } from './mask-phone.ts';
import { lotTraceUrl } from './trace-url.ts';

export type LabelFormat = 'thermal' | 'a4';

const escapeHtml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The lot most of the box comes from: its trace page is what the QR code opens. */
function mainLot(shipment: DispatchShipment): { lotCode: string } | undefined {
  const lots = (shipment.contents?.lines ?? []).flatMap((line) => line.lots);
  return [...lots].sort((a, b) => b.quantity - a.quantity)[0];
}

/** A QR code as an SVG element (server-side, no image request: the page prints offline). */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

async function labelHtml(
  shipment: DispatchShipment,
  farmId: string,
  box: number,
  shopUrl: string,
  qrFor: (url: string) => Promise<string>,
): Promise<string> {
  const { recipient } = shipment;
  const lot = mainLot(shipment);
  const url = lot ? lotTraceUrl(shopUrl, farmId, lot.lotCode) : null;
  const qr = url ? await qrFor(url) : '';
  const items = (shipment.contents?.lines ?? [])
    .map((line) => `<li>${escapeHtml(line.title)} × ${line.quantity}</li>`)
    .join('');
  const area = shipment.area === 'dawn' ? '새벽배송' : '택배';
  return `<section class="label" data-shipment="${shipment.shipmentId}">
  <header><strong>${area}</strong> <span>${escapeHtml(shipment.deliveryDate)} 도착</span> <span class="box">${box}/${shipment.boxes}</span></header>
  <div class="to">
    <p class="name">${escapeHtml(recipient.name)} 님 <span class="phone">${escapeHtml(maskPhone(recipient.phone))}</span></p>
    <p>(${escapeHtml(recipient.postcode)}) ${escapeHtml(recipient.address1)} ${escapeHtml(recipient.address2)}</p>
    ${recipient.deliveryNote ? `<p class="note">요청사항: ${escapeHtml(recipient.deliveryNote)}</p>` : ''}
  </div>
  <p class="order">주문번호 <strong>${escapeHtml(shipment.contents?.orderNumber ?? shipment.orderId)}</strong></p>
  <ul class="items">${items}</ul>
  ${url ? `<figure class="qr">${qr}<figcaption>산지 확인 ${escapeHtml(lot?.lotCode ?? '')}</figcaption></figure>` : ''}
</section>`;
}

const PAGE_CSS: Record<LabelFormat, string> = {
  // One 100×150 mm label per page: what thermal printers (Zebra, 택배 송장 printers) feed.
  thermal: `@page { size: 100mm 150mm; margin: 0; }
.label { width: 100mm; height: 150mm; page-break-after: always; break-after: page; }`,
  // A4 label sheets with four 99×139 mm labels, two by two.
  a4: `@page { size: A4; margin: 8mm 5.5mm; }
.sheet { display: grid; grid-template-columns: 99mm 99mm; grid-auto-rows: 139mm; gap: 0 1mm; }
.label { width: 99mm; height: 139mm; break-inside: avoid; }
.label:nth-child(4n) { break-after: page; }`,
};

/**
 * The label page's whole stylesheet. The page carries it inline (its own CSP allows that) and
 * logistics also serves it as `GET /v1/labels/styles/{format}`: a page the farmer console writes
 * into a window it opened keeps the console's CSP, which drops inline styles but loads a
 * same-origin stylesheet.
 */
export function labelsCss(format: LabelFormat): string {
  return `* { box-sizing: border-box; }
body { margin: 0; font-family: 'Noto Sans CJK KR', 'Apple SD Gothic Neo', sans-serif; font-size: 11pt; }
.label { padding: 5mm; overflow: hidden; border: 0.2mm dashed #999; display: flex; flex-direction: column; gap: 2mm; }
.label header { display: flex; justify-content: space-between; font-size: 12pt; }
.name { font-size: 16pt; font-weight: 700; margin: 0; }
.to p, .order { margin: 0; }
.items { margin: 0; padding-left: 4mm; font-size: 10pt; }
.qr { margin: auto 0 0; display: flex; align-items: center; gap: 3mm; }
.qr svg { width: 30mm; height: 30mm; }
${PAGE_CSS[format]}
@media print { .label { border: 0; } }
`;
}

/** The print page of a dispatch date's labels: one per box, each with its QR code. */
export async function renderLabels(input: {
  farmId: string;
  dispatchDate: string;
  format: LabelFormat;
  shopUrl: string;
  shipments: readonly DispatchShipment[];
}): Promise<string> {
  // Most boxes of a day share a handful of lots: each QR code is drawn once.
  const codes = new Map<string, Promise<string>>();
  const qrFor = (url: string) => {
    const cached = codes.get(url) ?? qrSvg(url);
    codes.set(url, cached);
    return cached;
  };
  const labels: string[] = [];
  for (const shipment of input.shipments) {
    for (let box = 1; box <= shipment.boxes; box++) {
      labels.push(await labelHtml(shipment, input.farmId, box, input.shopUrl, qrFor));
    }
  }
  const body =
    labels.length === 0
      ? '<p class="empty">이 날 보낼 배송이 없어요.</p>'
      : `<div class="sheet">${labels.join('\n')}</div>`;
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>${escapeHtml(input.dispatchDate)} 송장 (${input.format === 'thermal' ? '100×150mm' : 'A4'})</title>
<style>
${labelsCss(input.format)}</style>
</head>
<body>
${body}
</body>
</html>`;
}
