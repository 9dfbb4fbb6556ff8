/**
 * Who may do what in Redis: one user per service, allowed only the commands its code sends,
 * on only the keys it owns or reads. This file is the one definition; it renders the local
 * stack's ACL file (`./fruitables up`, the e2e platform) and the K3s users template
 * (k3s/base/redis/users.acl, checked against this file by redis-acl.test.ts).
 *
 * Redis checks every command (also those inside MULTI and inside scripts) against the
 * calling user. Each grant below is one ACL selector, so a command is allowed only on the
 * keys of the same grant: catalog may XREADGROUP identity.events but never XADD to it.
 * What ACLs cannot express: a consumer group name. A service that may XACK on a stream it
 * reads could acknowledge another group's entries there; group names stay a convention.
 */

/** A stream a service reads through its own consumer group. */
export interface StreamSubscription {
  stream: string;
  group: string;
}

/** Commands on key patterns, as one ACL selector. A pattern is `~glob` (read and write) or `%R~glob` (read only). */
export interface RedisGrant {
  why: string;
  commands: string[];
  keys: string[];
}

export interface RedisServiceAccess {
  /** The service's name, which is also its Redis user name. */
  service: string;
  /** The stream its outbox relay appends to (and its trimmer trims). */
  publishes?: string;
  subscribes?: StreamSubscription[];
  /** Writes the token denylist (logout, disable, role change). Every service reads it. */
  revokesTokens?: boolean;
  /** Keys only this service uses (throttles, short-lived login state). */
  ownKeys?: RedisGrant;
}

/** The bus's default dead-letter stream of a consumer group (packages/bus/src/consumer.ts). */
export const deadLetterStream = (group: string): string => `${group}:dead-letter`;

/** The token denylist keys of packages/kit/src/auth/revocation.ts. */
const REVOCATION_KEYS = ['auth:revoked-jti:*', 'auth:revoked-before:*'];

/**
 * Every service of the platform. A service missing here gets no Redis user, and the local
 * stack refuses to start it (see service-env.ts), so a new service's access is a decision.
 */
export const serviceRedisAccess: readonly RedisServiceAccess[] = [
  {
    service: 'identity',
    publishes: 'identity.events',
    revokesTokens: true,
    ownKeys: {
      why: 'login, sign-up, mail-request and admin-code throttles (Lua scripts: the commands inside run as this user too), social login state, admin MFA challenges',
      commands: [
        'eval',
        'hget',
        'hgetall',
        'hset',
        'hdel',
        'hincrby',
        'exists',
        'del',
        'pexpire',
        'incr',
        'set',
        'getdel',
      ],
      keys: [
        '~identity:login-throttle:*',
        '~identity:sign-up-throttle:*',
        '~identity:mail-throttle:*',
        '~identity:social-login:*',
        '~identity:mfa-throttle:*',
        '~identity:mfa-challenge:*',
      ],
    },
    // Farm names, which catalog owns, for the admins' farm search (apps/identity/src/catalog-events.ts).
    subscribes: [{ stream: 'catalog.events', group: 'identity' }],
  },
  {
    service: 'catalog',
    publishes: 'catalog.events',
    // Farms appear when identity verifies a farmer (apps/catalog/src/farm-events.ts).
    subscribes: [{ stream: 'identity.events', group: 'catalog' }],
  },
  {
    service: 'orders',
    publishes: 'orders.events',
    // Payments confirm and refund orders, shipments move fulfilments, an expired hold cancels an
    // unpaid order (apps/orders/src/consumers.ts).
    subscribes: [
      { stream: 'payments.events', group: 'orders' },
      { stream: 'logistics.events', group: 'orders' },
      { stream: 'catalog.events', group: 'orders' },
    ],
  },
  {
    service: 'logistics',
    publishes: 'logistics.events',
    // Paid orders' contents, cancelled and packing fulfilments (apps/logistics/src/order-events.ts).
    subscribes: [{ stream: 'orders.events', group: 'logistics' }],
  },
  {
    service: 'payments',
    publishes: 'payments.events',
    // OrderCompleted makes a fulfilment's goods payable to its farm in the ledger
    // (apps/payments/src/ledger/order-events.ts).
    subscribes: [{ stream: 'orders.events', group: 'payments' }],
  },
  {
    service: 'storefront',
    // The rebuilder re-renders pages on catalog's changes (apps/storefront/src/rebuild/rebuilder.ts).
    subscribes: [{ stream: 'catalog.events', group: 'storefront' }],
  },
];

