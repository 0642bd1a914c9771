/** Where a command's output goes and what it may read, so tests can run commands in-process. */

/** The surroundings of one command run. */
export interface CliIo {
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** The environment: credentials and settings, as the provider reads them. */
  env: NodeJS.ProcessEnv;
  /** The working directory, which relative paths start from. */
  cwd: string;
}
