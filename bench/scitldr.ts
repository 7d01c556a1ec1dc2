// Reads SciTLDR-A JSONL (../shared/eval/scitldr) for training and evaluation scripts.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { sharedFile } from './kit.js';

export const SciTldrRecordSchema = z.object({
  paper_id: z.string(),
  source: z.array(z.string()),
  target: z.array(z.string()),
  title: z.string().default(''),
});
export type SciTldrRecord = z.infer<typeof SciTldrRecordSchema>;

export function sciTldrPath(split: 'train' | 'dev' | 'test'): string | undefined {
  return sharedFile('eval', 'scitldr', `${split}.jsonl`);
}

export function readSciTldr(path: string): SciTldrRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => SciTldrRecordSchema.parse(JSON.parse(line)));
}
