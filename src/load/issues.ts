import type { z } from 'zod';

/** `contract.verify`, `checks[2].run`, or `(top level)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(top level)';
}

/** One readable line for zod issues: field path and what was expected, at most three issues. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, 3).map(describeIssue);
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : '';
  return lines.join('; ') + more;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown key`).join('; ');
  }
  const where = formatPath(issue.path);
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) {
    return `${where}: missing (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_union') {
    // A union's own message says little; the sub-issue that got furthest says more.
    const deepest = issue.errors
      .map((branch) => branch.filter((sub) => sub.code !== 'invalid_union'))
      .sort((a, b) => deepestPath(b) - deepestPath(a))[0];
    const first = deepest?.[0];
    if (issue.message !== 'Invalid input' || !first) return `${where}: ${cleanMessage(issue.message)}`;
    return describeIssue({ ...first, path: [...issue.path, ...first.path] } as z.core.$ZodIssue);
  }
  return `${where}: ${cleanMessage(issue.message)}`;
}

function deepestPath(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(-1, ...issues.map((issue) => issue.path.length));
}

function cleanMessage(message: string): string {
  return message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
}
