/** A short work report written for the tests (its region, people and numbers are made up for them). */
export const SAMPLE_REPORT = `南山区2025年政府工作报告
（2025年1月8日在深圳市南山区第八届人民代表大会第五次会议上）
各位代表：
一、2024年工作回顾
过去一年，全区地区生产总值达到9500亿元，增长6.1%。一般公共预算收入完成320亿元，增长5.2%。
新增市场主体4.2万户，城镇新增就业3.1万人。
二、2025年主要工作安排
2025年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右，一般公共预算收入增长3%。
`;
