import type { EventObject } from 'xstate';
import { textOf } from './guards.js';

// === Reading a typed community name: the same in every flow that asks where someone lives

/** What a flow needs to look up communities by what a person typed. */
export interface CommunityLookup {
  matchCommunities(text: string): ReadonlyArray<{ code: string; name: string }>;
}

/** How many matching communities are offered as numbered choices. */
export const MAX_COMMUNITY_CHOICES = 9;

/** The best community for the typed text, or null. */
export const firstCommunity = (deps: CommunityLookup, event: EventObject): string | null => deps.matchCommunities(textOf(event))[0]?.code ?? null;

/** The communities offered when several fit the typed text, best first. */
export const offeredCommunities = (deps: CommunityLookup, event: EventObject): string[] =>
  deps
    .matchCommunities(textOf(event))
    .slice(0, MAX_COMMUNITY_CHOICES)
    .map((c) => c.code);

/** Guards every flow's setup spreads in: exactly one community fits, or several do. */
export const communityGuards = (deps: CommunityLookup) => ({
  oneCommunity: ({ event }: { event: EventObject }) => deps.matchCommunities(textOf(event)).length === 1,
  severalCommunities: ({ event }: { event: EventObject }) => deps.matchCommunities(textOf(event)).length > 1,
});
