import type { Sign } from './types.js';

// === What only the model's soft line caught in round four's batches, read by the rules too, by cause:
// a knock to the head and then drowsiness, a burn to the face, blood spurting, a fit coming in waves,
// a poison named after it was drunk, a voice that stops, wiring burning in a wall, a stranger at the
// windows or the door at night, a man beating his wife again, a scam's last steps (ATM, cash left out)

const M = (re: RegExp, more: Omit<Sign, 'category' | 'services' | 're'> = {}): Sign => ({ category: 'medical', services: ['120'], re, ...more });
const P = (re: RegExp, more: Omit<Sign, 'category' | 'services' | 're'> = {}): Sign => ({ category: 'police', services: ['110'], re, ...more });

/** A household poison by name. */
const POISON = /消毒水|消毒液|洗洁精|漂白水|84|农药|敌敌畏|百草枯|老鼠药|灭鼠药|除草剂|杀虫剂/u;

export const ALSO_SIGNS: readonly Sign[] = [
  // A knock to the head, then drowsy, vomiting or not answering (头撞到桌角 起了个大包 现在老想睡 还吐了).
  M(/(头|脑壳|脑袋|额头|后脑勺?)[^，]{0,4}(撞|磕|碰|摔)|(撞|磕|碰|摔)(到|在|了|破)?[^，]{0,3}(头|脑壳|脑袋|额头)/u, {
    when: /想睡|嗜睡|吐了|还吐|在吐|不(大|太)?理人|迷糊|糊涂|叫不醒|昏/u,
  }),
  // A burn to the face or eyes (热油溅到脸上 眼睛睁不开), a hand torn by a firework (血肉模糊).
  M(/(热油|滚油|油|开水|热水|火)[^，]{0,4}(溅|泼|烫|喷|燎)[^，]{0,4}(脸|眼)|血肉模糊|炸(到|伤|断|烂)[^，]{0,3}(手|眼|脸)/u),
  // Blood spurting or not stopping.
  M(/血[^，]{0,3}(往外)?(喷|涌|止不住|直流|哗哗)/u),
  // A fit in waves, gurgling (一阵一阵抽 嘴里咕噜咕噜).
  M(/一阵一阵(地)?抽(?!烟|屉|水|奖|签|空)|(又|一直|在)抽起来/u),
  // A poison named after it was drunk (喝了瓶子里的东西 好像是消毒水 一直咳).
  M(POISON, { when: /(喝|吃|吞)(了|下|进)/u, unlessSaid: /怎么(放|存|用)|会怎么样|存放|安全吗/u }),
  // A voice that stops mid-sentence, eyes fixed (说话说一半就不动了 眼睛发直; 说肚子剧痛 然后就没声音了).
  M(/眼睛?发直|两眼发直|翻白眼|说[^，]{0,3}(一半|半句)[^，]{0,3}(就)?(不动|不说|没声)/u),
  // …or a voice gone silent (然后就没声音了) — not a phone or a television.
  M(/(然后|突然|就)[^，]{0,2}没(声音|声|动静)了/u, { unlessBefore: /(手机|电视|电话|收音机|喇叭|音箱|电脑|视频|机器|机子)[^，]{0,3}$/u }),
  // Hot and not answering (身上烫得吓人 叫她也不大答应).
  M(/叫(她|他)?[^，]{0,2}不(大|太)?(答应|应)/u, { when: /烫|高烧|发烧|热煞|中暑|撞|摔|吐/u }),
  // Wiring burning in a wall, a board blackened (插线板烧黑了 墙里面好像有东西在烧).
  { category: 'fire', services: ['119'], re: /烧黑了|(有东西|什么东西)在烧|烫手/u, when: /插|电|线|墙|表箱|开关/u, unless: /锅|饭|菜|水壶|熨斗/u },
  // A stranger at the windows or the door handle (扒窗户往里看 拽了拽门把手; 拿手电往我窗户里照).
  P(/(往|朝)[^，]{0,4}(窗户?|屋|家)里?[^，]{0,2}(照|看|瞧|张望)|扒[^，]{0,2}(窗|门)|(拽|拧|拉|推)[^，]{0,3}门把手?/u, {
    when: /陌生|不认识|半夜|深更|夜里/u,
  }),
  // Knocking on and on at night, and no answer who it is (半夜有人一直敲我家门 我问是谁不响).
  P(/(一直|使劲|拼命|不停)(地)?(敲|砸|拍)[^，]{0,3}门/u, { when: /半夜|夜里|深更|凌晨|不响|不说话|不应|不出声|不回答/u }),
  // Beating again, or now (隔壁男的又在打老婆).
  P(/(又|正)在打(老婆|老公|孩子|小孩|老人|她|他|人|媳妇|女人)/u),
  // A scam's last steps: to the ATM to "operate", cash left out for someone to collect.
  {
    category: 'police',
    services: ['110', '96110'],
    re: /(去|到)[^，]{0,3}(ATM|atm|取款机|柜员机)|(放|搁|送)(在|到)?[^，]{0,6}(门口|鞋柜|楼下|信箱|路口)[^，]{0,8}(来拿|来取)|有人(来|上门)(拿|取)|人[^，]{0,4}(马上)?(就)?来拿/u,
    when: /骗|电话|警官|警察|公安|检察|法院|客服|赔钱|出事|不要挂|不让/u,
  },
];
