/**
 * Name pools for the demo district: personal names (Han, Hui, Tibetan, Tu), village, community,
 * residential-compound and street names. Everything here is generated and plausible, not real data.
 */
import { Rng, Weighted } from './rng.js';

export type Ethnicity = 'han' | 'hui' | 'tibetan' | 'tu';

const w = (spec: string): Weighted<string> =>
  new Weighted(
    spec
      .trim()
      .split(/\s+/)
      .map((tok) => {
        const [item, weight] = tok.split(':');
        return [item, weight ? Number(weight) : 1] as const;
      }),
  );
const list = (spec: string): string[] => spec.trim().split(/\s+/);

// ---------------------------------------------------------------- surnames

/** Han surnames, weighted roughly by national frequency with a Qinghai (河湟) flavour (祁, 鲁, 星 …). */
export const HAN_SURNAMES = w(`
  王:7 李:7 张:6.5 刘:4.5 陈:3 马:3 杨:3 赵:2.5 祁:2 朱:1.5 孙:1.5 胡:1.5 周:1.5 吴:1 徐:1 郭:1.5
  何:1.2 高:1.2 罗:1 鲁:1 星:0.6 魏:1.2 谢:0.8 宋:0.8 韩:0.8 唐:0.6 冯:0.8 董:1 程:0.6 曹:0.8 袁:0.6
  许:0.6 苏:0.6 吕:0.8 贾:0.8 丁:0.6 薛:0.5 余:0.5 潘:0.4 杜:0.6 田:1 任:0.8 范:0.5 石:0.8 姚:0.5 汪:0.5
  金:0.5 郝:0.5 白:0.6 崔:0.5 康:0.5 秦:0.6 史:0.5 侯:0.6 孟:0.5 段:0.5 雷:0.5 乔:0.5 贺:0.5 文:0.4
  蔡:0.4 付:0.5 牛:0.5 申:0.4 保:0.3 辛:0.4 林:0.6 黄:1 梁:0.6 宋:0.5 蒋:0.4 彭:0.4 邓:0.4 肖:0.4
  阎:0.4 颜:0.3 时:0.3 车:0.3 逯:0.2 甘:0.2 柴:0.3 晁:0.2 纪:0.2 窦:0.2
`);

/** Hui surnames: 马 dominates, then 韩, 冶, 沙, 妥, 喇 … */
export const HUI_SURNAMES = w(`
  马:40 韩:8 冶:5 沙:3 妥:2 喇:2 何:3 李:4 杨:3 白:2 苏:2 鲜:2 海:1.5 米:1 穆:1 哈:1 祁:1 张:2
  刘:2 王:2 铁:1 撒:0.5 虎:0.8 拜:0.5 陕:0.5 者:0.3 尕:0.3
`);

/** Tu families with Han-style names use a characteristic set of surnames. */
export const TU_SURNAMES = w(`李:5 祁:5 鲁:4 星:3 吕:3 董:3 秦:2 胡:2 张:2 王:2 朱:1 杨:1 辛:1 谢:1`);

// ---------------------------------------------------------------- Han-style given names

type Era = 0 | 1 | 2; // born before 1965, 1965–1989, 1990 onward
export const eraOf = (birthYear: number): Era => (birthYear < 1965 ? 0 : birthYear < 1990 ? 1 : 2);

const GIVEN_CHARS: Record<'M' | 'F', string[][]> = {
  M: [
    list('福 贵 有 成 生 明 忠 德 海 财 林 祥 国 文 全 发 永 平 录 山 玉 清 春 元 学 才 华 英 顺 保 宝 军 建 义 正 世 光 金 寿 昌 守 得'),
    list('建 国 军 伟 强 明 华 平 志 文 海 永 红 兵 刚 勇 斌 辉 东 涛 鹏 峰 林 杰 波 宁 新 龙 成 忠 进 鑫 磊 亮 青 云 俊 军 晓 福'),
    list('浩 宇 轩 子 梓 博 俊 睿 晨 航 泽 豪 皓 杰 鹏 磊 凯 文 天 一 明 嘉 铭 瑞 阳 宁 鑫 奕 诚 煜 昊 逸 翔 哲 宸 晟 锦 佳 思'),
  ],
  F: [
    list('秀 英 兰 桂 梅 花 珍 凤 玉 莲 芳 菊 香 琴 翠 云 彩 娥 淑 巧 春 存 金 银 素 月'),
    list('丽 芳 燕 红 霞 玲 娟 萍 静 敏 艳 梅 琳 慧 丹 华 春 英 雪 莉 琴 洁 晶 倩 婷 莲 秀 海 晓 亚'),
    list('欣 怡 雨 萱 涵 思 佳 可 诗 梓 晨 悦 琪 婷 馨 瑶 雅 一 若 芸 彤 颖 璐 妍 诺 曦 心 梦 嘉 子'),
  ],
};

