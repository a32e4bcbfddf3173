/** Exit codes of SPEC section 8. */
export const EXIT = {
  ok: 0,
  /** A finding: failed validation, a regression, a `continue` verdict. */
  finding: 1,
  /** Bad usage or bad input. */
  badInput: 2,
  /** A `blocked` verdict. */
  blocked: 3,
} as const;
