// The configured TL;DR order (SUMMARY_SOURCES) as commands pass it to paperCard.
import type { Services } from '../../src/app/types.js';
import type { TldrSource } from '../../src/views/types.js';

/** Extras for paperCard: the configured order when there is one, else nothing (the default order applies). */
export function tldrExtras(services: Services): { tldrSources?: readonly TldrSource[] } {
  const order = services.tldrSources;
  return order && order.length > 0 ? { tldrSources: order } : {};
}