const GIVEN_NAMES: Record<'M' | 'F', string[][]> = {
  M: [
    list('有福 永福 国福 福成 建国 生财 德明 守财 进财 有才 成林 玉林 忠孝 发祥 占林 世昌 得福 长寿 海山 生荣 金山 玉清 国庆 振华 文元 长青 明德 全福 有录 存良'),
    list('建军 建华 国强 志强 海军 永红 卫东 红兵 晓东 文斌 国平 海涛 永强 建平 志刚 建林 玉龙 文龙 生林 海青 德龙 振林 晓军 小平 建成 长海 忠德 永林 宏伟 海鹏'),
    list('浩然 子涵 梓轩 宇航 俊杰 皓轩 博文 睿哲 一鸣 天佑 嘉豪 子墨 宇轩 浩宇 明轩 逸飞 梓豪 奕辰 俊熙 晨阳 泽宇 鹏飞 思远 佳乐 锦程 子豪 文博 家豪 诚毅 煜祺'),
  ],
  F: [
    list('秀英 桂兰 秀兰 玉兰 桂英 秀珍 凤英 玉珍 桂花 秀花 兰英 玉梅 秀梅 桂珍 菊花 存兰 金花 银花 玉花 翠兰 彩霞 淑珍 月英 巧云 玉英 春花 梅英 玉莲 香兰 凤兰'),
    list('丽娟 海燕 红梅 晓燕 丽华 玉梅 春燕 海霞 丽萍 秀芳 艳红 晓丽 建华 红霞 玉萍 金梅 秀琴 丽丽 艳梅 晓梅 海英 玲玲 春梅 红艳 晓霞 燕萍 雪梅 海莲 亚玲 静'),
    list('欣怡 梓涵 雨萱 思琪 佳怡 诗涵 可馨 一诺 子涵 雨涵 欣妍 梦瑶 若曦 语桐 婷婷 雅琪 佳琪 心怡 梓萱 晨曦 雪婷 悦彤 芸熙 思彤 嘉怡 诗琪 晓雪 璐瑶 梓琪 颖'),
  ],
};

/** Qinghai Hui given names with an Islamic origin, used by a minority of Hui people. */
const HUI_ISLAMIC_GIVEN: Record<'M' | 'F', string[]> = {
  M: list('尔萨 穆萨 哈三 伊布拉 阿里 尤素福 尕布 撒力哈 者麻乃 努哈 阿卜杜 海里'),
  F: list('阿依舍 法图麦 麦燕 海力麦 者乃拜 赛乃拜 阿米乃 麦麦 阿舍 尔耶'),
};

function hanGiven(rng: Rng, gender: 'M' | 'F', era: Era): string {
  const r = rng.next();
  if (r < 0.6) return rng.pick(GIVEN_NAMES[gender][era]);
  const chars = GIVEN_CHARS[gender][era];
  const single = era === 2 ? 0.12 : 0.22;
  if (r < 0.6 + 0.4 * single) return rng.pick(chars);
  const a = rng.pick(chars);
  let b = rng.pick(chars);
  if (b === a && rng.chance(0.8)) b = rng.pick(chars); // reduplicated names (婷婷) stay possible
  return a + b;
}

// ---------------------------------------------------------------- Tibetan-style names

const TIB_M = list('才让 扎西 多杰 索南 仁青 尼玛 更登 旦增 加措 桑杰 完玛 公保 东智 贡布 才旦 拉加 罗藏 华旦 本加 官却 吉太 先巴 三知 久美 拉旦 南加 洛桑 周加 夏吾 关却 昂秀 才仁 措成 多吉');
const TIB_F = list('卓玛 拉毛 周毛 措毛 吉毛 才吉 卓嘎 央金 德吉 拉姆 卓措 娘毛 才措 桑毛 东措 当周 索吉 卓么 措吉 拉措 完玛吉 仁增措 拉毛草');

