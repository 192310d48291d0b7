import type { EventObject } from 'xstate';
import type { Choice } from '../../src/core/message.js';
import { placeTexts } from '../../src/texts/places.js';
import { normalizeText } from './choice.js';
import { picked, textOf } from './guards.js';
import { isMeaningful } from './validate.js';
import type { WithQuestion } from './question.js';

// === Where someone lives: typed names, duplicates, close guesses and a step-by-step pick
// (区 → 街道/镇 → 社区/村), the same in every flow that asks for a community

/** A station as a flow sees it. */
export interface Place {
  code: string;
  /** What people read: 运南社区, or 文昌社区（南湖区·新兴街道） where the name repeats. */
  label: string;
  level: 'city' | 'county' | 'town' | 'community';
}

/** What a flow needs to find places: pure look-ups over the station tree. */
export interface PlaceLookup {
  /** What a typed place fits (see the station matcher): named communities, or guesses; areas named exactly. */
  findPlaces(text: string, within?: string): { communities: Place[]; exact: boolean; areas: Place[] };
  /** The stations right below one (the top station: the districts), short names as labels. */
  placesUnder(code: string): Place[];
  /** One station and its parent's code (null at the top). */
  place(code: string): (Place & { parent: string | null }) | undefined;
  /** The top station's code (the city centre). */
  topPlace(): string;
  /** A community offered to residents, by code. */
  community(code: string): { code: string; name: string } | undefined;
}

/** What a flow keeps of the community question (plain JSON). */
export interface PlaceContext extends WithQuestion {
  /** Choice ids offered after a typed name (`community:<code>`, `area:<code>`). */
  communityOptions: string[];
  /** The area being picked from step by step, or null. */
  placeArea: string | null;
  /** The page of that area's list. */
  placePage: number;
  /** The question's text for what was typed last (several, a guess, not found, a level), or null. */
  placeNote: string | null;
}

/** A fresh community question. */
export const noPlace = (): Omit<PlaceContext, 'question'> => ({ communityOptions: [], placeArea: null, placePage: 0, placeNote: null });

/** Choices per page when an area has many communities (a town has up to ~40): with 下一页, the ten a WeChat menu reply holds. */
export const PLACE_PAGE = 9;
/** How many named communities are offered at once. */
export const MAX_COMMUNITY_CHOICES = 9;

export const PLACE_CHOICE = { step: 'place:step', more: 'place:more' } as const;
/** Words asking for the step-by-step pick, typed instead of its number. */
const STEP_WORDS = /^(一步步选?|一步一步选?|按区选|按区县选|逐级选|从区选)$/u;

const choiceOf = (p: Place): Choice => ({ id: `${p.level === 'community' ? 'community' : 'area'}:${p.code}`, label: p.label });

/** The question's text at a level of the step-by-step pick. */
function levelNote(deps: PlaceLookup, area: string): string {
  const p = deps.place(area);
  if (!p || p.level === 'city') return placeTexts.pickCounty;
  return p.level === 'county' ? placeTexts.pickTown(p.label) : placeTexts.pickCommunity(p.label);
}

/** Browsing an area from its first page. */
const browse = (deps: PlaceLookup, area: string, note?: string) => ({
  communityOptions: [],
  placeArea: area,
  placePage: 0,
  placeNote: note ?? levelNote(deps, area),
});

/**
 * The community question's choices: the area's list while picking step by step (a page at a time),
 * else the places offered for what was typed, else the last community used; with a step-by-step choice.
 */
export function placeChoices(ctx: PlaceContext, deps: PlaceLookup, last: string | null): Choice[] {
  if (ctx.placeArea !== null) {
    const all = deps.placesUnder(ctx.placeArea).map(choiceOf);
    const page = all.slice(ctx.placePage * PLACE_PAGE, (ctx.placePage + 1) * PLACE_PAGE);
    return all.length > PLACE_PAGE ? [...page, { id: PLACE_CHOICE.more, label: placeTexts.nextPage }] : page;
  }
  const step = { id: PLACE_CHOICE.step, label: placeTexts.stepByStep };
  if (ctx.communityOptions.length > 0) {
    const offered = ctx.communityOptions.flatMap((id) => {
      const p = deps.place(id.slice(id.indexOf(':') + 1));
      return p ? [choiceOf(p)] : [];
    });
    return [...offered, step];
  }
  const lastPlace = last && deps.community(last) ? deps.place(last) : undefined;
  return [...(lastPlace ? [{ id: `community:${lastPlace.code}`, label: placeTexts.lastUsed(lastPlace.label) }] : []), step];
}

