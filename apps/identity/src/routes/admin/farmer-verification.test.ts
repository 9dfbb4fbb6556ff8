import { isUuidV7 } from '@fruitables/core';
import { withId } from '@fruitables/kit/testing';
import { accountFarms, farmerApplications, farms, outbox } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { farmerApplicationSchema } from '../../contract/farmer-applications.ts';
import {
  call,
  farmerApplicationBody,
  refresh,
  type SignedIn,
  signedInAdmin,
  signedInShopper,
} from '../../testing/client.ts';
import { createHarness, type IdentityHarness } from '../../testing/harness.ts';
import { farmerApplicationPageSchema } from './schema.ts';

let h: IdentityHarness;
let admin: SignedIn;
beforeAll(async () => {
  h = await createHarness('farmer-verification');
  admin = await signedInAdmin(h);
});
afterAll(async () => {
  await h.close();
});

interface ApplicationBody {
  id: string;
  status: string;
  farmId: string | null;
  rejectionReason: string | null;
}

async function apply(applicant: SignedIn): Promise<ApplicationBody> {
  const response = await call(h, 'POST', '/v1/farmer-applications', {
    token: applicant.accessToken,
    body: farmerApplicationBody(),
  });
  expect(response.status).toBe(201);
  return response.parse(farmerApplicationSchema);
}

const decide = (applicationId: string, verb: 'verify' | 'reject', token = admin.accessToken, body?: unknown) =>
  call(h, 'POST', `/v1/admin/farmer-applications/${applicationId}/${verb}`, { token, body });

describe('verifying a farmer', () => {
  it('creates the farm, makes the applicant its farmer and cuts off the old token', async () => {
    const applicant = await signedInShopper(h);
    const application = await apply(applicant);
    const response = await decide(application.id, 'verify');
    expect(response.status).toBe(200);
    const verified = response.parse(farmerApplicationSchema);
    expect(verified.status).toBe('verified');
    expect(verified.farmId && isUuidV7(verified.farmId)).toBe(true);

    // The shopper-only token stops working at once; a refresh in the same second carries the new role and works.
    expect((await call(h, 'GET', '/v1/me', { token: applicant.accessToken })).status).toBe(401);
    const next = await refresh(h, applicant.refreshToken);
    expect(decodeJwt(next.accessToken)).toMatchObject({ roles: ['shopper', 'farmer'], farmIds: [verified.farmId] });
    const mine = await call(h, 'GET', '/v1/me/farmer-application', { token: next.accessToken });
    expect(mine.json).toMatchObject({ status: 'verified', farmId: verified.farmId });
  });

  it('announces FarmerVerified with the farm and nothing private', async () => {
    const applicant = await signedInShopper(h);
    const application = await apply(applicant);
    const verified = (await decide(application.id, 'verify')).parse(farmerApplicationSchema);
    const [event] = (await h.db.select().from(outbox).where(eq(outbox.type, 'FarmerVerified'))).filter(
      (row) => row.envelope.aggregateId === applicant.accountId,
    );
    expect(event?.envelope.data).toEqual({
      applicationId: application.id,
      accountId: applicant.accountId,
      farmId: verified.farmId,
      farmName: '햇살 사과농원',
      verifiedAt: expect.any(String),
    });
  });

  it('decides an application only once', async () => {
    const application = await apply(await signedInShopper(h));
    expect((await decide(application.id, 'verify')).status).toBe(200);
    const again = await decide(application.id, 'reject', admin.accessToken, { reason: '중복' });
    expect(again.status).toBe(409);
    expect(again.problem.code).toBe('farmer_application_decided');
  });

  it('settles a verify, a second verify and a reject racing on one application: one wins, one farm, one event', async () => {
    const applicant = await signedInShopper(h);
    const application = await apply(applicant);
    const responses = await Promise.all([
      decide(application.id, 'verify'),
      decide(application.id, 'verify'),
      decide(application.id, 'reject', admin.accessToken, { reason: '중복 신청' }),
    ]);
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(2);
    const events = (await h.db.select().from(outbox)).filter(
      (row) =>
        row.envelope.aggregateId === applicant.accountId &&
        (row.type === 'FarmerVerified' || row.type === 'FarmerRejected'),
    );
    expect(events).toHaveLength(1);
    const [decided] = await h.db.select().from(farmerApplications).where(eq(farmerApplications.id, application.id));
    const linked = await h.db.select().from(accountFarms).where(eq(accountFarms.accountId, applicant.accountId));
    if (decided?.status === 'verified') {
      expect(events[0]?.type).toBe('FarmerVerified');
      expect(linked.map((row) => row.farmId)).toEqual([decided.farmId]);
      expect(
        await h.db
          .select()
          .from(farms)
          .where(eq(farms.id, decided.farmId ?? '')),
      ).toHaveLength(1);
    } else {
      expect(decided?.status).toBe('rejected');
      expect(events[0]?.type).toBe('FarmerRejected');
      expect(linked).toEqual([]);
    }
  });

  it('answers 404 for an application that does not exist', async () => {
    expect((await decide('0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b', 'verify')).status).toBe(404);
  });

  it('refuses a second application from a verified farmer', async () => {
    const applicant = await signedInShopper(h);
    await decide((await apply(applicant)).id, 'verify');
    const next = await refresh(h, applicant.refreshToken);
    const again = await call(h, 'POST', '/v1/farmer-applications', {
      token: next.accessToken,
      body: farmerApplicationBody(),
    });
    expect(again.status).toBe(409);
    expect(again.problem.code).toBe('already_farmer');
  });
});

