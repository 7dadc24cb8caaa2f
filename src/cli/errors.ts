/** A mistake in how news-archive was called or configured: reported in one line, exit status 2. */
export class UsageError extends Error {}
