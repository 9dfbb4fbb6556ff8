/**
 * `text` with LIKE's wildcards (`%`, `_`) and its escape character (`\`) escaped, so a
 * person's search for "50%_off" matches those characters and nothing else. PostgreSQL's
 * default escape character is the backslash, which is what LIKE and ILIKE use here.
 */
export const escapeLike = (text: string): string => text.replaceAll(/[\\%_]/g, (character) => `\\${character}`);

/** A LIKE / ILIKE pattern for values that contain `text` anywhere. */
export const likeContaining = (text: string): string => `%${escapeLike(text)}%`;

/** A LIKE / ILIKE pattern for values that start with `text` (a btree or trigram index can serve it). */
export const likeStartingWith = (text: string): string => `${escapeLike(text)}%`;
