import { newId } from '@fruitables/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchImportSchema } from '../routes/batches/schema.ts';
import {
  countsOf,
  finishedImport,
  fixture,
  lockOfferElsewhere,
  SAMPLE_TODAY,
  uploadFile,
} from '../testing/batch-uploads.ts';
import { type CatalogHarness, call, createHarness, seedFarm, seedLot, seedOffer } from '../testing/harness.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-batch-jobs', { clockStart: SAMPLE_TODAY });
});
afterAll(async () => {
  await h.close();
});

describe('background batch imports', () => {
  it('marks an import left running by a process that died as failed (interrupted), so pollers stop', async () => {
    const farm = await seedFarm(h);
    const importId = newId();
    // What a crash leaves: the row says running, and no transaction holds its lock any more.
    await h.owner`
      insert into catalog.batch_imports (id, farm_id, account_id, content_hash, format, dry_run, status, total_rows)
      values (${importId}, ${farm.farmId}, ${newId()}, 'deadbeef', 'csv', false, 'running', 5)`;
    expect(await h.batchJobs.failInterrupted()).toBe(1);
    const response = await call(h, 'GET', `/v1/farms/${farm.farmId}/batch-imports/${importId}`, { token: farm.token });
    expect(response.parse(batchImportSchema)).toMatchObject({
      status: 'failed',
      errors: [expect.objectContaining({ row: 0, code: 'interrupted' })],
    });
    // The same file may then be uploaded again: a failed import does not block it.
    expect(await h.batchJobs.failInterrupted()).toBe(0);
  });

  it('leaves an import alone while its transaction is alive, even in another process', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm, { fruit: '사과', variety: '부사', grade: '특', priceKrw: 39000 });
    const checkout = await lockOfferElsewhere(h, offerId);
    const response = await uploadFile(h, farm, await fixture('harvest-batch-sample.csv'));
    const { id } = response.parse(batchImportSchema);
    expect(await h.batchJobs.failInterrupted()).toBe(0);
    await checkout.release();
    expect(await finishedImport(h, farm, id)).toMatchObject({ status: 'succeeded', lotsCreated: 5 });
  });

  it('checks the file again when it writes, and writes nothing if a lot code was taken meanwhile', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm, { fruit: '사과', variety: '부사', grade: '특', priceKrw: 39000 });
    const checkout = await lockOfferElsewhere(h, offerId);
    const response = await uploadFile(h, farm, await fixture('harvest-batch-sample.csv'));
    expect(response.status).toBe(202);
    const { id } = response.parse(batchImportSchema);
    // The farmer publishes a lot by hand with a code from the file while the import waits.
    const other = await seedOffer(h, farm, { fruit: '배', variety: '신고' });
    await seedLot(h, farm, other.offerId, { lotCode: 'CJ-2611-004', harvestedOn: '2026-11-10', boxesHarvested: 3 });
    const before = await countsOf(h, farm.farmId);
    await checkout.release();
    const done = await finishedImport(h, farm, id);
    expect(done).toMatchObject({ status: 'failed', processedRows: 0, lotsCreated: 0 });
    expect(done.errors.map(({ row, column, code }) => `${row} ${column} ${code}`)).toEqual([
      '5 로트번호 lot_code_exists',
    ]);
    expect(await countsOf(h, farm.farmId)).toEqual(before);
  });
});

describe('many uploads at once', () => {
  let small: CatalogHarness;
  beforeAll(async () => {
    small = await createHarness('catalog-batch-crowd', { clockStart: SAMPLE_TODAY, poolMax: 4 });
  });
  afterAll(async () => {
    await small.close();
  });

  // Every file creates the same new product and offer: imports of one farm run one after the
  // other, so the later ones find them instead of failing on the unique index.
  it('imports them all with a small pool, without starving each other of connections or colliding', async () => {
    const farm = await seedFarm(small);
    const files = Array.from(
      { length: 8 },
      (_, index) =>
        `lot_code,fruit,variety,grade,pack_kg,boxes,price_krw,harvested_on\nC-${index},사과,부사,특,5,${index + 1},39000,2026-11-12\n`,
    );
    const responses = await Promise.all(files.map((file) => uploadFile(small, farm, file)));
    expect(responses.map((response) => response.status)).toEqual(files.map(() => 202));
    const ids = await Promise.all(responses.map(async (response) => response.parse(batchImportSchema).id));
    for (const id of ids) expect((await finishedImport(small, farm, id)).status).toBe('succeeded');
    expect((await countsOf(small, farm.farmId))?.lots).toBe(8);
  });
});
