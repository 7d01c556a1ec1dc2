// The papers of the follow-up restart test: as the channels received them, and as the catalog refresh brought them.
import { paper } from '../../support/paper.js';

const ids = ['2603.00101', '2603.00102', '2603.00103'];

export const received = ids.map((id, i) =>
  paper({ id, arxivId: id, title: `Received paper ${i}`, version: 1, listed: '2026-03-01' }),
);

/** Each got its code released and a second version. */
export const refreshed = received.map((p) =>
  paper({ ...p, version: 2, links: { code: `https://github.com/org/${p.id}` } }),
);
