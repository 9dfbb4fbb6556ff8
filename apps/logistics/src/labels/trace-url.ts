/**
 * The storefront's lot trace page (apps/storefront/src/site/paths.ts `paths.lot`): the QR code
 * on a box leads the shopper to where and when its fruit was picked.
 */
export function lotTraceUrl(shopUrl: string, farmId: string, lotCode: string): string {
  return `${shopUrl.replace(/\/+$/, '')}/farms/${encodeURIComponent(farmId)}/lots/${encodeURIComponent(lotCode)}/`;
}