describe('no one decides their own application', () => {
  it('refuses an admin verifying the application they filed themself', async () => {
    const ownApplication = await apply(admin);
    const response = await decide(ownApplication.id, 'verify');
    expect(response.status).toBe(403);
    expect(response.problem.code).toBe('self_decision');
    const stillPending = await call(h, 'GET', '/v1/me/farmer-application', { token: admin.accessToken });
    expect(stillPending.parse(farmerApplicationSchema).status).toBe('pending');
  });

  it('refuses an applicant verifying their own application without the admin role', async () => {
    const applicant = await signedInShopper(h);
    const application = await apply(applicant);
    expect((await decide(application.id, 'verify', applicant.accessToken)).status).toBe(403);
  });
});

describe('rejecting a farmer', () => {
  it('records the reason for the applicant, announces it, and lets them apply again', async () => {
    const applicant = await signedInShopper(h);
    const application = await apply(applicant);
    const reason = '예금주가 대표자와 다릅니다.';
    const response = await decide(application.id, 'reject', admin.accessToken, { reason });
    expect(response.status).toBe(200);
    const mine = await call(h, 'GET', '/v1/me/farmer-application', { token: applicant.accessToken });
    expect(mine.json).toMatchObject({ status: 'rejected', rejectionReason: reason, farmId: null });
    const events = await h.db.select().from(outbox).where(eq(outbox.type, 'FarmerRejected'));
    expect(events.find((row) => row.envelope.aggregateId === applicant.accountId)?.envelope.data).toMatchObject({
      applicationId: application.id,
      reason,
    });
    expect((await apply(applicant)).status).toBe('pending');
  });

  it('lets a rejected applicant apply again and, once verified, refresh into a farmer on the same session', async () => {
    const applicant = await signedInShopper(h);
    const first = await apply(applicant);
    await decide(first.id, 'reject', admin.accessToken, { reason: '사업자등록번호를 확인할 수 없습니다.' });
    const second = await apply(applicant);
    expect(second.id).not.toBe(first.id);
    const latest = await call(h, 'GET', '/v1/me/farmer-application', { token: applicant.accessToken });
    expect(latest.json).toMatchObject({ id: second.id, status: 'pending', rejectionReason: null });

    const verified = (await decide(second.id, 'verify')).parse(farmerApplicationSchema);
    const stale = await call(h, 'GET', '/v1/me', { token: applicant.accessToken });
    expect(stale.status).toBe(401);
    expect(stale.problem.code).toBe('token_revoked');
    // The refresh token from the original login still works: verification cuts off access tokens, not sessions.
    const next = await refresh(h, applicant.refreshToken);
    expect(decodeJwt(next.accessToken)).toMatchObject({ roles: ['shopper', 'farmer'], farmIds: [verified.farmId] });
    const profile = await call(h, 'GET', '/v1/me', { token: next.accessToken });
    expect(profile.json).toMatchObject({ roles: ['shopper', 'farmer'], farmIds: [verified.farmId] });
    expect((await refresh(h, next.refreshToken)).accessToken).toEqual(expect.any(String));
  });

  it('needs a reason', async () => {
    const application = await apply(await signedInShopper(h));
    const response = await decide(application.id, 'reject', admin.accessToken, {});
    expect(response.status).toBe(400);
    expect(response.problem.errors?.map((error) => error.field)).toEqual(['reason']);
  });
});

