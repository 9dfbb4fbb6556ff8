export * from '@fruitables/schema-payments/values';
