// Composition root: reads the configuration and starts Paperboy (the console until the platforms land).
import { readConfig } from './config.js';

const config = readConfig(process.env);
console.log(
  `paperboy: catalog ${config.catalogPaths.join(', ') || 'bundled seed'}, store ${config.databaseUrl}`,
);
