// identity's value lists with no zod and no database code, safe for browser bundles.
export {
  type AccountRole,
  type AccountStatus,
  type ApplicationStatus,
  accountRoles,
  accountStatuses,
  applicationStatuses,
} from '@fruitables/schema-identity/values';
