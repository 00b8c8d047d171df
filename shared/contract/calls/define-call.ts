import { z } from 'zod';

export const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

/** For calls that take nothing: unknown keys are refused rather than ignored. */
export const NoInput = z.object({}).strict();
