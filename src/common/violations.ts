// class-validator reports a refused input as a tree of violations, one node per property,
// its children the properties of nested inputs and list items. Both the payload's
// `userErrors` and the top-level BAD_USER_INPUT answer read it through this one walk.

/** What class-validator reports of one property: the rules it broke, by name, and its nested properties. */
export interface Violation {
  property: string;
  constraints?: Record<string, string>;
  children?: Violation[];
}

/** A property that broke at least one rule: its path below `prefix`, and each rule's message. */
export interface BrokenRules {
  field: string[];
  constraints: Record<string, string>;
}

/** Every property that broke a rule, parents before their children, each with its whole path. */
export function brokenRules(violations: Violation[], prefix: string[] = []): BrokenRules[] {
  return violations.flatMap((v) => {
    const field = [...prefix, v.property];
    const own = v.constraints ? [{ field, constraints: v.constraints }] : [];
    return [...own, ...brokenRules(v.children ?? [], field)];
  });
}