/** Tibetan (and many Tu) names are personal names with no surname split, e.g. 才让, 卓玛, 才让卓玛. */
function tibetanName(rng: Rng, gender: 'M' | 'F'): string {
  const r = rng.next();
  if (gender === 'M') {
    if (r < 0.62) return rng.pick(TIB_M);
    let b = rng.pick(TIB_M);
    const a = rng.pick(TIB_M);
    if (a === b) b = rng.pick(TIB_M);
    return r < 0.92 ? a + b : a + rng.pick(['加', '太', '才让', '扎西']);
  }
  if (r < 0.55) return rng.pick(TIB_F);
  if (r < 0.85) return rng.pick(TIB_M) + rng.pick(TIB_F);
  return rng.pick(TIB_F) + rng.pick(['措', '吉', '草']);
}

// ---------------------------------------------------------------- household naming style

export type NameStyle = 'han' | 'hui' | 'tu_han' | 'tibetan';

export function nameStyleFor(rng: Rng, ethnicity: Ethnicity): NameStyle {
  if (ethnicity === 'tu') return rng.chance(0.55) ? 'tu_han' : 'tibetan';
  return ethnicity;
}

export function surnameFor(rng: Rng, style: NameStyle): string {
  if (style === 'hui') return HUI_SURNAMES.sample(rng);
  if (style === 'tu_han') return TU_SURNAMES.sample(rng);
  return HAN_SURNAMES.sample(rng);
}

/** A full name. `surname` is ignored for the Tibetan style. */
export function personName(rng: Rng, style: NameStyle, surname: string, gender: 'M' | 'F', birthYear: number): string {
  if (style === 'tibetan') return tibetanName(rng, gender);
  if (style === 'hui' && rng.chance(0.08)) return surname + rng.pick(HUI_ISLAMIC_GIVEN[gender]);
  return surname + hanGiven(rng, gender, eraOf(birthYear));
}

// ---------------------------------------------------------------- places

const VILLAGE_TERRAIN = list('庄 湾 沟 寨 山 台 堡 滩 岭 坪 咀');
const VILLAGE_POS = list('上 下 中 东 西 南 北 前 后 新 大 小 尕 红 黑 白 青 马 羊 柳 杨 石 水 阳 阴 河 峡 堡 古 沙 田 甘 老 泉');
const VILLAGE_POS_TERRAIN = list('庄 寨 沟 湾 滩 山 台 堡 河 坪 崖 坡 营 咀 峡 岔 城 园 源 磨');
const VILLAGE_DESCRIPTIVE = list(`新城 新村 新添 河湾 河滩 柳树湾 红土湾 甘沟 青石坡 白崖 黑城 油房台 磨尔沟 丹麻 元山 峡口
  堡子 杨树沟 山城 水峡 双树 三其 四旗 六族 七一 合尔盖 星火 团结 和平 东山 西山 总寨 旧庄 大路 平台 水磨湾 泉儿湾`);
const VILLAGE_TIBETAN = list(`卡阳 拉沙 加牙 拉卡 拉目 扎麻隆 思纳 卡约 香卡 拉寺木 群塔 阿什贡 尕什加 拉尕 多加 扎什加 阿嘛
  当顺 加汝尔 卡尔岗 拉科 洛麻 索尔 加拉 下扎 上扎 贡巴 科尔 隆奔 拉干 拉西 阿家 扎隆 塔尔湾 群加 恰加 年先`);

