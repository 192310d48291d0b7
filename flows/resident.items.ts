import { or } from 'xstate';
import { normalizeText } from './common/choice.js';
import { picked, textOf } from './common/guards.js';
import { MORE_ITEMS, MORE_WORDS, shownPage } from './resident.questions.js';
import type { ResidentKit } from './resident.setup.js';
import type { ResidentContext, ResidentEvent, ResidentFlowDeps } from './resident.types.js';

// === Choosing the item: from the proposals or a class's list, page by page, or by its whole name

/** The transitions that pick a class or an item, or turn a long list's page. */
export function itemChoices({ s, deps }: Pick<ResidentKit, 's' | 'deps'>) {
  const pick = (prefix: string, exact?: boolean) => ({ type: 'picked', params: exact ? { prefix, exact } : { prefix } }) as const;
  const setItem = s.assign({
    itemCode: ({ context, event }) => picked(event, context, 'item:') ?? context.itemCode,
    classCode: ({ context, event }) => deps.item(picked(event, context, 'item:') ?? '')?.classCode ?? context.classCode,
  });
  const chooseItem = { guard: pick('item:'), target: 'afterItem', actions: setItem } as const;
  /** A class picked from the list: the item now comes from that class, not from the proposals. */
  const pickClass = {
    guard: pick('class:'),
    target: 'pickItem',
    actions: s.assign({ classCode: ({ context, event }) => picked(event, context, 'class:'), proposals: [], itemPage: 0 }),
  } as const;
  /** The next page of a long item list ("更多", its number or button, 下一页…); after the last, the first. */
  const turnPage = {
    guard: or([pick(MORE_ITEMS), { type: 'said', params: { words: MORE_WORDS } }]),
    target: 'pickItem',
    reenter: true,
    actions: s.assign({ itemPage: ({ context }) => (shownPage(context, deps) + 1) % Math.max(1, deps.itemPages(context.classCode ?? '').length) }),
  } as const;
  /** An item of the class named in full, on whichever page it is (理发 while 家里修理 is shown). */
  const nameItem = {
    guard: ({ context, event }: { context: ResidentContext; event: ResidentEvent }) => namedItem(deps, context, event) !== null,
    target: 'afterItem',
    actions: s.assign(({ context, event }) => ({ itemCode: namedItem(deps, context, event), classCode: context.classCode })),
  } as const;
  return { chooseItem, pickClass, turnPage, nameItem };
}

/** The code of the class's item whose whole name the text is (理发), or null. */
function namedItem(deps: ResidentFlowDeps, ctx: ResidentContext, e: ResidentEvent): string | null {
  const text = normalizeText(textOf(e));
  return deps.itemsOf(ctx.classCode ?? '').find((i) => normalizeText(i.name) === text)?.code ?? null;
}
