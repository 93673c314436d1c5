// A server's CPU time and resident memory, read from /proc (Linux only).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** utime + stime of `pid`, in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses; the fields after its last ')' start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  return (utime + stime) / clockTicks();
}

/** VmRSS of `pid` in bytes, or null once the process is gone. */
export function rssBytes(pid: number): number | null {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export const toMB = (bytes: number | null): number | null => (bytes === null ? null : bytes / (1024 * 1024));

/** Samples a process's RSS every `intervalMs` and keeps the peak. */
export class RssSampler {
  #peak = 0;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    readonly pid: number,
    readonly intervalMs = 100,
  ) {}

  start(): this {
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), this.intervalMs);
    return this;
  }

  /** Stops sampling; the peak in bytes. */
  stop(): number {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#sample();
    return this.#peak;
  }

  #sample(): void {
    this.#peak = Math.max(this.#peak, rssBytes(this.pid) ?? 0);
  }
}

/** CPU time a process spent between `start()` and `stop()`, with the wall time alongside. */
export function measureCpu(read: () => number) {
  const cpu0 = read();
  const wall0 = performance.now();
  return {
    stop(): { cpuSeconds: number; wallSeconds: number } {
      return { cpuSeconds: read() - cpu0, wallSeconds: (performance.now() - wall0) / 1000 };
    },
  };
}

/** This process's own CPU seconds (the load generator). */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** CPU seconds the whole machine spent busy (every core, every process: all but idle and iowait), from /proc/stat. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, ...ticks] = line.trim().split(/\s+/).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  return (user + nice + system + irq + softirq + steal) / clockTicks();
}