describe('the review queue', () => {
  it('pages through pending applications oldest first', async () => {
    const queue = await createHarness('farmer-queue');
    try {
      const queueAdmin = await signedInAdmin(queue);
      const filed: string[] = [];
      for (let i = 0; i < 3; i++) {
        const applicant = await signedInShopper(queue);
        const response = await call(queue, 'POST', '/v1/farmer-applications', {
          token: applicant.accessToken,
          body: farmerApplicationBody(),
        });
        filed.push(response.parse(withId).id);
      }
      const page = async (query: string) =>
        (await call(queue, 'GET', `/v1/admin/farmer-applications${query}`, { token: queueAdmin.accessToken })).parse(
          farmerApplicationPageSchema,
        );
      const first = await page('?limit=2');
      expect(first.items.map((item) => item.id)).toEqual(filed.slice(0, 2));
      const second = await page(`?limit=2&after=${first.nextCursor}`);
      expect(second.items.map((item) => item.id)).toEqual(filed.slice(2));
      expect(second.nextCursor).toBeNull();
    } finally {
      await queue.close();
    }
  });

  it('lists past decisions by status, most recently decided first, and still defaults to the pending queue', async () => {
    const decisions = await createHarness('farmer-decisions');
    try {
      const decisionsAdmin = await signedInAdmin(decisions);
      const file = async () => {
        const applicant = await signedInShopper(decisions);
        const response = await call(decisions, 'POST', '/v1/farmer-applications', {
          token: applicant.accessToken,
          body: farmerApplicationBody(),
        });
        return response.parse(withId).id;
      };
      const [first, second, third, fourth, fifth] = [
        await file(),
        await file(),
        await file(),
        await file(),
        await file(),
      ];
      const decideIn = (id: string | undefined, verb: 'verify' | 'reject') =>
        call(decisions, 'POST', `/v1/admin/farmer-applications/${id}/${verb}`, {
          token: decisionsAdmin.accessToken,
          ...(verb === 'reject' ? { body: { reason: '서류 미비' } } : {}),
        });
      // Decided out of filing order; the second and fourth in the same instant.
      await decideIn(third, 'reject');
      decisions.clock.advance(60_000);
      await decideIn(first, 'reject');
      decisions.clock.advance(60_000);
      await decideIn(second, 'reject');
      await decideIn(fourth, 'reject');
      decisions.clock.advance(60_000);
      const verifiedResponse = await decideIn(fifth, 'verify');
      expect(verifiedResponse.status).toBe(200);
      const page = async (query: string) => {
        const response = await call(decisions, 'GET', `/v1/admin/farmer-applications${query}`, {
          token: decisionsAdmin.accessToken,
        });
        expect(response.status, response.text).toBe(200);
        return response.parse(farmerApplicationPageSchema);
      };

      const rejected: string[] = [];
      let cursor: string | null = null;
      do {
        const next: Awaited<ReturnType<typeof page>> = await page(
          `?status=rejected&limit=1${cursor ? `&after=${cursor}` : ''}`,
        );
        expect(next.items.every((item) => item.status === 'rejected' && item.rejectionReason === '서류 미비')).toBe(
          true,
        );
        rejected.push(...next.items.map((item) => item.id));
        cursor = next.nextCursor;
      } while (cursor);
      // Latest decision first; the two decided in one instant by id, newest first.
      expect(rejected).toEqual([fourth, second, first, third]);
      expect((await page('?status=rejected&limit=4')).nextCursor).toBeNull();

      const verified = await page('?status=verified');
      expect(verified.items.map((item) => [item.id, item.status])).toEqual([[fifth, 'verified']]);
      expect(verified.items[0]?.farmId).toEqual(expect.any(String));

      const stillWaiting = await file();
      expect((await page('')).items.map((item) => item.id)).toEqual([stillWaiting]);
      expect((await page('?status=pending')).items.map((item) => item.id)).toEqual([stillWaiting]);

      const bad = await call(decisions, 'GET', '/v1/admin/farmer-applications?status=approved', {
        token: decisionsAdmin.accessToken,
      });
      expect(bad.status).toBe(400);
      expect(bad.problem.errors?.map((error) => error.field)).toEqual(['query.status']);
    } finally {
      await decisions.close();
    }
  });
});
