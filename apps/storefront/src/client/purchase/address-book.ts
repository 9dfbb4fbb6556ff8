// identity's address book as the checkout reads it (`GET /v1/me/addresses`).

/** identity's address book entry (apps/identity/src/routes/addresses/schema.ts). */
export interface SavedAddress {
  id: string;
  recipient: string;
  phone: string;
  roadAddress: string;
  addressDetail: string;
  zoneCode: string;
  deliveryNotes: string | null;
  isDefault: boolean;
}

type Fields = Record<string, unknown>;

const record = (value: unknown): Fields | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : null;
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The saved addresses; an entry without an id or a postcode cannot fill the form and is left out. */
export function readAddressBook(value: unknown): SavedAddress[] {
  const items = record(value)?.items;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item) => {
    const a = record(item);
    return a && typeof a.id === 'string' && typeof a.zoneCode === 'string'
      ? [
          {
            id: a.id,
            recipient: text(a.recipient),
            phone: text(a.phone),
            roadAddress: text(a.roadAddress),
            addressDetail: text(a.addressDetail),
            zoneCode: a.zoneCode,
            deliveryNotes: typeof a.deliveryNotes === 'string' ? a.deliveryNotes : null,
            isDefault: a.isDefault === true,
          },
        ]
      : [];
  });
}
