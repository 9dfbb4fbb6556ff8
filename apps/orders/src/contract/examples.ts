// Example ids for the OpenAPI document and for callers' tests.
export const ORDER_ID = '0196f0c2-7b3a-7c1e-8f00-000000000100';
export const FULFILMENT_ID = '0196f0c2-7b3a-7c1e-8f00-000000000101';
export const ORDER_LINE_ID = '0196f0c2-7b3a-7c1e-8f00-000000000102';
export const SHOPPER_ID = '0196f0c2-7b3a-7c1e-8f00-000000000001';
export const ORDER_NUMBER = 'FT-20261207-0001';
