import { describe, expect, it } from 'vitest';
import { interpretResidentInput } from '../../flows/resident.input.js';
import { createResidentMachine } from '../../flows/resident.machine.js';
import type { ResidentContext, ResidentEvent } from '../../flows/resident.types.js';
import { createCatalogueMatcher } from '../../src/domain/catalogue/matcher.js';
import { readCatalogueFile } from '../../src/domain/reference-data.js';
import { rulesAreUnsure } from '../../src/domain/understanding/classifier.js';
import { texts } from '../../src/texts/resident.js';
import { converse, referenceDeps } from './harness.js';
import { startConversation } from './resident.fixtures.js';

// === A second opinion when the rules are unsure: asked of the runtime (`classify`), never for an emergency

const matcher = createCatalogueMatcher(readCatalogueFile());
const machine = createResidentMachine({ ...referenceDeps, secondOpinion: (text) => rulesAreUnsure(matcher.match(text)) });
const UNKNOWN = '家里的猫爬到树上下不来了';

/** A resident conversation whose runtime answers `classify` with `suggest(text)` (null: no answer). */
function withSecondOpinion(suggest: (text: string) => string[] | null) {
  return converse<ResidentContext, ResidentEvent>({
    machine,
    input: { profile: { phone: null, lastCommunityCode: null } },
    interpret: interpretResidentInput,
    answer: (effect) => {
      if (effect.type === 'classify') {
        const codes = suggest((effect.params as { text: string }).text);
        return codes ? { type: 'classifier.suggested', itemCodes: codes, source: 'llm' } : null;
      }
      if (effect.type === 'recordAlert') return null;
      throw new Error(`unexpected effect ${effect.type}`);
    },
  });
}

const nameOf = (code: string) => referenceDeps.item(code)?.name ?? '';

describe('classifying', () => {
  it('words the rules do not know: the runtime is asked, its item proposed as today’s single proposal', () => {
    const c = withSecondOpinion(() => ['errands']).say(UNKNOWN);
    expect(c.effectsOf('classify')).toEqual([{ text: UNKNOWN }]);
    expect(c.state).toBe('confirmItem');
    expect(c.context.proposals).toEqual(['errands']);
    expect(c.context.description).toBe(UNKNOWN);
    expect(c.texts[0]).toContain(texts.hello);
    expect(c.lastReply?.text).toBe(texts.confirmItem);
    expect(c.labels).toEqual([nameOf('errands'), texts.noneOfThese]);
    c.say('1');
    expect(c.context.itemCode).toBe('errands');
    expect(c.context.classCode).toBe('daily-life');
    expect(c.state).toBe('community');
  });

  it('several items: numbered choices; unknown codes are dropped', () => {
    const c = withSecondOpinion(() => ['no-such-item', 'meal-help', 'housekeeping']).say(UNKNOWN);
    expect(c.context.proposals).toEqual(['meal-help', 'housekeeping']);
    expect(c.lastReply?.text).toBe(texts.chooseItem);
    expect(c.labels).toEqual([nameOf('meal-help'), nameOf('housekeeping'), texts.noneOfThese]);
    c.say('2');
    expect(c.context.itemCode).toBe('housekeeping');
  });

  it('nothing (or nothing known) suggested: the classes, the words kept, as without a second opinion', () => {
    for (const codes of [[], ['no-such-item']]) {
      const c = withSecondOpinion(() => codes).say(UNKNOWN);
      const today = startConversation().say(UNKNOWN);
      expect(c.state).toBe('describe');
      expect(c.context.description).toBe(UNKNOWN);
      expect(c.context.proposals).toEqual([]);
      expect(c.lastReply?.text).toBe(texts.notUnderstoodDescription);
      expect(c.labels).toEqual(today.labels);
      expect(today.effectsOf('classify')).toEqual([]);
    }
  });

  it('sure rules, a greeting, an empty word: nobody else is asked', () => {
    const c = withSecondOpinion(() => ['haircut']);
    c.say('电视坏了');
    expect(c.context.proposals).toEqual(['appliance-repair']);
    const d = withSecondOpinion(() => ['haircut'])
      .say('你好')
      .say('嗯');
    expect(d.state).toBe('describe');
    expect(c.effectsOf('classify')).toEqual([]);
    expect(d.effectsOf('classify')).toEqual([]);
  });

  it('several close items from the rules are a reason to ask', () => {
    const words = '子女不给赡养费 能告吗';
    expect(matcher.match(words).map((m) => m.itemCode)).toEqual(['legal-consult', 'family-conflict']);
    const c = withSecondOpinion(() => ['family-conflict']).say(words);
    expect(c.effectsOf('classify')).toEqual([{ text: words }]);
    expect(c.context.proposals).toEqual(['family-conflict']);
    expect(c.labels).toEqual([nameOf('family-conflict'), texts.noneOfThese]);
  });

  it('at the describe step too, and again after 都不是', () => {
    const c = withSecondOpinion((text) => (text === UNKNOWN ? ['errands'] : []));
    c.say('你好');
    expect(c.state).toBe('describe');
    c.say(UNKNOWN);
    expect(c.state).toBe('confirmItem');
    c.say('都不是');
    expect(c.state).toBe('describe');
    c.say('猫还在树上');
    expect(c.effectsOf('classify')).toEqual([{ text: UNKNOWN }, { text: '猫还在树上' }]);
    expect(c.state).toBe('describe');
  });

  it('an emergency never waits for a second opinion: the numbers at once, no classify', () => {
    const words = '我妈叫不醒了';
    expect(rulesAreUnsure(matcher.match(words))).toBe(true);
    const c = withSecondOpinion(() => ['haircut']).say(words);
    expect(c.effectsOf('recordAlert')).toHaveLength(1);
    expect(c.texts.join('\n')).toContain('120');
    expect(c.effectsOf('classify')).toEqual([]);
    c.say('你好');
    expect(c.effectsOf('classify')).toEqual([]);
  });

  it('no answer from the runtime: the conversation waits at classifying and the next words still work', () => {
    const c = withSecondOpinion(() => null).say(UNKNOWN);
    expect(c.state).toBe('classifying');
    c.say('电视坏了');
    expect(c.state).toBe('confirmItem');
    const d = withSecondOpinion(() => null)
      .say(UNKNOWN)
      .say('返回');
    expect(d.state).toBe('describe');
  });

  it('without a second opinion (the default) the words go to the classes as before', () => {
    const c = startConversation().say(UNKNOWN);
    expect(c.state).toBe('describe');
    expect(c.effectsOf('classify')).toEqual([]);
  });
});
