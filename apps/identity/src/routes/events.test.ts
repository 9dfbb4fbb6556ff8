import { withId } from '@fruitables/kit/testing';
import { outbox } from '@fruitables/schema-identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, farmerApplicationBody, signedInAdmin, signedInShopper } from '../testing/client.ts';
import { createHarness, type IdentityHarness } from '../testing/harness.ts';

let h: IdentityHarness;
beforeAll(async () => {
  h = await createHarness('events');
});
afterAll(async () => {
  await h.close();
});

describe('identity events', () => {
  it('carry no password hash, token, contact data or bank account through a whole farmer lifecycle', async () => {
    const admin = await signedInAdmin(h);
    const shopper = await signedInShopper(h, { mobile: '010-8642-9753', password: 'secret-password-in-event?' });
    const rejectedApplicant = await signedInShopper(h);
    const body = farmerApplicationBody({ bankAccountNumber: '1029384756', phone: '010-1357-2468' });
    const filed = await call(h, 'POST', '/v1/farmer-applications', { token: shopper.accessToken, body });
    const { id } = filed.parse(withId);
    await call(h, 'POST', `/v1/admin/farmer-applications/${id}/verify`, { token: admin.accessToken });
    const other = await call(h, 'POST', '/v1/farmer-applications', {
      token: rejectedApplicant.accessToken,
      body: farmerApplicationBody(),
    });
    await call(h, 'POST', `/v1/admin/farmer-applications/${other.parse(withId).id}/reject`, {
      token: admin.accessToken,
      body: { reason: '서류 미비' },
    });
    await call(h, 'POST', `/v1/admin/accounts/${shopper.accountId}/disable`, {
      token: admin.accessToken,
      body: { reason: 'private admin note' },
    });

    const rows = await h.db.select().from(outbox);
    expect(new Set(rows.map((row) => row.type))).toEqual(
      new Set([
        'AccountRegistered',
        'FarmerApplicationSubmitted',
        'FarmerVerified',
        'FarmerRejected',
        'AccountDisabled',
      ]),
    );
    expect(rows.every((row) => row.stream === 'identity.events' && row.envelope.producer === 'identity')).toBe(true);
    const everything = JSON.stringify(rows);
    for (const secret of [
      shopper.password,
      shopper.email,
      shopper.refreshToken,
      shopper.accessToken,
      '01086429753',
      '1029384756',
      '01013572468',
      '$argon2id$',
      'private admin note',
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
});
