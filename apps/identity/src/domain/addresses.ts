import { Conflict, NotFound, newId, ValidationFailed } from '@fruitables/core';
import type { FieldCipher } from '@fruitables/core/field-cipher';
import { accounts, addresses } from '@fruitables/schema-identity';
import { and, count, desc, eq, ne } from 'drizzle-orm';
import type { DomainContext, IdentityDb } from './context.ts';

export const MAX_ADDRESSES = 20;

export interface AddressFields {
  recipient: string;
  /** Digits only. */
  phone: string;
  roadAddress: string;
  addressDetail: string;
  zoneCode: string;
  deliveryNotes: string | null;
}

export interface Address extends AddressFields {
  id: string;
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

type AddressContext = Pick<DomainContext, 'db' | 'cipher' | 'clock'>;
type AddressRow = typeof addresses.$inferSelect;

const phoneContext = (id: string) => `addresses.phone:${id}`;
const notesContext = (id: string) => `addresses.delivery-notes:${id}`;

function toAddress(cipher: FieldCipher, row: AddressRow): Address {
  return {
    id: row.id,
    recipient: row.recipient,
    phone: cipher.open(row.phoneSealed, phoneContext(row.id)),
    roadAddress: row.roadAddress,
    addressDetail: row.addressDetail,
    zoneCode: row.zoneCode,
    deliveryNotes: row.deliveryNotesSealed ? cipher.open(row.deliveryNotesSealed, notesContext(row.id)) : null,
    isDefault: row.isDefault,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Someone else's address and no address at all look the same (404), so ids cannot be probed. */
const addressNotFound = () => new NotFound('No address with this id in your address book.', 'address_not_found');

/**
 * Serialises address-book writes of one account on its account row, so "is this the first
 * address?" and "unset the old default" cannot interleave between two requests. FOR NO KEY
 * UPDATE, not FOR UPDATE: it still excludes a second address-book write, but not the key-share
 * locks that inserts referencing the account take (a session starting, a farmer application).
 */
async function lockAddressBook(tx: IdentityDb, accountId: string): Promise<void> {
  const [account] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .for('no key update');
  if (!account) throw new NotFound('This account no longer exists.', 'account_not_found');
}

/** Clears the current default; must run before another row becomes default (the unique index is not deferred). */
async function clearDefault(tx: IdentityDb, accountId: string): Promise<void> {
  await tx
    .update(addresses)
    .set({ isDefault: false })
    .where(and(eq(addresses.accountId, accountId), eq(addresses.isDefault, true)));
}

export async function listAddresses(ctx: Pick<DomainContext, 'db' | 'cipher'>, accountId: string): Promise<Address[]> {
  const rows = await ctx.db
    .select()
    .from(addresses)
    .where(eq(addresses.accountId, accountId))
    .orderBy(desc(addresses.isDefault), desc(addresses.createdAt), desc(addresses.id));
  return rows.map((row) => toAddress(ctx.cipher, row));
}

export async function getAddress(
  ctx: Pick<DomainContext, 'db' | 'cipher'>,
  accountId: string,
  addressId: string,
): Promise<Address> {
  const [row] = await ctx.db
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, addressId), eq(addresses.accountId, accountId)));
  if (!row) throw addressNotFound();
  return toAddress(ctx.cipher, row);
}

/** Adds an address. The first one is the default whatever was asked; later ones only when asked. */
export async function createAddress(
  ctx: AddressContext,
  accountId: string,
  input: AddressFields & { isDefault?: boolean | undefined },
): Promise<Address> {
  const id = newId();
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    await lockAddressBook(tx, accountId);
    const [existing] = await tx.select({ total: count() }).from(addresses).where(eq(addresses.accountId, accountId));
    const total = existing?.total ?? 0;
    if (total >= MAX_ADDRESSES) {
      throw new Conflict(
        `An address book holds at most ${MAX_ADDRESSES} addresses; delete one first.`,
        'address_book_full',
      );
    }
    const isDefault = total === 0 || input.isDefault === true;
    if (isDefault) await clearDefault(tx, accountId);
    const [inserted] = await tx
      .insert(addresses)
      .values({
        id,
        accountId,
        recipient: input.recipient,
        phoneSealed: ctx.cipher.seal(input.phone, phoneContext(id)),
        roadAddress: input.roadAddress,
        addressDetail: input.addressDetail,
        zoneCode: input.zoneCode,
        deliveryNotesSealed: input.deliveryNotes ? ctx.cipher.seal(input.deliveryNotes, notesContext(id)) : null,
        isDefault,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    return inserted;
  });
  if (!row) throw new Error('address insert returned no row');
  return toAddress(ctx.cipher, row);
}

export async function updateAddress(
  ctx: AddressContext,
  accountId: string,
  addressId: string,
  changes: Partial<AddressFields> & { isDefault?: boolean | undefined },
): Promise<Address> {
  const row = await ctx.db.transaction(async (tx) => {
    await lockAddressBook(tx, accountId);
    const [current] = await tx
      .select()
      .from(addresses)
      .where(and(eq(addresses.id, addressId), eq(addresses.accountId, accountId)));
    if (!current) throw addressNotFound();
    if (changes.isDefault === false && current.isDefault) {
      throw new ValidationFailed('One address must stay the default.', [
        { field: 'isDefault', message: 'Make another address the default instead of unsetting this one.' },
      ]);
    }
    const set: Partial<typeof addresses.$inferInsert> = { updatedAt: ctx.clock.now() };
    if (changes.recipient !== undefined) set.recipient = changes.recipient;
    if (changes.phone !== undefined) set.phoneSealed = ctx.cipher.seal(changes.phone, phoneContext(addressId));
    if (changes.roadAddress !== undefined) set.roadAddress = changes.roadAddress;
    if (changes.addressDetail !== undefined) set.addressDetail = changes.addressDetail;
    if (changes.zoneCode !== undefined) set.zoneCode = changes.zoneCode;
    if (changes.deliveryNotes !== undefined) {
      set.deliveryNotesSealed = changes.deliveryNotes
        ? ctx.cipher.seal(changes.deliveryNotes, notesContext(addressId))
        : null;
    }
    if (changes.isDefault === true && !current.isDefault) {
      await clearDefault(tx, accountId);
      set.isDefault = true;
    }
    const [updated] = await tx.update(addresses).set(set).where(eq(addresses.id, addressId)).returning();
    return updated;
  });
  if (!row) throw addressNotFound();
  return toAddress(ctx.cipher, row);
}

/** Deletes an address; when it was the default, the newest remaining address takes over. */
export async function deleteAddress(ctx: AddressContext, accountId: string, addressId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockAddressBook(tx, accountId);
    const [removed] = await tx
      .delete(addresses)
      .where(and(eq(addresses.id, addressId), eq(addresses.accountId, accountId)))
      .returning({ isDefault: addresses.isDefault });
    if (!removed) throw addressNotFound();
    if (!removed.isDefault) return;
    const [next] = await tx
      .select({ id: addresses.id })
      .from(addresses)
      .where(and(eq(addresses.accountId, accountId), ne(addresses.id, addressId)))
      .orderBy(desc(addresses.createdAt), desc(addresses.id))
      .limit(1);
    if (next) await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, next.id));
  });
}
