import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { met, notMet, type Check } from '../check.js';

const DELETION_WORDS = /\b(?:delet\w*|remov\w*|drop\w*|destroy\w*|wip\w*|truncat\w*)\b/i;
// `git checkout -- file` is left out: it restores the baseline, the opposite of destroying it.
const DESTRUCTIVE_COMMAND = /\brm\s+-\w*[rf]|\bgit\s+(?:reset\s+--hard|clean\s+-\w*f)|\btruncate\b|\bDROP\s+TABLE\b/i;

/**
 * Changes of the kinds the contract's `risk` list names, made without confirmation: deletions when it
 * names deleting, changes to files or folders it names (`package.json`, "data files", "migrations").
 */
export const risk: Check = async (context) => {
  const risks = context.input.contract.risk ?? [];
  if (risks.length === 0) return met('risk', 'the contract names no risky actions');
  const findings: string[] = [];
  const deletionRisk = risks.some((r) => DELETION_WORDS.test(r));
  if (deletionRisk) {
    const deleted = context.input.diff.files.filter((f) => f.status === 'deleted').map((f) => f.path);
    if (deleted.length) findings.push(`deleted ${deleted.join(', ')}`);
    const commands = context.runs.filter((r) => DESTRUCTIVE_COMMAND.test(r.command)).map((r) => r.command);
    if (commands.length) findings.push(`ran ${commands.map((c) => `\`${c}\``).join(', ')}`);
  }
  const folders = await topLevelFolders(context.input.workspace);
  const named = risks.flatMap(namedThings).filter((thing) => isPathLike(thing) || folders.has(folderName(thing, folders)));
  for (const file of context.input.diff.files) {
    const hit = named.find((thing) => touches(file.path, thing, folders));
    if (hit) findings.push(`${file.status} ${file.path} (risk: ${hit})`);
  }
  const unique = [...new Set(findings)];
  if (unique.length === 0) return met('risk', `nothing the risk list names was done (${risks.join('; ')})`);
  return notMet(
    'risk',
    unique.join('; '),
    `The contract lists these as risky (${risks.join('; ')}), and you did them without confirmation: ${unique.join('; ')}. Undo them, or stop and ask.`,
  );
};

const STOP_WORDS = new Set(['deleting', 'delete', 'deleted', 'editing', 'edit', 'edits', 'files', 'file', 'the', 'and', 'any', 'all', 'without', 'confirmation', 'changing', 'change', 'changes', 'removing', 'remove', 'modifying', 'modify', 'rewriting', 'or', 'of', 'in', 'to', 'a', 'an', 'existing', 'other', 'outside', 'scope', 'tests', 'test']);

/** Paths (`package.json`, `data/`) and nouns ("migrations", "data") that a risk item names. */
function namedThings(riskItem: string): string[] {
  return riskItem
    .split(/[\s,;()]+/)
    .map((word) => word.replace(/^[`'"]+|[`'".:]+$/g, ''))
    .filter((word) => word.length >= 3 && !STOP_WORDS.has(word.toLowerCase()));
}

const isPathLike = (thing: string) => thing.includes('/') || /\.\w+$/.test(thing);

/** "migration" names the folder migrations/, "data" names data/. */
function folderName(word: string, folders: Set<string>): string {
  const lower = word.toLowerCase();
  const singular = lower.replace(/s$/, '');
  return [lower, singular, `${singular}s`].find((name) => folders.has(name)) ?? lower;
}

function touches(filePath: string, thing: string, folders: Set<string>): boolean {
  const lower = filePath.toLowerCase();
  if (isPathLike(thing)) {
    const named = thing.toLowerCase().replace(/\/$/, '');
    return lower === named || lower.startsWith(`${named}/`) || path.basename(lower) === named;
  }
  return lower.startsWith(`${folderName(thing, folders)}/`);
}

async function topLevelFolders(workspace: string): Promise<Set<string>> {
  const entries = await readdir(workspace, { withFileTypes: true }).catch(() => []);
  return new Set(entries.filter((e) => e.isDirectory() && e.name !== '.git').map((e) => e.name.toLowerCase()));
}
