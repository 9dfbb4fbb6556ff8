// Example ids for the OpenAPI document: what a caller sees in the docs, and the path params' examples.
export const FARM_ID = '0196f0c2-7b3a-7c1e-8f00-000000000003';
export const PRODUCT_ID = '0196f0c2-7b3a-7c1e-8f00-000000000010';
export const OFFER_ID = '0196f0c2-7b3a-7c1e-8f00-000000000020';
export const LOT_ID = '0196f0c2-7b3a-7c1e-8f00-000000000030';
export const HOLD_ID = '0196f0c2-7b3a-7c1e-8f00-000000000040';
export const PHOTO_ID = '0196f0c2-7b3a-7c1e-8f00-000000000050';
