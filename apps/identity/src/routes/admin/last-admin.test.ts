import { accounts } from '@fruitables/schema-identity';
import { and, arrayContains, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableAccount } from '../../domain/account-admin.ts';
import { call, type SignedInAdmin, signedInAdmin } from '../../testing/client.ts';
import { createHarness, type IdentityHarness } from '../../testing/harness.ts';

// Its own database: the rule is about every admin there is, so no other test's admins may count.
let h: IdentityHarness;
beforeAll(async () => {
  h = await createHarness('last-admin');
});
afterAll(async () => {
  await h.close();
});

async function activeAdminIds(): Promise<string[]> {
  const rows = await h.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(arrayContains(accounts.roles, ['admin']), eq(accounts.status, 'active')));
  return rows.map((row) => row.id);
}

const disable = (admin: SignedInAdmin, accountId: string) =>
  call(h, 'POST', `/v1/admin/accounts/${accountId}/disable`, { token: admin.accessToken });

describe('the last active admin', () => {
  it('cannot be disabled: two admins disabling each other at once leave one, and the other gets 409', async () => {
    let survivor = await signedInAdmin(h);
    // Several rounds: each time a new admin and the survivor race to disable each other.
    for (let round = 0; round < 4; round++) {
      const challenger = await signedInAdmin(h);
      const [first, second] = await Promise.all([
        disable(survivor, challenger.accountId),
        disable(challenger, survivor.accountId),
      ]);
      const statuses = [first.status, second.status];
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      const loser = first.status === 200 ? second : first;
      // The loser is refused by the rule, or (if the winner committed first) its own token is already revoked.
      expect([401, 409]).toContain(loser.status);
      if (loser.status === 409) {
        expect(loser.headers.get('content-type')).toContain('application/problem+json');
        expect(loser.problem.code).toBe('last_active_admin');
      }
      const active = await activeAdminIds();
      expect(active).toHaveLength(1);
      survivor = active[0] === survivor.accountId ? survivor : challenger;
    }
  });

  it('is refused at the domain under a concurrent pair every time, never both disabled', async () => {
    const ctx = { db: h.db, clock: h.clock, redis: h.redis };
    for (let round = 0; round < 4; round++) {
      const [survivorId] = await activeAdminIds();
      const challenger = await signedInAdmin(h);
      const outcomes = await Promise.allSettled([
        disableAccount(ctx, survivorId ?? '', challenger.accountId, 'race'),
        disableAccount(ctx, challenger.accountId, survivorId ?? '', 'race'),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected');
      expect(refused?.status === 'rejected' && refused.reason).toMatchObject({
        kind: 'conflict',
        code: 'last_active_admin',
      });
      expect(await activeAdminIds()).toHaveLength(1);
    }
  });

  it('is refused even to a caller that is not an active admin any more, while other accounts disable normally', async () => {
    const [lastId] = await activeAdminIds();
    const ctx = { db: h.db, clock: h.clock, redis: h.redis };
    await expect(disableAccount(ctx, crypto.randomUUID(), lastId ?? '', undefined)).rejects.toMatchObject({
      kind: 'conflict',
      code: 'last_active_admin',
    });
    const another = await signedInAdmin(h);
    await expect(disableAccount(ctx, another.accountId, lastId ?? '', undefined)).resolves.toMatchObject({
      status: 'disabled',
    });
  });
});
