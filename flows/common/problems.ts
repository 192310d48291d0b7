// === Several problems in one message ("灯泡坏了 马桶也堵了"): one request per problem

/** Looks up the catalogue items that fit some words, best first (the flow deps' `matchItems`). */
export type ItemMatcher = (text: string) => ReadonlyArray<{ itemCode: string }>;

/** Words that mark something wrong or wanted: a clause without one is circumstance, not a problem. */
const TROUBLE =
  /坏|堵|漏|不亮|不通|不出|不转|不能用|不灵|不响|不热|不冷|不制冷|不制热|没电|没水|没气|断|裂|掉|松|卡住|修|换|送|陪|帮|想|要|请|找|咨询|问|办|申请|吵|纠纷|欠/u;
/** 要 in a clause that ends on 了 says what is about to happen (东家要去养老院了), not what is wanted. */
const ABOUT_TO = /要(?=[^，]*了$)/u;
/** Something broken: two clauses that each say so are two problems even without "也". */
const BROKEN = /坏|堵|漏|不亮|不通|不出水|不转|断了|裂/u;
/** Words that add another matter: 也, 还有, 另外, 再, 顺便. */
const ALSO = /也|还有|另外|还要|再|顺便|以及/u;

/** The end of a clause that says what is wrong: where a run-on message may start its next clause. */
const TROUBLE_END = /(坏|堵|漏|漏水|不亮|不通|不出水|不转|断|裂|不制冷|不制热|不热)了?$/u;

/**
 * Clauses: split at punctuation and spaces, after 了 when another clause follows ("马桶堵了卫生间灯也不亮"),
 * and before the thing of a "…也…" clause when the words before it end with what is wrong ("水管漏水冰箱也坏了").
 */
function clauses(text: string): string[] {
  return text
    .split(/[\s,，。.;；!！?？、]+/u)
    .flatMap((part) => part.split(/(?<=了)(?=[^了吧啊呀呢哦嘛]{3,})/u))
    .flatMap(splitBeforeAlso)
    .map((c) => c.trim())
    .filter(Boolean);
}

function splitBeforeAlso(clause: string): string[] {
  const also = clause.indexOf('也');
  for (let cut = also - 1; cut >= Math.max(2, also - 6); cut--) {
    if (TROUBLE_END.test(clause.slice(0, cut))) return [clause.slice(0, cut), clause.slice(cut)];
  }
  return [clause];
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
    const item = TROUBLE.test(clause.replace(ABOUT_TO, '')) ? (match(clause)[0]?.itemCode ?? null) : null;
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
  // Without "也", two short clauses that each say something broke ("灯泡坏了，马桶堵了"); "冰箱坏了漏水" is one.
  const separate = others.length > 0 && others.every((o) => ALSO.test(o) || ([...o].length >= 4 && BROKEN.test(o) && BROKEN.test(first)));
  return separate ? found : [text.trim()];
}
