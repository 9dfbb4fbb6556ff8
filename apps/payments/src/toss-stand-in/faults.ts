import { z } from 'zod';

/** Which API calls a fault rule applies to. */
export const faultEndpoints = ['confirm', 'cancel', 'lookup', 'payout', 'any'] as const;

/**
 * A fault for the reliability tests. `hang` never answers (the caller times out); `error`
 * answers a 5xx. With `afterApplying` the operation is done first, so the caller loses the
 * answer to something that happened: a dropped confirm response.
 */
export const faultRuleSchema = z.object({
  endpoint: z.enum(faultEndpoints),
  kind: z.enum(['hang', 'error']),
  afterApplying: z.boolean().default(false),
  status: z.number().int().min(500).max(599).default(500),
  /** Only calls about this order (all orders when absent), so concurrent tests can share one stand-in. */
  orderId: z.string().optional(),
  /** How many matching calls it hits before it is used up. */
  times: z.number().int().min(1).default(1),
});

export const faultSettingsSchema = z.object({
  /** Added before every API answer. */
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  rules: z.array(faultRuleSchema).default([]),
});

export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultSettings = z.infer<typeof faultSettingsSchema>;
export type FaultEndpoint = (typeof faultEndpoints)[number];

export interface Faults {
  set(settings: z.input<typeof faultSettingsSchema>): void;
  clear(): void;
  latencyMs(): number;
  /** Adds rules to the ones set (tests sharing the stand-in add their own order's). */
  add(rules: z.input<typeof faultRuleSchema>[]): void;
  /** Takes the next rule matching `endpoint` and the call's order, counting it used. */
  take(endpoint: Exclude<FaultEndpoint, 'any'>, orderId: string | undefined): FaultRule | undefined;
}

export function createFaults(): Faults {
  let settings: FaultSettings = { latencyMs: 0, rules: [] };
  return {
    set(next) {
      settings = faultSettingsSchema.parse(next);
    },
    clear() {
      settings = { latencyMs: 0, rules: [] };
    },
    add(rules) {
      settings = { ...settings, rules: [...settings.rules, ...rules.map((rule) => faultRuleSchema.parse(rule))] };
    },
    latencyMs: () => settings.latencyMs,
    take(endpoint, orderId) {
      const rule = settings.rules.find(
        (candidate) =>
          (candidate.endpoint === endpoint || candidate.endpoint === 'any') &&
          (candidate.orderId === undefined || candidate.orderId === orderId),
      );
      if (!rule) return undefined;
      rule.times -= 1;
      if (rule.times <= 0) settings.rules = settings.rules.filter((candidate) => candidate !== rule);
      return rule;
    },
  };
}
