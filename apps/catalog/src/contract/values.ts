// catalog's value lists with no zod and no database code, so browser code (the farmer console)
// can import them without pulling a schema library into its bundle.
export { type SidoName, sidoNames } from '@fruitables/core';
export {
  type CertificationKind,
  certificationKinds,
  type Grade,
  grades,
  type HoldReturnReason,
  type HoldStatus,
  holdReturnReasons,
  holdStatuses,
  type PhotoSubject,
  photoSubjects,
  type StockState,
  stockStates,
} from '@fruitables/schema-catalog/values';
