/** The 14 prefecture-level divisions of Hunan, GB/T 2260 codes. */
export const CITIES = [
  { code: '430100', en: 'Changsha', zh: '长沙' },
  { code: '430200', en: 'Zhuzhou', zh: '株洲' },
  { code: '430300', en: 'Xiangtan', zh: '湘潭' },
  { code: '430400', en: 'Hengyang', zh: '衡阳' },
  { code: '430500', en: 'Shaoyang', zh: '邵阳' },
  { code: '430600', en: 'Yueyang', zh: '岳阳' },
  { code: '430700', en: 'Changde', zh: '常德' },
  { code: '430800', en: 'Zhangjiajie', zh: '张家界' },
  { code: '430900', en: 'Yiyang', zh: '益阳' },
  { code: '431000', en: 'Chenzhou', zh: '郴州' },
  { code: '431100', en: 'Yongzhou', zh: '永州' },
  { code: '431200', en: 'Huaihua', zh: '怀化' },
  { code: '431300', en: 'Loudi', zh: '娄底' },
  { code: '433100', en: 'Xiangxi', zh: '湘西州' },
] as const;

export type CityCode = (typeof CITIES)[number]['code'];
export const CITY_CODES: readonly CityCode[] = CITIES.map((c) => c.code);

/** The Xiangnan demonstration zone for undertaking industrial transfer: Hengyang, Chenzhou, Yongzhou. */
export const XIANGNAN_CITIES = ['430400', '431000', '431100'] as const satisfies readonly CityCode[];
export type XiangnanCityCode = (typeof XIANGNAN_CITIES)[number];

export const isXiangnanCity = (code: string): code is XiangnanCityCode =>
  (XIANGNAN_CITIES as readonly string[]).includes(code);
