/** The one-line summary of each command: `stopbench --help` lists them, and each command's `.description` is its own. */
export const SUMMARIES: Record<string, string> = {
  run: 'run a suite: every fixture × agent × judge × repeat, then write results and reports',
  validate: 'check fixtures: they load, trajectories replay, the start is incomplete, the solution complete, expect labels hold',
  report: 'rebuild the reports of a results folder from its results.jsonl, without rerunning anything',
  compare: 'paired comparison of two result sets, judge by judge; exits 1 when NEW crosses a threshold (a CI gate)',
  preflight: 'check a goal contract before work starts: missing or vague parts, scope globs, verification that cannot fail',
  hook: "run a judge as a coding agent's stop hook",
  judge: "judge a real git repository's current state against a goal contract",
  merge: 'join the results folders of `run --shard i/n` into one, as an unsharded run writes it',
  cache: 'inspect or clear the cache of LLM answers (default folder .stopbench-cache)',
  fixture: 'grow the suite: fixtures from fix commits, persona trajectories, impossible variants',
  import: "turn a recorded agent session into a fixture trajectory labelled by the fixture's oracle",
  rescore: 'judge the kept states of a `run --keep-states` again with other judges, without running any agent',
};

/** A command's summary, for its `.description`: written once, above. */
export function summaryOf(name: string): string {
  const summary = SUMMARIES[name];
  if (summary === undefined) throw new Error(`no summary for command ${name}`);
  return summary;
}
