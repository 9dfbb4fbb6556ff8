/**
 * The keys the stand-in accepts when `./fruitables up` runs it, and that payments' dev-env
 * hands to payments. Not secrets: the stand-in moves no money and listens on 127.0.0.1.
 */
export const STAND_IN_DEV_KEYS = {
  secretKey: 'test_sk_fruitables_stand_in_local',
  clientKey: 'test_ck_fruitables_stand_in_local',
} as const;
