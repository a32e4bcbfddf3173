/** What report.md and report.html say instead of tables with no rows, when no episode finished. */
export const NO_EPISODES = 'No episode finished: there is nothing to compare yet.';
