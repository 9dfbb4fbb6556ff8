// Example ids for the OpenAPI document and for callers' tests.
export const BOOKING_ID = '0196f0c2-7b3a-7c1e-8f00-000000000300';
export const SHIPMENT_ID = '0196f0c2-7b3a-7c1e-8f00-000000000301';
export const FARM_ID = '0196f0c2-7b3a-7c1e-8f00-000000000003';