/** What an answer to the community question does: a community chosen, or the question changes. */
export type PlaceStep = { chosen: string } | { next: Omit<PlaceContext, 'question'> };

/** Reads an answer to the community question (a choice, a number, a label or a typed name); null: not an answer. */
export function placeStep(deps: PlaceLookup, ctx: PlaceContext, event: EventObject): PlaceStep | null {
  const community = picked(event, ctx, 'community:');
  if (community) return { chosen: community };
  const area = picked(event, ctx, 'area:');
  if (area) return { next: browse(deps, area) };
  if (picked(event, ctx, PLACE_CHOICE.step) !== null || (event.type === 'answer.text' && STEP_WORDS.test(textOf(event)))) {
    return { next: browse(deps, deps.topPlace()) };
  }
  if (picked(event, ctx, PLACE_CHOICE.more) !== null && ctx.placeArea !== null) {
    const pages = Math.ceil(deps.placesUnder(ctx.placeArea).length / PLACE_PAGE);
    return {
      next: { communityOptions: [], placeArea: ctx.placeArea, placePage: (ctx.placePage + 1) % Math.max(1, pages), placeNote: levelNote(deps, ctx.placeArea) },
    };
  }
  if (event.type !== 'answer.text' || !isMeaningful(textOf(event))) return null;
  const text = textOf(event);
  const typed = [...normalizeText(text)].slice(0, 20).join('');
  // While picking step by step, a typed name is looked for in that area first, then everywhere.
  let found = ctx.placeArea !== null ? deps.findPlaces(text, ctx.placeArea) : undefined;
  if (!found || (found.communities.length === 0 && found.areas.length === 0)) found = deps.findPlaces(text);
  const { communities, exact, areas } = found;
  if (exact && communities.length === 1 && areas.length === 0) return { chosen: communities[0]!.code };
  const options = (list: Place[], note: string) => ({
    next: { ...noPlace(), communityOptions: list.slice(0, MAX_COMMUNITY_CHOICES).map((p) => choiceOf(p).id), placeNote: note },
  });
  if (exact) return options([...communities, ...areas], placeTexts.several);
  if (areas.length === 1) return { next: browse(deps, areas[0]!.code) };
  if (areas.length > 1) return options(areas, placeTexts.several);
  if (communities.length > 0) return options(communities, placeTexts.guess(typed));
  return { next: browse(deps, deps.topPlace(), placeTexts.notFound(typed)) };
}

/**
 * 返回 at the community question: one level up while picking step by step (from the districts: out
 * of the pick), or from the places offered for a typed name back to the first question; null when
 * neither (the flow's own step back).
 */
export function placeUp(deps: PlaceLookup, ctx: PlaceContext): Omit<PlaceContext, 'question'> | null {
  if (ctx.placeArea === null) return ctx.communityOptions.length > 0 ? noPlace() : null;
  const parent = deps.place(ctx.placeArea)?.parent ?? null;
  return parent === null || ctx.placeArea === deps.topPlace() ? noPlace() : browse(deps, parent);
}

type Args = { context: PlaceContext; event: EventObject };

/** Guards every flow's setup spreads in for its community question. */
export const placeGuards = (deps: PlaceLookup) => ({
  placeChosen: ({ context, event }: Args) => {
    const step = placeStep(deps, context, event);
    return step !== null && 'chosen' in step;
  },
  placeChanged: ({ context, event }: Args) => {
    const step = placeStep(deps, context, event);
    return step !== null && 'next' in step;
  },
  /** Picking step by step, or choosing among places offered: 返回 stays at the question. */
  pickingPlace: ({ context }: Args) => context.placeArea !== null || context.communityOptions.length > 0,
});

/** The community a `placeChosen` answer names. */
export const chosenPlace = (deps: PlaceLookup, ctx: PlaceContext, event: EventObject): string | null => {
  const step = placeStep(deps, ctx, event);
  return step && 'chosen' in step ? step.chosen : null;
};

/** The question's new state after a `placeChanged` answer. */
export const nextPlace = (deps: PlaceLookup, ctx: PlaceContext, event: EventObject): Omit<PlaceContext, 'question'> => {
  const step = placeStep(deps, ctx, event);
  return step && 'next' in step ? step.next : noPlace();
};