/** The operators' (and the local stack's) user: everything, for inspecting streams and repairs. */
export const ADMIN_USER = 'admin';

/** What every service connection does outside any key: the health check and the relay's and dead-letter's MULTI. */
const BASE_COMMANDS = ['ping', 'multi', 'exec', 'discard'];

/** The relay's XADD; the trimmer's look at the groups before XTRIM MINID (packages/bus/src/trim.ts). */
const PUBLISH_COMMANDS = ['xadd', 'xinfo|groups', 'xpending', 'xtrim', 'xlen'];

/** The consumer loop: group creation (MKSTREAM), reads, acks, reclaiming, gauges (packages/bus/src/consumer*.ts). */
const SUBSCRIBE_COMMANDS = ['xgroup|create', 'xreadgroup', 'xack', 'xautoclaim', 'xclaim', 'xpending', 'xinfo|groups'];

/** The grants of one service, each one ACL selector. */
export function serviceGrants(access: RedisServiceAccess): RedisGrant[] {
  const grants: RedisGrant[] = [];
  if (access.publishes) {
    grants.push({ why: 'publishes its events', commands: PUBLISH_COMMANDS, keys: [`~${access.publishes}`] });
  }
  for (const { stream, group } of access.subscribes ?? []) {
    grants.push({ why: `reads ${stream} as group ${group}`, commands: SUBSCRIBE_COMMANDS, keys: [`~${stream}`] });
    grants.push({
      why: `dead-letters what group ${group} cannot apply`,
      commands: ['xadd', 'xlen'],
      keys: [`~${deadLetterStream(group)}`],
    });
  }
  grants.push(
    access.revokesTokens
      ? {
          why: 'writes and reads the token denylist',
          commands: ['set', 'mget'],
          keys: REVOCATION_KEYS.map((k) => `~${k}`),
        }
      : { why: 'reads the token denylist', commands: ['mget'], keys: REVOCATION_KEYS.map((k) => `%R~${k}`) },
  );
  if (access.ownKeys) grants.push(access.ownKeys);
  return grants;
}

/** A password rule for one user: `#<sha256 hex>` locally, a placeholder in the K3s template. */
export type PasswordRule = (user: string) => string;

/** The rules of one service user, after its password rule. */
export function serviceAclRules(access: RedisServiceAccess): string {
  const selectors = serviceGrants(access).map(
    (grant) => `(${[...grant.commands.map((command) => `+${command}`), ...grant.keys].join(' ')})`,
  );
  return ['resetkeys', 'resetchannels', '-@all', ...BASE_COMMANDS.map((command) => `+${command}`), ...selectors].join(
    ' ',
  );
}

/**
 * The whole ACL file (Redis allows no comments in it). `default` (no password) may only
 * PING, so health probes and `redis-cli ping` need no secret while no one unauthenticated
 * reads or writes a key.
 */
export function renderAclFile(
  password: PasswordRule,
  access: readonly RedisServiceAccess[] = serviceRedisAccess,
): string {
  const lines = [
    'user default on nopass resetkeys resetchannels -@all +ping',
    `user ${ADMIN_USER} on ${password(ADMIN_USER)} ~* &* +@all`,
    ...access.map((service) => `user ${service.service} on ${password(service.service)} ${serviceAclRules(service)}`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Every Redis user the ACL file defines that needs a password. */
export const aclUsers = (access: readonly RedisServiceAccess[] = serviceRedisAccess): string[] => [
  ADMIN_USER,
  ...access.map((service) => service.service),
];

/** The K3s template's placeholder, replaced with `#<sha256 of the password>` by Redis's init container. */
export const k3sPasswordPlaceholder: PasswordRule = (user) => `#@password-sha256:${user}@`;

/** `#<sha256 hex>`: the ACL file never holds a password itself. */
export function hashedPassword(password: string): string {
  return `#${new Bun.CryptoHasher('sha256').update(password).digest('hex')}`;
}
