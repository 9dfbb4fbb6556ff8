import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/*
 * RFC 6238 TOTP as every authenticator app speaks it: SHA-1, 6 digits, 30-second steps. The
 * arithmetic is otpauth's; this file only fixes the parameters and says which step a code
 * matched, which is what replay protection keys on.
 */

export const TOTP_PERIOD_SECONDS = 30;
/** One step either side: a phone clock 30 s off still works, and at most three codes are valid at once. */
export const TOTP_WINDOW_STEPS = 1;
const ISSUER = 'Fruitables';

/** A fresh 160-bit secret (RFC 4226's recommended length), base32 as authenticator apps take it. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

function totpOf(secretBase32: string, label = 'admin'): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The `otpauth://totp/...` URI an authenticator app scans. */
export const totpUri = (secretBase32: string, accountLabel: string): string =>
  totpOf(secretBase32, accountLabel).toString();

/** The URI as an SVG QR code, drawn here: nothing leaves the server to render it. */
export const totpQrSvg = (uri: string): Promise<string> =>
  QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

/** The 30-second step `at` falls in (the TOTP counter). */
export const totpStepAt = (at: Date): number => Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** The code for `at`; tests and the e2e helper use the same library to compute it. */
export const totpCodeAt = (secretBase32: string, at: Date): string =>
  totpOf(secretBase32).generate({ timestamp: at.getTime() });

/**
 * The step whose code `code` is, within the window around `at`, or null when it matches none.
 * The caller must still claim the step (see claimTotpStep) before accepting the code.
 */
export function matchTotpStep(secretBase32: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: at.getTime(), window: TOTP_WINDOW_STEPS });
  return delta === null ? null : totpStepAt(at) + delta;
}
