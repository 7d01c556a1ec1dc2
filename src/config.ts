// readConfig(env): the whole configuration as a pure function of the environment, validated with zod.
import { z } from 'zod';

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const EnvSchema = z.object({
  PAPERBOY_CATALOG: csv,
  // Unset or empty: the SQLite file the store creates on first start.
  DATABASE_URL: z
    .preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
      z.string().trim().optional(),
    )
    .transform((v) => v ?? 'sqlite:./data/paperboy.db')
    .refine((v) => /^(sqlite:|postgres(ql)?:\/\/)/.test(v), {
      message:
        'must start with sqlite: (e.g. sqlite:./data/paperboy.db) or postgres:// (e.g. postgres://user:pass@host/db)',
    }),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LLM_BASE_URL: z.string().url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(8000),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  catalogPaths: string[];
  databaseUrl: string;
  logLevel: Env['LOG_LEVEL'];
  port: number;
  llm: { baseUrl: string; apiKey?: string; model: string; timeoutMs: number } | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Fails fast with one message naming every variable to fix. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration — set these environment variables: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (e.LLM_BASE_URL && !e.LLM_MODEL) {
    throw new ConfigError(
      'LLM_BASE_URL is set but LLM_MODEL is not: set LLM_MODEL (e.g. llama3.1) or unset LLM_BASE_URL',
    );
  }
  return {
    catalogPaths: e.PAPERBOY_CATALOG,
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    llm:
      e.LLM_BASE_URL && e.LLM_MODEL
        ? { baseUrl: e.LLM_BASE_URL, apiKey: e.LLM_API_KEY, model: e.LLM_MODEL, timeoutMs: e.LLM_TIMEOUT_MS }
        : null,
  };
}
