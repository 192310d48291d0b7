import type { Sign } from './types.js';

// === Storms and nights (round four's language): fumes from a fire burning indoors with a body that
// answers to them (carbon monoxide), and water rising round someone who cannot get out

/** Something burning indoors for heat or cooking: charcoal, a coal stove, a brazier. */
const BURNING_INDOORS = /炭盆|炭火|木炭|烧炭|烤炭|(烤|烧)[^，]{0,2}火盆|火盆|煤炉|煤球炉|蜂窝煤|煤饼炉|炉子/u;
/** …and what the fumes do to a body (头痛恶心, 昏昏沉沉, 叫不醒). */
const FUMES_FELT =
  /头(痛|疼|晕|昏|胀)|恶心|想吐|呕吐|吐了|昏昏沉沉|迷迷糊糊|迷糊|叫不(太)?醒|叫不应|喊不应|没力气|浑身(发)?软|人软|站不(起来|稳)|晕(倒|过去)|昏(倒|过去|迷)|不省人事/u;

/** Water risen round a place (水到膝盖, 进水, 漫进屋里, 水涨得快). */
const WATER_RISEN =
  /(水|大水|洪水)[^，]{0,4}(到|没过|淹到|齐|漫到|涨到)[^，]{0,2}(膝盖|腰|胸|胸口|脖子|大腿|小腿|肚子|床|窗)|(进|灌|漫|淹)(进)?(了)?水|水[^，]{0,2}(灌|漫|淹|冲)(进|了|到)|水[^，]{0,2}往[^，]{0,3}(里|屋里|车里|家里)(灌|涌|冒|进|流)|水(涨|越来越(高|深|大))|涨水|发大水|大水|洪水|积水[^，]{0,3}(很深|太深|越来越)/u;
/** …with someone who cannot get out of it (出不去, 车门打不开, 困在). */
const CANNOT_GET_OUT = /出不去|出不来|走不出|下不来|逃不出|困(在|住)|被困|(车门|门|窗)[^，]{0,3}(打不开|推不开|开不开|拉不开)|动不了|走不动/u;

export const STORM_SIGNS: readonly Sign[] = [
  // A fire burning indoors and its fumes felt: carbon monoxide (120; the windows opened, the people out).
  {
    category: 'medical',
    services: ['120'],
    re: FUMES_FELT,
    when: BURNING_INDOORS,
    unlessSaid: /会不会|会中毒吗|安全吗|怎么预防|报警器/u,
  },
  // …and the fire itself named among the words (its first aid: fresh air).
  {
    category: 'medical',
    services: ['120'],
    re: BURNING_INDOORS,
    when: FUMES_FELT,
    unlessSaid: /会不会|会中毒吗|安全吗|怎么预防|报警器/u,
  },
  // Water rising and someone who cannot get out (水到膝盖了 老伴出不去; 车库进水 车门打不开): the firemen rescue.
  {
    category: 'fire',
    services: ['119'],
    re: CANNOT_GET_OUT,
    when: WATER_RISEN,
    unless: /东西|家具|电器|水管|下水|马桶|钥匙/u,
  },
];
