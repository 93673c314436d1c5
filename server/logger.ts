import { writeSync } from 'node:fs';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'tandem' } }, stdoutLines());
}

/**
 * Log lines to stdout that never stop the process: when whatever reads them has gone (EPIPE) or
 * cannot keep up (EAGAIN), lines are dropped. A logger that throws, or retries a line in a loop,
 * would turn a closed pipe into a crash or a shutdown that never ends.
 */
export function stdoutLines(fd = 1): DestinationStream {
  let broken = false;
  return {
    write(line: string) {
      if (broken) return;
      try {
        writeSync(fd, line);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') broken = true;
      }
    },
  };
}
