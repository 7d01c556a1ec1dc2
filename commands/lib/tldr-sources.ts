// The configured TL;DR order (SUMMARY_SOURCES) as commands see it, on the services when the composition root sets it.
import type { Services } from '../../src/app/types.js';
import type { TldrSource } from '../../src/views/types.js';

/** What the composition root adds to Services to apply SUMMARY_SOURCES: `tldrSources: config.summarySources`. */
export interface TldrSourcesService {
  readonly tldrSources?: readonly TldrSource[];
}

/** Extras for paperCard: the configured order when there is one, else nothing (the default order applies). */
export function tldrExtras(services: Services): { tldrSources?: readonly TldrSource[] } {
  const order = (services as Services & TldrSourcesService).tldrSources;
  return order && order.length > 0 ? { tldrSources: order } : {};
}
