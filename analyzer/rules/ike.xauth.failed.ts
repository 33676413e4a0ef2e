// ike.xauth.failed: extended authentication (user name and password) failed.
import { finding, ofKind, type Rule } from './rule.js';

export const xauthFailed: Rule = {
  id: 'ike.xauth.failed',
  looksFor: 'an XAUTH status FAIL, or phase 1 failed during XAUTH',
  check: (ctx) => {
    const bad = ofKind(ctx.events, 'ike.xauth').filter((x) => x.status === 'failure');
    const failures = ofKind(ctx.events, 'ike.phase').filter((p) => p.status === 'failed' && p.reason === 'xauth');
    if (!bad.length && !failures.length) return [];
    const user = ctx.session.xauth?.user;
    return [
      finding(ctx, 'ike.xauth.failed', `XAUTH failed${user ? ` for user ${user}` : ''}.`, [...bad, ...failures].sort((a, b) => a.seq - b.seq), {
        note: 'Check the user name and password, and the AAA method list the XAUTH server uses.',
        ios: 'aaa authentication login <list> local\ncrypto map <map> client authentication list <list>\nusername <user> password <password>',
        asa: 'tunnel-group <group> general-attributes\n authentication-server-group LOCAL\nusername <user> password <password>',
        strongswan: 'secrets { xauth-<user> { id = <user>\n  secret = "<password>" } }',
      }),
    ];
  },
};
