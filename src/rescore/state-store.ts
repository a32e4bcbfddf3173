import { createHash } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, readFile, readlink, rename, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { TurnEnd } from '../agents/types.js';
import { InputError } from '../errors.js';
import { formatIssues } from '../load/issues.js';
import { EpisodeResultSchema } from '../schemas/result.js';
import { ClaimSchema } from '../schemas/trajectory.js';
import { DiffSchema, TranscriptEntrySchema, UsageSchema } from '../schemas/judging.js';

/** The folder of a run that keeps its live states (`run --keep-states`). */
export const STATES_DIR = 'states';
const EPISODES_FILE = 'episodes.jsonl';

/** One kept turn end: what the judge was shown, and the state as a tree id of the object store. */
export const KeptTurnSchema = z.strictObject({
  turn: z.number().int().positive(),
  claim: ClaimSchema,
  report: z.string(),
  transcript: z.array(TranscriptEntrySchema),
  diff: DiffSchema,
  tree: z.string().regex(/^[0-9a-f]{64}$/),
  usage: UsageSchema.optional(),
});

/**
 * One kept live episode. `after` says what the agent would have done after its last kept turn:
 * `none` (it had no next turn, or the turn limit was reached), `stopped` (the judge ended the episode,
 * so a judge that says `continue` there needs a turn nobody recorded) or `error` (the agent failed).
 * Its identity fields are those of the episode's result.
 */
export const KeptEpisodeSchema = EpisodeResultSchema.pick({
  key: true, configHash: true, agent: true, judge: true, fixture: true, trajectory: true, persona: true, repeat: true, tags: true,
}).extend({
  turns: z.array(KeptTurnSchema),
  after: z.enum(['none', 'stopped', 'error']),
  error: z.string().optional(),
});

export type KeptTurn = z.infer<typeof KeptTurnSchema>;
export type KeptEpisode = z.infer<typeof KeptEpisodeSchema>;

const TreeSchema = z.array(z.strictObject({ path: z.string(), kind: z.enum(['file', 'exec', 'link']), object: z.string() }));

/**
 * The states of a run's live episodes, deduplicated: every file's bytes once under `objects/<sha256>`,
 * every state once as a tree (`trees/<sha256>.json`: path, kind, object), episodes in
 * `episodes.jsonl`. A state is the whole snapshot folder, `.git` included, so a judge meets the same
 * workspace it would have met live.
 */
export class StateStore {
  private writes: Promise<void> = Promise.resolve();

  constructor(readonly dir: string) {}

  /** Stores a turn end's state and returns what the kept episode records of it. */
  async keepTurn(end: TurnEnd): Promise<KeptTurn> {
    const tree = await this.storeTree(end.stateDir);
    return {
      turn: end.turn, claim: end.claim, report: end.report, transcript: end.transcript, diff: end.diff, tree,
      ...(end.usage ? { usage: end.usage } : {}),
    };
  }

  /** Appends a finished episode (one JSON line, written whole). */
  keepEpisode(episode: KeptEpisode): Promise<void> {
    const line = `${JSON.stringify(episode)}\n`;
    this.writes = this.writes.then(async () => {
      await mkdir(this.dir, { recursive: true });
      await writeFile(path.join(this.dir, EPISODES_FILE), line, { flag: 'a' });
    });
    return this.writes;
  }

  /** The kept episodes; the last line of a key wins (a resumed run may keep an episode again). */
  async episodes(): Promise<KeptEpisode[]> {
    const file = path.join(this.dir, EPISODES_FILE);
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new InputError(`${file}: file not found (was the run made with --keep-states?)`);
      throw error;
    });
    const byKey = new Map<string, KeptEpisode>();
    for (const [index, raw] of text.split('\n').entries()) {
      if (!raw.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        throw new InputError(`${file}: line ${index + 1}: not JSON`);
      }
      const parsed = KeptEpisodeSchema.safeParse(value);
      if (!parsed.success) throw new InputError(`${file}: line ${index + 1}: ${formatIssues(parsed.error.issues)}`);
      byKey.set(parsed.data.key, parsed.data);
    }
    return [...byKey.values()];
  }

  /** Writes a stored state into an empty folder. */
  async restore(tree: string, into: string): Promise<void> {
    const file = path.join(this.dir, 'trees', `${tree}.json`);
    const entries = TreeSchema.parse(JSON.parse(await readFile(file, 'utf8').catch(() => {
      throw new InputError(`${file}: missing from the state store`);
    })));
    for (const entry of entries) {
      const target = path.join(into, entry.path);
      await mkdir(path.dirname(target), { recursive: true });
      if (entry.kind === 'link') {
        await symlink(entry.object, target);
        continue;
      }
      await writeFile(target, await readFile(path.join(this.dir, 'objects', entry.object)));
      if (entry.kind === 'exec') await chmod(target, 0o755);
    }
  }

  private async storeTree(root: string): Promise<string> {
    const entries: z.infer<typeof TreeSchema> = [];
    for (const rel of await walk(root)) {
      const full = path.join(root, rel);
      const stat = await lstat(full);
      if (stat.isSymbolicLink()) {
        entries.push({ path: rel, kind: 'link', object: await readlink(full) });
        continue;
      }
      const bytes = await readFile(full);
      const object = sha256(bytes);
      await this.writeOnce(path.join('objects', object), bytes);
      entries.push({ path: rel, kind: (stat.mode & 0o111) !== 0 ? 'exec' : 'file', object });
    }
    const json = JSON.stringify(entries);
    const tree = sha256(json);
    await this.writeOnce(path.join('trees', `${tree}.json`), json);
    return tree;
  }

  /** Content-addressed: a name that exists holds these bytes already. Written via a temp file and rename. */
  private async writeOnce(rel: string, bytes: Buffer | string): Promise<void> {
    const file = path.join(this.dir, rel);
    if (await lstat(file).then(() => true, () => false)) return;
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, file);
  }
}

/** Every file and symlink under a folder (`.git` included), sorted, as forward-slash paths. */
async function walk(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(path.join(root, rel), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await walk(root, child)));
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(child);
  }
  return out;
}

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
