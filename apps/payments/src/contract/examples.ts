// Example ids for the OpenAPI document and for callers' tests.
export const REFUND_ID = '0196f0c2-7b3a-7c1e-8f00-000000000200';
export const PAYMENT_KEY = 'tviva20261207121500AbCd1';