/** A village name (… + 村), unique within `used` (one set per township). */
export function villageName(rng: Rng, dominant: Ethnicity, used: Set<string>): string {
  for (let attempt = 0; attempt < 60; attempt++) {
    let stem: string;
    const r = rng.next();
    const tibetanArea = dominant === 'tibetan' || dominant === 'tu';
    // Tibetan/Tu villages: half carry a transliterated name; otherwise 40% surname-based (李家村, 马家湾村),
    // 40% position + terrain (上庄村, 红崖村), 20% descriptive (新城村, 柳树湾村).
    const u = tibetanArea ? (r - 0.5) / 0.5 : r;
    if (tibetanArea && r < 0.5) {
      stem = rng.pick(VILLAGE_TIBETAN);
      if (rng.chance(0.15)) stem = rng.pick(['上', '下']) + stem;
    } else if (u < 0.4) {
      const surname = dominant === 'hui' ? HUI_SURNAMES.sample(rng) : HAN_SURNAMES.sample(rng);
      stem = `${surname}家${rng.chance(0.4) ? '' : rng.pick(VILLAGE_TERRAIN)}`;
    } else if (u < 0.8) {
      stem = rng.pick(VILLAGE_POS) + rng.pick(VILLAGE_POS_TERRAIN);
    } else {
      stem = rng.pick(VILLAGE_DESCRIPTIVE);
    }
    const name = `${stem}村`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  for (let i = 1; ; i++) {
    const name = `新建${i}村`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

const COMMUNITY_STEMS = list('金城 康宁 和平 团结 莲湖 金塔 宗喀 迎宾 育才 通海 新华 民主 丰泽 康西 康东 南川 湟水 文汇 阳光 西河 兴隆 祥和 崇文 新城');

/** A residents'-committee name (… + 社区), unique within `used` (one set for the district). */
export function communityName(rng: Rng, used: Set<string>, preferredStem?: string): string {
  if (preferredStem && !used.has(`${preferredStem}社区`)) {
    used.add(`${preferredStem}社区`);
    return `${preferredStem}社区`;
  }
  for (let attempt = 0; attempt < 100; attempt++) {
    const name = `${rng.pick(COMMUNITY_STEMS)}社区`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  for (let i = 1; ; i++) {
    const name = `第${i}社区`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

const ESTATE_PREFIX = list('幸福 阳光 金色 锦绣 名都 御景 康乐 祥和 馨园 丽景 盛世 金桥 翠园 新城 湟水 莲花 泰和 安居 宗喀 金塔 和谐 康城 福康 欣荣 万象 紫金 碧水 嘉和 兴业 丰泽 雅居 龙源');
const ESTATE_SUFFIX = w('小区:5 家园:2 花园:1.5 苑:1 新村:0.7 华府:0.6 佳苑:0.5');
const WORK_UNITS = list(`粮食局 供销社 农机站 水电局 邮电局 卫生院 林业局 交通局 一中 二中 法院 税务局 畜牧局 电力公司 信用社
  教育局 建筑公司 汽车站 县医院 食品公司 物资局 公路段 木材厂 水泥厂 砖瓦厂 农牧局 公安局 检察院 文化馆 粮站 面粉厂
  毛纺厂 农业银行 工商局 气象站 广播站 水利局 财政局 民政局 兽医站`);
const STREETS = list('塔尔寺路 金塔路 莲湖路 迎宾路 宗喀路 团结路 和平路 西街 东街 南街 北街 解放路 人民路 新民路 康川路 通海路 育才巷 东关巷 西关巷');

function uniqueName(rng: Rng, used: Set<string>, make: () => string, fallback: (i: number) => string): string {
  for (let attempt = 0; attempt < 60; attempt++) {
    const name = make();
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  for (let i = 2; ; i++) {
    const name = fallback(i);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

/** A residential estate (小区) name such as 幸福小区 / 锦绣苑, unique within `used`. */
export function estateName(rng: Rng, used: Set<string>): string {
  const base = (): string => rng.pick(ESTATE_PREFIX) + ESTATE_SUFFIX.sample(rng);
  return uniqueName(rng, used, base, (i) => `${rng.pick(ESTATE_PREFIX)}${i}期小区`);
}

/** An old work-unit family compound (家属院), e.g. 粮食局家属院. */
export function familyCompoundName(rng: Rng, used: Set<string>): string {
  return uniqueName(rng, used, () => `${rng.pick(WORK_UNITS)}家属院`, (i) => `${rng.pick(WORK_UNITS)}${i}号家属院`);
}

/** A self-built courtyard cluster (大杂院), e.g. 塔尔寺路17号院. */
export function courtyardName(rng: Rng, used: Set<string>): string {
  const make = (): string => `${rng.pick(STREETS)}${rng.intBetween(1, 180)}号院`;
  return uniqueName(rng, used, make, (i) => `${rng.pick(STREETS)}${200 + i}号院`);
}
