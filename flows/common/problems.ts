// === Several problems in one message ("灯泡坏了 马桶也堵了"): one request per problem

/** Looks up the catalogue items that fit some words, best first (the flow deps' `matchItems`). */
export type ItemMatcher = (text: string) => ReadonlyArray<{ itemCode: string }>;

/** Words that mark something wrong or wanted: a clause without one is circumstance, not a problem. */
const TROUBLE =
  /坏|堵|漏|不亮|不通|不出|不转|不能用|不灵|不响|不热|不冷|没电|没水|没气|断|裂|掉|松|卡住|修|换|送|陪|帮|想|要|请|找|咨询|问|办|申请|吵|纠纷|欠/u;
/** Something broken: two clauses that each say so are two problems even without "也". */
const BROKEN = /坏|堵|漏|不亮|不通|不出水|不转|断了|裂/u;
/** Words that add another matter: 也, 还有, 另外, 再, 顺便. */
const ALSO = /也|还有|另外|还要|再|顺便|以及/u;

/** Clauses: split at punctuation and spaces, and after 了 when another clause follows ("马桶堵了卫生间灯也不亮"). */
function clauses(text: string): string[] {
  return text
    .split(/[\s,，。.;；!！?？、]+/u)
    .flatMap((part) => part.split(/(?<=了)(?=[^了吧啊呀呢哦嘛]{2,})/u))
    .map((c) => c.trim())
    .filter(Boolean);
}

/**
 * The problems in a message, in the order written: each is the words about it. One problem (the
 * whole text) unless two clauses name different catalogue items and each says something is wrong
 * or wanted; clauses that name nothing stay with the problem before them.
 */
export function splitProblems(text: string, match: ItemMatcher): string[] {
  const groups = new Map<string | null, string[]>();
  let current: string | null = null;
  for (const clause of clauses(text)) {
    const item = TROUBLE.test(clause) ? (match(clause)[0]?.itemCode ?? null) : null;
    if (item !== null && current === null && groups.has(null)) {
      // Words before the first problem belong to it.
      groups.set(item, [...(groups.get(null) ?? []), ...(groups.get(item) ?? [])]);
      groups.delete(null);
    }
    if (item !== null) current = item;
    groups.set(current, [...(groups.get(current) ?? []), clause]);
  }
  const found = [...groups.values()].map((words) => words.join('，'));
  const [first = '', ...others] = found;
  const separate = others.length > 0 && others.every((o) => ALSO.test(o) || (BROKEN.test(o) && BROKEN.test(first)));
  return separate ? found : [text.trim()];
}
