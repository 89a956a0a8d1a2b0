import { z } from 'zod';

export const FigureKindSchema = z.enum(['level', 'growth', 'share', 'rank', 'count', 'ratio', 'other']);
export type FigureKind = z.infer<typeof FigureKindSchema>;

/** eq exact; gt 超过/突破; gte N以上; lt 不到; lte 前N名/百强; approx 近/约/左右/余. */
export const ComparatorSchema = z.enum(['eq', 'gt', 'gte', 'lt', 'lte', 'approx']);
export type Comparator = z.infer<typeof ComparatorSchema>;

/** actual: a reported result; estimate: 预计/有望/初步; target: 预期目标/力争/计划, a goal for a later period. */
export const FigureStatusSchema = z.enum(['actual', 'estimate', 'target']);
export type FigureStatus = z.infer<typeof FigureStatusSchema>;
