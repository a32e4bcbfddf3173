/**
 * The generated parts of a markdown file: each sits between `<!-- KIND:NAME -->` and
 * `<!-- /KIND:NAME -->` (KIND `figures` in the README, `fields` in docs/*.md), and only its body is rewritten.
 */
function blockPattern(kind: string): RegExp {
  return new RegExp(`(<!-- ${kind}:([a-z-]+) -->\\n)([\\s\\S]*?)(<!-- \\/${kind}:\\2 -->)`, 'g');
}

/** The text with each KIND block's body replaced by `render(name, oldBody)`. */
export function rewriteMarkedBlocks(text: string, kind: string, render: (name: string, old: string) => string): string {
  return text.replace(blockPattern(kind), (_all, open: string, name: string, old: string, close: string) => `${open}${render(name, old)}\n${close}`);
}

/** The names of the KIND blocks a text holds, in order. */
export function markedBlockNames(text: string, kind: string): string[] {
  return [...text.matchAll(blockPattern(kind))].map((m) => m[2]!);
}
