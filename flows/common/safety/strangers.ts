import type { Sign } from './types.js';

// === Danger from people, composed (round three's language): a stranger inside or trying the lock, a home
// ransacked with its door open, a mob or debt collectors at the door, a scam still on the line

const P = (re: RegExp, more: Omit<Sign, 'category' | 'services' | 're'> = {}): Sign => ({ category: 'police', services: ['110'], re, ...more });

/** Scam words strong enough that a call or a video still going on is fraud in progress. */
const SCAM_STRONG = /冻结|冒用|公安|警察|检察|法院|安全账户|涉嫌|洗钱|通缉|客服|医保卡|社保卡|银行卡|社保局|医保局|养老(金|保险)|退(保|款|费|税)/u;

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
  // Someone at the window bars or a lock, now (在拉我家防盗窗; 正在剪锁): forced entry or theft under way.
  P(/(拉|扯|撬|摇|晃|拽|掰|锯|剪|割|砸)[^，]{0,4}(防盗窗|防盗门|窗栏|铁栏|栏杆|纱窗|窗户|门锁|车锁|锁)/u, {
    when: /人影|黑影|有人|陌生|小偷|贼|那人|几个人|两个人|一个人|男的|偷/u,
    unless: /帮|修|装|换|钥匙|自己|师傅|物业|卡住|忘/u,
  }),
  // A door or window heard opened at night, or in the dark (后门好像被打开了 听见厨房有声音).
  P(/(门|窗)[^，]{0,4}(被|给)[^，]{0,2}(打开|推开|撬开|弄开|拉开|拧开)|(门|窗)[^，]{0,2}(自己)?开了(?![^，]{0,3}(吗|没))/u, {
    when: /听见|听到|声音|动静|脚步|半夜|夜里|深更|黑咕隆咚|停电|一个人/u,
    unless: /风|猫|狗|孩子|老伴|儿子|女儿|快递|物业/u,
  }),
  // Someone who will not leave, or forces a way in, and lays hands on (赖在我家不走 还推我).
  P(
    /(赖|堵|坐)(在|着)[^，]{0,6}(不走|不肯走)|(推销|上门|陌生|那人|那个人|男的|女的|他们)[^，]{0,10}(不走|不肯走|不让关门)|硬(要|是)?(进|闯|挤)(门|来|进来|屋|家)/u,
    {
      when: /推|拉|扯|拽|打|踢|抓|吼|威胁|怕|吓/u,
    },
  ),
];

export const FRAUD_MORE_SIGNS: readonly Sign[] = [
  // A scam still on the line: told to open a video or a meeting, to install, or still talking (现在还在跟我讲).
  {
    category: 'police',
    services: ['110', '96110'],
    re: /(叫|让|要)(我|他|她)?[^，]{0,3}(开视频|开会议|共享|下载|(装|下)[^，]{0,6}(软件|app|APP))|(说要|要|必须)保密|不让(我|家里人|别人)?(进去|进来|听)|还在(跟|和)(我|他|她|对方)?[^，]{0,2}(讲|说|通话|视频)|(叫|劝)(她|他)挂[^，]{0,2}(不挂|不肯)|不肯挂/u,
    when: SCAM_STRONG,
  },
  // Cash carried to a stranger who will "help" (拿一大包现金在小区门口等人 说有人来帮她办养老补贴).
  {
    category: 'police',
    services: ['110', '96110'],
    re: /(拿|带|揣|抱|拎|取)(着|了)?[^，]{0,6}(现金|钱|存折|金条|金子|首饰)[^，]{0,10}(等(人|着|他|她|对方)|交给|给人)/u,
    when: /(帮|替)[^，]{0,4}(办|领|退|申请)|补贴|养老金|退款|中奖|保证金|公安|警察|法院|客服|领导|不让[^，]{0,4}(说|讲|告诉)/u,
    unlessSaid: /房租|工资|物业|菜|买|还钱|女儿|儿子/u,
  },
];
