import type { Sign } from './types.js';

// === Danger from people, composed (round three's language): a stranger inside or trying the lock, a home
// ransacked with its door open, a mob or debt collectors at the door, a scam still on the line

const P = (re: RegExp, more: Omit<Sign, 'category' | 'services' | 're'> = {}): Sign => ({ category: 'police', services: ['110'], re, ...more });

/** Scam words strong enough that a call or a video still going on is fraud in progress. */
const SCAM_STRONG = /冻结|冒用|公安|警察|检察|法院|安全账户|涉嫌|洗钱|通缉|客服|医保卡|社保卡|银行卡/u;

export const STRANGER_SIGNS: readonly Sign[] = [
  // A stranger inside, at the lock or the drawers (摄像头里看到有个陌生人在翻抽屉; 在试锁).
  P(
    /陌生(人|男人|女人|男的|女的)[^，]{0,8}(翻|进了?(屋|家|门)|在(家|屋)里|赖着不走|试锁|撬|开锁)|(在|一直)试锁|(翻|撬|开)[^，]{0,3}(抽屉|柜子)[^，]{0,3}(陌生|不认识)/u,
  ),
  // A home ransacked, with its door open or its people gone (门开着 里面翻得一塌糊涂).
  P(/翻得(一塌糊涂|乱七八糟|很乱|好乱|到处都是)|(家|屋|房间)里[^，]{0,3}(被)?翻(乱|得)/u, {
    when: /门(开着|没关|被撬|大开)|撬|陌生|不在家|人不(知道|晓得)|出去了|哪去了/u,
    unless: /孩子|孙子|孙女|小孩|猫|狗|找东西/u,
  }),
  // A mob, or debt collectors at the door (泼油漆, 推来推去, 敲门要钱 骂得难听).
  P(/泼(油漆|红漆|粪|大便)|(围着|几个人)[^，]{0,8}推来推去|(围着|堵着)[^，]{0,6}(推|打|骂|要钱)|(敲|砸|踢)[^，]{0,10}门[^。]{0,8}(要钱|骂|威胁)/u, {
    across: true,
    unless: /游戏|小孩|孩子|墙|装修/u,
  }),
];

export const FRAUD_MORE_SIGNS: readonly Sign[] = [
  // A scam still on the line: told to open a video or a meeting, to install, or still talking (现在还在跟我讲).
  {
    category: 'police',
    services: ['110', '96110'],
    re: /(叫|让|要)(我|他|她)?[^，]{0,3}(开视频|开会议|共享|下载|装[^，]{0,3}软件)|还在(跟|和)(我|他|她|对方)?[^，]{0,2}(讲|说|通话|视频)|(叫|劝)(她|他)挂[^，]{0,2}(不挂|不肯)|不肯挂/u,
    when: SCAM_STRONG,
  },
];
