/** A command used wrongly: printed as one sentence, exit code 2. */
export class UsageError extends Error {}
