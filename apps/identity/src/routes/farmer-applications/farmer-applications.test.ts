import { outbox } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { farmerApplicationSchema } from '../../contract/farmer-applications.ts';
import { call, farmerApplicationBody, signedInShopper } from '../../testing/client.ts';
import { createHarness, type IdentityHarness } from '../../testing/harness.ts';

let h: IdentityHarness;
beforeAll(async () => {
  h = await createHarness('farmer-applications');
});
afterAll(async () => {
  await h.close();
});

describe('farmer application', () => {
  it('files an application that the applicant can follow', async () => {
    const shopper = await signedInShopper(h);
    const response = await call(h, 'POST', '/v1/farmer-applications', {
      token: shopper.accessToken,
      body: farmerApplicationBody({ businessRegistrationNumber: '124-81-00998' }),
    });
    expect(response.status).toBe(201);
    const filed = response.parse(farmerApplicationSchema);
    expect(filed).toMatchObject({
      status: 'pending',
      businessRegistrationNumber: '1248100998',
      phone: '0548731234',
      bankAccountLast4: '7891',
      rejectionReason: null,
    });
    expect(JSON.stringify(filed)).not.toContain('3011234567891');
    const mine = await call(h, 'GET', '/v1/me/farmer-application', { token: shopper.accessToken });
    expect(mine.json).toEqual(filed);
  });

  it('answers 404 before anyone applied', async () => {
    const shopper = await signedInShopper(h);
    const response = await call(h, 'GET', '/v1/me/farmer-application', { token: shopper.accessToken });
    expect(response.status).toBe(404);
  });

  it('refuses a business registration number whose check digit is wrong, naming the field', async () => {
    const shopper = await signedInShopper(h);
    const response = await call(h, 'POST', '/v1/farmer-applications', {
      token: shopper.accessToken,
      body: farmerApplicationBody({ businessRegistrationNumber: '124-81-00991' }),
    });
    expect(response.status).toBe(400);
    const problem = response.problem;
    expect(problem.errors?.map((error) => error.field)).toEqual(['businessRegistrationNumber']);
  });

  it('names every malformed field', async () => {
    const shopper = await signedInShopper(h);
    const response = await call(h, 'POST', '/v1/farmer-applications', {
      token: shopper.accessToken,
      body: farmerApplicationBody({
        businessRegistrationNumber: '12345',
        zoneCode: 'ABCDE',
        phone: '1234',
        bankCode: '11',
        bankAccountNumber: '12-34',
        farmName: '',
      }),
    });
    const fields = response.problem.errors?.map((error) => error.field).sort();
    expect(fields).toEqual([
      'bankAccountNumber',
      'bankCode',
      'businessRegistrationNumber',
      'farmName',
      'phone',
      'zoneCode',
    ]);
  });

  it.each([
    ['verified', true],
    ['status', 'verified'],
    ['farmIds', ['0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b']],
    ['accountId', '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b'],
  ])('refuses %s in the application body', async (field, value) => {
    const shopper = await signedInShopper(h);
    const response = await call(h, 'POST', '/v1/farmer-applications', {
      token: shopper.accessToken,
      body: farmerApplicationBody({ [field]: value }),
    });
    expect(response.status).toBe(400);
    expect(response.problem.errors?.[0]?.message).toContain(`"${field}"`);
  });

  it('allows one pending application at a time, even when two are sent at once', async () => {
    const shopper = await signedInShopper(h);
    const send = () =>
      call(h, 'POST', '/v1/farmer-applications', { token: shopper.accessToken, body: farmerApplicationBody() });
    const statuses = (await Promise.all([send(), send(), send()])).map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
  });

  it('seals the phone and the bank account number at rest', async () => {
    const shopper = await signedInShopper(h);
    const response = await call(h, 'POST', '/v1/farmer-applications', {
      token: shopper.accessToken,
      body: farmerApplicationBody({ bankAccountNumber: '987654321012', phone: '010-3141-5926' }),
    });
    const { id } = response.parse(farmerApplicationSchema);
    const [row] = await h.owner<Record<string, string>[]>`
      select * from identity.farmer_applications where id = ${id}`;
    const raw = JSON.stringify(row);
    expect(raw).not.toContain('987654321012');
    expect(raw).not.toContain('01031415926');
    expect(row?.bank_account_number_sealed).toMatch(/^v1\.k1\./);
  });

  it('announces the submission without bank or contact details', async () => {
    const shopper = await signedInShopper(h);
    const response = await call(h, 'POST', '/v1/farmer-applications', {
      token: shopper.accessToken,
      body: farmerApplicationBody({ bankAccountNumber: '555566667777', phone: '010-2718-2818' }),
    });
    const { id } = response.parse(farmerApplicationSchema);
    const events = await h.db.select().from(outbox).where(eq(outbox.type, 'FarmerApplicationSubmitted'));
    const event = events.find((row) => row.envelope.aggregateId === shopper.accountId);
    expect(event?.envelope.data).toEqual({
      applicationId: id,
      accountId: shopper.accountId,
      farmName: '햇살 사과농원',
      submittedAt: expect.any(String),
    });
    expect(JSON.stringify(event)).not.toMatch(/555566667777|01027182818|bank/i);
  });
});
