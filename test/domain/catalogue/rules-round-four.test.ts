import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../../src/domain/catalogue/load.js';
import { createCatalogueMatcher } from '../../../src/domain/catalogue/matcher.js';

const catalogue = loadCatalogue(JSON.parse(fs.readFileSync(new URL('../../../db/seed/catalogue.json', import.meta.url), 'utf8')));
/** The keyword rules alone: the causes must be read without the model, which learned the fixtures' words. */
const rules = createCatalogueMatcher(catalogue, { model: null });

// The causes of the fourth round's misses (the 2026-12-08 batches), each said in words of no fixture:
// a thing wished for, not broken; an appliance to clean; suspicion; a care home refused; paid and left
// undone; aid after a fire or flood; school a poor family cannot pay; goods given out; a disability and
// what the person needs; "is it real?"; what a patient cannot do alone; pests by what they leave; a
// workplace injury; exercise taught at home; a lock to change; a bank visit; a place word
// beside a broken public thing; kin spending an elder's money; a heater's fault over the bath it stops;
// a disability's benefit; a landlord's eviction; medicine fetched; a visit to sit awhile; words by meaning.
describe('the rules alone, on phrasings of the fourth round’s causes', () => {
  it.each([
    ['我一直想要台唱戏机 听听越剧', 'micro-wish'],
    ['老伴想要一副手套 冬天骑车冷', 'micro-wish'],
    ['热水器多年没清洗了 想找人洗一下', 'housekeeping'],
    ['我婆婆疑神疑鬼 老说我们拿她的钱', 'mental-support'],
    ['儿子要把我送进养老院 我不愿意', 'family-conflict'],
    ['装修师傅收了钱 做了两天人不来了', 'consumer-dispute'],
    ['在直播间买的药酒 一点用没有 想退', 'consumer-dispute'],
    ['上个月房子烧了 现在没地方住 能申请救助吗', 'temporary-aid'],
    ['发大水把家里东西都泡坏了 有补助伐', 'temporary-aid'],
    ['孙子上高中学费出不起', 'education-aid'],
    ['困难家庭的小孩暑假有补课伐', 'education-aid'],
    ['米面油社区啥时候发放', 'goods-donation'],
    ['我眼睛看不见 想有人帮我读读信', 'disability-service'],
    ['有人打电话说是社保局的 真的假的', 'anti-fraud'],
    ['卖保健品的说能治百病 靠不靠谱', 'anti-fraud'],
    ['老伴要去医院复查 我推不动轮椅', 'hospital-escort'],
    ['阳台上好多小飞虫 赶都赶不掉', 'pest-control'],
    ['卫生间浴霸不热了', 'appliance-repair'],
    ['楼下窨井堵了 水漫出来', 'drain-unblocking'],
    ['儿子在工地上摔伤了 包工头不肯赔', 'labour-dispute'],
    ['老头子腿骨折好了 想有人上门教他锻炼', 'rehab-nursing'],
    ['门上的锁想换一下 老是卡住', 'lock-service'],
    ['想去营业厅办个事 我一个人去不了', 'errands'],
    ['老同事走了 想写几句悼念的话', 'letter-writing'],
    ['我爸老忘记回家的路', 'lost-elderly'],
    ['外地学籍的孩子能在这里中考吗', 'school-enrollment'],
    ['老房子是危房 危旧房改造怎么申请', 'housing-policy'],
    ['社区有育婴师培训伐 想考个证', 'employment-aid'],
    ['手机老有陌生号码打来 怎么拉黑', 'digital-help'],
    ['保姆在家里摔了 我们要担多大责任', 'legal-consult'],
    ['小区门口的路灯坏了好几天', 'public-repair'],
    ['孙子把奶奶的养老钱拿去花了', 'family-conflict'],
    ['电热水器点不着 洗不了澡', 'appliance-repair'],
    ['女儿智力残疾 有啥补助', 'disability-policy'],
    ['房东叫我们月底搬走', 'tenancy-dispute'],
    ['药在药房配好了 有人去拿伐', 'medicine-delivery'],
    ['逢年过节想有志愿者来坐坐', 'home-visit'],
  ])('%s → %s', (text, code) => {
    expect(rules.match(text)[0]?.itemCode).toBe(code);
  });
});
