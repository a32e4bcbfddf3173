import path from 'node:path';
import { met, notMet, type Check } from '../check.js';

const ROOT_CAUSE = /root cause|because|caused by|was due to|the bug (?:was|is)|the problem (?:was|is)|the issue (?:was|is)|stemm?ed from/i;
const VERIFICATION = /\b(?:tests?|verif\w*|lint\w*|build|check\w*|ran|run)\b/i;
const FILE_ARTIFACT = /(?:^|[\s`'"(])((?:[\w.-]+\/)*[\w-]+\.(?:md|txt|json|ya?ml|rst))\b/g;

/**
 * The report carries what the contract's `delivery` asks: changed files, root cause, verification
 * results, and any file the delivery names (a CHANGELOG entry, NOTES.md), which must be in the diff.
 */
export const report: Check = (context) => {
  const { delivery } = context.input.contract;
  const text = context.input.report;
  if (!delivery) return text.trim() ? met('report', 'no delivery format; a report was given') : notMet('report', 'empty report', 'Write a report of what you did.');
  const missing: string[] = [];
  if (!text.trim()) missing.push('any report at all');
  const wants = delivery.toLowerCase();
  const changed = context.input.diff.files.map((f) => f.path);
  const namesAChange = changed.some((p) => text.includes(p) || text.includes(path.basename(p)) || mentionsStem(text, p));
  if (/changed files|files changed|list of (?:changed )?files|which files|converted files|migrated/.test(wants)) {
    if (!namesAChange && changed.length > 0) missing.push('the changed files');
  }
  // A rule cannot judge whether an explanation is right; it can see whether there is one: cause words,
  // or an account of at least a sentence that names what was changed.
  const explains = ROOT_CAUSE.test(text) || (namesAChange && text.split(/\s+/).length >= 15);
  if (/root cause|cause/.test(wants) && !explains) missing.push('the root cause');
  if (/verif|test results|results of/.test(wants)) {
    const commandNamed = context.input.contract.verify.some((v) => text.includes(v));
    if (!commandNamed && !VERIFICATION.test(text)) missing.push('the verification results');
  }
  for (const match of delivery.matchAll(FILE_ARTIFACT)) {
    const artifact = match[1]!;
    const touched = context.input.diff.files.some((f) => f.status !== 'deleted' && (f.path === artifact || path.basename(f.path) === path.basename(artifact)));
    if (!touched) missing.push(`an update to ${artifact}`);
  }
  if (missing.length === 0) return met('report', `the report covers the delivery format (${delivery})`);
  return notMet('report', `missing: ${missing.join(', ')}`, `The delivery format asks for: ${delivery}. Your delivery lacks ${missing.join(', ')}.`);
};

/** `stringify` names src/stringify.js; stems shorter than four letters say too little. */
function mentionsStem(text: string, filePath: string): boolean {
  const stem = path.parse(filePath).name;
  return stem.length >= 4 && new RegExp(`\\b${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text);
}
