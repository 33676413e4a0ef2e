// ike.cfg.failed: Mode-Config could not give the client its configuration (no pool, pool exhausted).
import { finding, ofKind, type Rule } from './rule.js';

export const cfgFailed: Rule = {
  id: 'ike.cfg.failed',
  looksFor: 'a Mode-Config exchange the server could not answer',
  check: (ctx) => {
    const bad = ofKind(ctx.events, 'ike.cfg').filter((c) => c.failed);
    const failures = ofKind(ctx.events, 'ike.phase').filter((p) => p.status === 'failed' && p.reason === 'cfg');
    if (!bad.length && !failures.length) return [];
    const why = bad.find((c) => c.reason)?.reason ?? failures.find((f) => f.text)?.text;
    return [
      finding(ctx, 'ike.cfg.failed', `Mode-Config failed${why ? `: ${why}` : ''}.`, [...bad, ...failures].sort((a, b) => a.seq - b.seq), {
        note: 'Give the group an address pool with free addresses.',
        ios: 'ip local pool <pool> <first> <last>\ncrypto isakmp client configuration group <group>\n pool <pool>',
        asa: 'ip local pool <pool> <first>-<last> mask <mask>\ntunnel-group <group> general-attributes\n address-pool <pool>',
        strongswan: 'pools { <pool> { addrs = <subnet> } }\nconnections.<conn>.pools = <pool>',
      }),
    ];
  },
};
