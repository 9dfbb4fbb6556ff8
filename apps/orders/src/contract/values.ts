export * from '@fruitables/schema-orders/values';
