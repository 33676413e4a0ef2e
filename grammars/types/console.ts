// Fields of the record kinds of grammars/console.peggy: console noise pasted with debugs (prompts and
// commands, debug on/off answers, show debug, ping, show clock, shell prompts of strongSwan hosts).
// Absent optional parts are omitted, never null.

export interface ConsoleFields {
  /** `hub#show crypto isakmp sa detail`, `Router(config)#crypto isakmp policy 10`, `Daphne#`, `Router>enable`. */
  'console.prompt': {
    host: string;
    /** Configuration mode inside the parentheses: `config`, `config-ikev1-policy`. */
    mode?: string;
    /** The command typed, trimmed; absent for a bare prompt. */
    command?: string;
    /** `>` prompt (user EXEC) instead of `#`. */
    userExec?: true;
  };
  /** A command whose prompt was lost: `show crypto ipsec sa`, `debug crypto isakmp`, `undebug all`. */
  'console.command': { command: string };
  /** `root@gw:~# swanctl --initiate --child net`, `[root@moon ~]# ipsec statusall`, `$ ipsec up host-host`. */
  'console.shell': { user?: string; host?: string; cwd?: string; root: boolean; command?: string };
  /** `Crypto ISAKMP debugging is on` (subsystem `Crypto ISAKMP`), `All possible debugging has been turned off`
   * (subsystem `all`, off), ASA show debug `debug crypto ikev1 enabled at level 127` (subsystem `crypto ikev1`). */
  'console.debugState': { subsystem: string; on: boolean; level?: number };
  /** `Cryptographic Subsystem:` (IOS show debug); the debugState lines that follow become `parts`. */
  'console.debugSection': {
    subsystem: string;
    parts?: ({ kind: 'console.debugState'; line: number } & ConsoleFields['console.debugState'])[];
  };
  /** `Type escape sequence to abort.` */
  'console.escapeHint': Record<string, never>;
  /** `Sending 5, 100-byte ICMP Echos to 10.2.2.2, timeout is 2 seconds:`. */
  'console.pingSending': { count: number; size: number; target: string; timeoutSec: number };
  /** `Packet sent with a source address of 10.1.1.1`. */
  'console.pingSource': { source: string };
  /** `.!!!!`: marks as printed, one per echo sent; replies = number of `!`. */
  'console.pingMarks': { marks: string; sent: number; replies: number };
  /** `Success rate is 100 percent (5/5), round-trip min/avg/max = 1/2/4 ms`. */
  'console.pingResult': { percent: number; received: number; sent: number; rttMinMs?: number; rttAvgMs?: number; rttMaxMs?: number };
  /** `show clock`: `*02:07:18.850 UTC Mon Mar 1 1993`. */
  'console.clock': {
    /** Time of day as printed, without the sync mark. */
    time: string;
    /** Seconds since midnight, milliseconds as a fraction. */
    seconds: number;
    zone: string;
    weekday: string;
    /** `Mar 1`. */
    date: string;
    year: number;
    /** `*` not authoritative, `.` lost sync. */
    sync?: '*' | '.';
  };
  /** The pager prompt `--More--` / `<--- More --->`. */
  'console.more': Record<string, never>;
  /** Set by the reader (not a grammar rule) for a line that is only an envelope (a timestamp with no message). */
  'console.stampOnly': Record<string, never>;
}

export type ConsoleKind = keyof ConsoleFields;
