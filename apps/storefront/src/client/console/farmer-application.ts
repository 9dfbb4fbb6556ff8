/** identity's FarmerApplication, as the applicant and the admins read it (identity's contract). */
export type { FarmerApplication } from '@fruitables/identity/contract';
