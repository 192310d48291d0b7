import { maskPhone, texts } from '../src/texts/resident.js';
import { placeTexts } from '../src/texts/places.js';
import { placeChoices } from './common/places.js';
import type { QuestionBody } from './common/question.js';
import { homeVisit } from './resident.setup.js';
import type { ResidentContext, ResidentFlowDeps } from './resident.types.js';

// === The questions of the resident flow: text, numbered choices and help, from context

/** Choice ids used across questions. */
export const CHOICE = {
  mine: 'mine',
  none: 'none',
  knownPhone: 'known-phone',
  keep: 'keep',
  yes: 'yes',
  no: 'no',
} as const;

/** The class list; `withMine` adds "my requests" (offered only while nothing of a request is gathered). */
export function describeQuestion(deps: ResidentFlowDeps, text: string = texts.describeAgain, withMine = true): QuestionBody {
  return {
    text,
    choices: [
      ...deps.classes.map((c) => ({ id: `class:${c.code}`, label: texts.classLabel(c.name, c.plainName) })),
      ...(withMine ? [{ id: CHOICE.mine, label: '查询我的求助' }] : []),
    ],
    help: texts.describeHelp,
  };
}

/** The choice that turns the page of a long item list. */
export const MORE_ITEMS = 'page:next';
/** Typed words that ask for the next page (besides the choice's own label and number). */
export const MORE_WORDS = ['更多', '下一页', '还有', '还有呢', '还有吗', '其他', '其它', '别的', '后面', '往后', '再看看'];

/** The page of the class's items shown now (the first when out of range, or in a conversation saved before pages). */
export function shownPage(ctx: ResidentContext, deps: ResidentFlowDeps): number {
  const page = ctx.itemPage ?? 0;
  return page >= 0 && page < deps.itemPages(ctx.classCode ?? '').length ? page : 0;
}

/** A class's items, at most 8 at a time: one page of them and "更多" (the first page again after the last). */
export function pickItemQuestion(ctx: ResidentContext, deps: ResidentFlowDeps): QuestionBody {
  const cls = deps.classes.find((c) => c.code === ctx.classCode);
  const pages = deps.itemPages(ctx.classCode ?? '');
  const at = shownPage(ctx, deps);
  const names = new Map(deps.itemsOf(ctx.classCode ?? '').map((i) => [i.code, i.name]));
  const items = (pages[at]?.codes ?? []).map((code) => ({ id: `item:${code}`, label: names.get(code) ?? code }));
  if (pages.length <= 1) return { text: texts.pickItem(cls?.name ?? ''), choices: items, help: texts.pickItemHelp };
  return {
    text: texts.pickItemPage(cls?.name ?? '', pages[at]?.name ?? null, at + 1, pages.length),
    choices: [...items, { id: MORE_ITEMS, label: at + 1 < pages.length ? texts.moreItems : texts.firstItemsAgain }],
    help: texts.pickItemHelp,
  };
}

/**
 * The items proposed for the words, then "none of these" (which leads to the classes). One item
 * when it clearly fits ("is it this?"), the best two or three when several fit about equally.
 */
export function confirmItemQuestion(ctx: ResidentContext, deps: ResidentFlowDeps): QuestionBody {
  const choices = ctx.proposals.flatMap((code) => {
    const item = deps.item(code);
    return item ? [{ id: `item:${code}`, label: item.name }] : [];
  });
  return {
    text: choices.length > 1 ? texts.chooseItem : texts.confirmItem,
    choices: [...choices, { id: CHOICE.none, label: texts.noneOfThese }],
    help: texts.confirmItemHelp,
  };
}

/** Where the resident lives: the last community used and a step-by-step pick, or what was typed (see `placeStep`). */
export function communityQuestion(ctx: ResidentContext, deps: ResidentFlowDeps): QuestionBody {
  return {
    text: ctx.placeNote ?? texts.askCommunity,
    choices: placeChoices(ctx, deps, ctx.profile.lastCommunityCode),
    help: ctx.placeArea !== null ? placeTexts.browseHelp : texts.communityHelp,
  };
}

export function addressQuestion(text: string = texts.askAddress): QuestionBody {
  return { text, choices: [], help: texts.addressHelp };
}

export function phoneQuestion(ctx: ResidentContext, text?: string): QuestionBody {
  const known = ctx.profile.phone;
  return {
    text: text ?? (known ? texts.askPhoneKnown : texts.askPhone),
    choices: known ? [{ id: CHOICE.knownPhone, label: texts.useKnownPhone(maskPhone(known)) }] : [],
    help: texts.phoneHelp,
  };
}

export function whenQuestion(): QuestionBody {
  return { text: texts.askWhen, choices: texts.whenChoices.map((w) => ({ id: `when:${w}`, label: w })), help: texts.whenHelp };
}

/** How a policy question or dispute is answered, instead of a visit time. */
export function wayQuestion(): QuestionBody {
  return { text: texts.askWay, choices: texts.wayChoices.map((w) => ({ id: `way:${w}`, label: w })), help: texts.wayHelp };
}

export const CONFIRM_FIELDS = ['submit', 'item', 'description', 'community', 'address', 'phone', 'when'] as const;

export function confirmQuestion(ctx: ResidentContext, deps: ResidentFlowDeps): QuestionBody {
  const item = deps.item(ctx.itemCode ?? '');
  const summary = texts.summaryLines({
    className: item?.className ?? '',
    itemName: item?.name ?? '',
    description: ctx.description ?? item?.name ?? '',
    community: deps.community(ctx.communityCode ?? '')?.name ?? '',
    address: ctx.address ?? '',
    phone: ctx.phone ?? '',
    phoneOwner: ctx.phoneOwner,
    wantedTime: ctx.wantedTime ?? '',
    homeVisit: homeVisit(deps, ctx),
    urgent: ctx.urgent,
    attachments: ctx.attachments.length,
  });
  return {
    text: `${texts.summaryTitle}\n${summary}`,
    choices: CONFIRM_FIELDS.map((f) => ({ id: `edit:${f}`, label: texts.confirmChoices[f] })),
    help: texts.confirmHelp,
  };
}

export function requestListQuestion(ctx: ResidentContext): QuestionBody {
  const cancellable = ctx.requests.filter((r) => r.cancellable);
  return {
    text: `${texts.requestList(ctx.requests)}\n${texts.requestListAsk}`,
    choices: [
      ...cancellable.map((r) => ({ id: `cancel:${r.ticket}`, label: texts.cancelRequestChoice(r.ticket) })),
      { id: CHOICE.keep, label: texts.keepRequests },
    ],
    help: texts.requestListAsk,
  };
}

export function confirmCancelQuestion(ctx: ResidentContext): QuestionBody {
  const [yes, no] = texts.confirmCancelChoices;
  return {
    text: texts.confirmCancelRequest(ctx.cancelTicket ?? ''),
    choices: [
      { id: CHOICE.yes, label: yes },
      { id: CHOICE.no, label: no },
    ],
    help: texts.confirmCancelRequest(ctx.cancelTicket ?? ''),
  };
}
