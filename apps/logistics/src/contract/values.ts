export * from '@fruitables/schema-logistics/values';
