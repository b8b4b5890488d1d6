import type { RuleGroup } from '../../../utils/ledger';

/**
 * A policy to read: its summary lines (base score, pass line, bands), then its rules by
 * category with signed points (and, when given, how joint work shares them). Shown to a
 * member in 我的履职 and to staff who may not edit on 考核办法.
 */
Component({
  properties: {
    /** Plain lines shown first, in order. */
    lines: { type: Array, value: [] as string[] },
    /** Categories with their rules; a rule may carry a `meta` second line. */
    groups: { type: Array, value: [] as Array<RuleGroup & { rules: Array<{ meta?: string }> }> },
  },
});
