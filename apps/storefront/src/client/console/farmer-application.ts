/** identity's FarmerApplication, as the applicant and the admins read it. */
export interface FarmerApplication {
  id: string;
  accountId: string;
  status: 'pending' | 'verified' | 'rejected';
  farmName: string;
  representativeName: string;
  businessRegistrationNumber: string;
  roadAddress: string;
  zoneCode: string;
  phone: string;
  bankCode: string;
  bankAccountLast4: string;
  bankAccountHolder: string;
  rejectionReason: string | null;
  submittedAt: string;
  decidedAt: string | null;
}
