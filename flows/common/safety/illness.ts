import type { Sign } from './types.js';

// === Medical signs composed from parts, by what makes them urgent (round three's language): a mind that
// goes with an illness or a knock, breath that will not come, pain with sweat or vomiting, a scald by what
// spilled, food that poisons, pills by the bottle, blood pressure far too high, a fall heard through a door

const M = (re: RegExp, more: Omit<Sign, 'category' | 'services' | 're'> = {}): Sign => ({ category: 'medical', services: ['120'], re, ...more });

/** The mind going now (人也糊涂了, 迷迷糊糊讲胡话): not a long-standing dementia. */
const MIND_GOING = /人[^，]{0,3}(也|有点|都|开始)?(糊涂|迷糊)了|迷迷糊糊|(讲|说)胡话|胡言乱语|认不出人了/u;
/** …with an illness, a knock or a fever that makes it urgent. */
const WITH_ILLNESS = /透析|烧|度|撞|摔|跌|磕|头上|起[^，]{0,2}包|吐|喘|肿|血|药|中暑|没吃|没喝/u;

export const ILLNESS_SIGNS: readonly Sign[] = [
  M(MIND_GOING, { when: WITH_ILLNESS, unless: /老年痴呆|痴呆|一直|老是|经常|平时/u }),
  // Breath that will not come: a sentence in pieces, no lying down, a rattle, lips gone dark.
  M(/(说|讲)一句话[^，]{0,4}(停|喘|歇)|躺(都)?躺不下|(喘气|呼吸|喉咙)[^，]{0,2}(呼哧|呼噜|咕噜|拉风箱)|嘴唇[^，]{0,2}(发|变)(乌|黑|青)/u),
  // Pain that makes it urgent: too much to bear, with vomiting or sweat; cutting like a knife.
  M(/(肚子|胃|肚皮)[^，]{0,3}(痛|疼)得(吃不消|受不了|厉害|要命|直不起|蹲)|像刀(割|绞|扎)|刀绞|绞痛/u, { when: /吐|汗|硬|晕|脸色|蹲|打滚/u }),
  // A scald by what spilled (开水瓶打翻在脚上 皮起泡掉了一大块).
  M(/(打翻|翻掉|翻了|倒翻|泼|洒)[^。]{0,12}(起泡|全是泡|泡|皮都|掉了一大块|一大片)/u, { across: true, when: /开水|热水|滚水|热汤|热油|油锅|汤/u }),
  // Food that poisons: wild mushrooms, puffer fish, with vomiting or shaking.
  M(/(野)?(菌子|蘑菇|野菜|河豚|发芽的?土豆|豆角)/u, { when: /吐|拉|晕|抖|麻|糊涂|看不清/u, unless: /买|卖|种|怎么/u }),
  // Pills by the bottle or the box (把一瓶安眠药都吃掉了).
  M(/(一|整)(瓶|板|盒|把)[^，]{0,5}(药|片)[^，]{0,3}(都|全|全部)?(吃|吞|喝)(掉|了|下)/u),
  // Blood pressure far too high, with a headache or vomiting.
  M(/血压[^，]{0,6}(2\d\d|19\d|18\d|两百|二百)/u, { when: /头(痛|疼|晕)|吐|看不清|说话|麻/u }),
  M(/头痛欲裂|看(东西)?[^，]{0,3}(两个|双影|重影)/u, { when: /吐|突然|晕|痛/u }),
  // A fever of 40 in the very old, or with the mind going.
  M(/(四十|40|三十九点[五六七八九]|39\.[5-9])度/u, { when: /[89]\d岁|[八九]十(多)?岁|一百|迷糊|糊涂|胡话|抽|叫不醒/u }),
  // Asked anything, no words come (问他什么都说不出来): speech gone.
  M(/(问|叫)[^，]{0,6}(什么|啥)都(说不出|答不上|不会说)/u),
  // Blood coughed up (咳出来一大口血).
  M(/(咳|吐|呕)出(来)?[^，]{0,3}血/u),
  // After a fall, a limb swollen and too painful to touch or stand on (腿肿得发亮 一碰就叫 走不了路): a fracture.
  M(/肿得?(发亮|发紫|老高|很高|厉害|像馒头)|(腿|脚|胯|髋|手腕|胳膊)[^，]{0,3}(变形|歪了|弯了|弯成|怪样子)/u, {
    when: /(摔|跌|掼跤|跤|倒)[^。]*(一碰就(叫|痛|疼|喊)|碰都不能碰|走不了|站不起来|不能(走|动|下地)|动不了)|(一碰就(叫|痛|疼|喊)|碰都不能碰|走不了|站不起来|不能(走|动|下地)|动不了)[^。]*(摔|跌|掼跤|跤|倒)/u,
  }),
  // A fall heard, and then moaning or no answer at the door (咚一声 然后她在里面哼哼 门敲了不开).
  M(/(咚|扑通|嘭)(的)?一声/u, { when: /哼哼|呻吟|喊(痛|疼)|叫(痛|疼)|(敲|喊|叫)[^，]{0,4}(不开|不应|没人应|没反应)/u }),
];
