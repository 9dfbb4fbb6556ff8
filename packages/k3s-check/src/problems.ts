/** Stable identifiers for what went wrong, so tests and callers can match on them. */
export type Rule =
  | 'object-shape'
  | 'unknown-kind'
  | 'schema'
  | 'unknown-field'
  | 'crd-shape'
  | 'resources'
  | 'run-as-non-root'
  | 'root-user'
  | 'privilege-escalation'
  | 'capabilities'
  | 'read-only-root-fs'
  | 'seccomp'
  | 'liveness-probe'
  | 'readiness-probe'
  | 'image-pinned';

export interface Problem {
  rule: Rule;
  /** Dotted path inside the object, e.g. `spec.template.spec.containers[0].image`. */
  path: string;
  message: string;
}
