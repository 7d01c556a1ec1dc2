// The catalog both the restart test and its child process use.
import { paper } from '../fakes.js';

export const restartPapers = Array.from({ length: 120 }, (_, i) =>
  paper({
    id: `2502.${String(30000 + i)}`,
    title: `Diffusion finding ${i}`,
    abstract: 'diffusion',
    listed: '2025-01-01',
    trending: { rank: i + 1 },
  }),
);
