// identity's value lists, free of any database code: the tables, identity's contract
// (`@fruitables/identity/contract`) and browser code share these spellings.

export const accountRoles = ['shopper', 'farmer', 'admin'] as const;
export type AccountRole = (typeof accountRoles)[number];
export const accountStatuses = ['active', 'disabled'] as const;
export type AccountStatus = (typeof accountStatuses)[number];
export const applicationStatuses = ['pending', 'verified', 'rejected'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const socialProviders = ['kakao', 'naver'] as const;
export type SocialProvider = (typeof socialProviders)[number];
export const emailTokenPurposes = ['verify_email', 'reset_password'] as const;
export type EmailTokenPurpose = (typeof emailTokenPurposes)[number];
