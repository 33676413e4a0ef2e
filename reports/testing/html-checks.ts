// Test support: checks on a rendered page shared by the report tests.

/** Every URL-bearing attribute of the page, and whether any names something outside the file. */
export function externalUrls(html: string): string[] {
  const out: string[] = [];
  // text is escaped, so every `<` left in the page opens a real tag
  for (const tag of html.matchAll(/<[A-Za-z][^>]*>/g))
    for (const m of tag[0].matchAll(/\s(src|href|action|xlink:href|srcset|poster|data|formaction|background)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi)) {
      const v = m[2]!.replace(/^["']|["']$/g, '').trim();
      if (!v.startsWith('#')) out.push(`${m[1]}=${v}`);
    }
  for (const m of html.matchAll(/url\(\s*['"]?([^'")]+)/gi)) out.push(`url(${m[1]})`);
  for (const m of html.matchAll(/@import/gi)) out.push(m[0]);
  return out;
}
