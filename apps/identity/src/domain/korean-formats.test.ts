import { describe, expect, it } from 'vitest';
import {
  normaliseBankAccountNumber,
  normaliseBusinessRegistrationNumber,
  normaliseMobile,
  normalisePhone,
} from './korean-formats.ts';

describe('business registration number (사업자등록번호)', () => {
  it.each(['124-81-00998', '1248100998', '220-81-62517', '104-81-37225'])('accepts %s', (value) => {
    expect(normaliseBusinessRegistrationNumber(value)).toBe(value.replaceAll('-', ''));
  });

  it.each(['124-81-00991', '220-81-62510', '123456789', '12345678901', 'abcdefghij'])('refuses %s', (value) => {
    expect(normaliseBusinessRegistrationNumber(value)).toBeUndefined();
  });
});

describe('phone numbers', () => {
  it('normalises mobiles and landlines to digits', () => {
    expect(normaliseMobile('010-1234-5678')).toBe('01012345678');
    expect(normaliseMobile('02-123-4567')).toBeUndefined();
    expect(normalisePhone('02-123-4567')).toBe('021234567');
    expect(normalisePhone('054-873-1234')).toBe('0548731234');
    expect(normalisePhone('1234')).toBeUndefined();
  });

  it('keeps bank account digits only, 10 to 16 of them', () => {
    expect(normaliseBankAccountNumber('301-1234-5678-91')).toBe('3011234567891');
    expect(normaliseBankAccountNumber('12-34')).toBeUndefined();
  });
});
