import { ConfigError, conversationTtlMs, loadConfig } from '../../src/config';

const SECRET = 'a-shared-secret-of-at-least-32-characters';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('configuration of shared state', () => {
  test('REDIS_URL without STATE_SECRET stops start-up: instances could not read each other’s state', () => {
    expect(problemsOf({ REDIS_URL: 'redis://cache:6379' })).toEqual([
      'STATE_SECRET=(secret): is required when REDIS_URL is set',
    ]);
  });

  test('a REDIS_URL that is not a Redis URL is named, without echoing a password it may carry', () => {
    const [problem] = problemsOf({ REDIS_URL: 'http://user:hunter2@cache:6379', STATE_SECRET: SECRET });
    expect(problem).toMatch(/^REDIS_URL=\(secret\): must start with redis:\/\/ or rediss:\/\//);
    expect(problem).not.toContain('hunter2');
  });

  test('TTL, message limit and log level are checked', () => {
    expect(problemsOf({ CONVERSATION_TTL_HOURS: '0' })[0]).toMatch(/^CONVERSATION_TTL_HOURS="0": /);
    expect(problemsOf({ MESSAGES_PER_MINUTE: 'many' })[0]).toMatch(/^MESSAGES_PER_MINUTE="many": /);
    expect(problemsOf({ LOG_LEVEL: 'loud' })[0]).toMatch(/^LOG_LEVEL="loud": /);
  });

  test('conversations are kept 24 h and at most 100,000 in memory; test runs may give the TTL in minutes', () => {
    expect(conversationTtlMs(loadConfig({}))).toBe(24 * 3_600_000);
    expect(loadConfig({}).CONVERSATIONS_IN_MEMORY_MAX).toBe(100_000);
    expect(conversationTtlMs(loadConfig({ CONVERSATION_TTL_HOURS: '2' }))).toBe(2 * 3_600_000);
    expect(conversationTtlMs(loadConfig({ CONVERSATION_TTL_MINUTES: '2' }))).toBe(120_000);
    expect(problemsOf({ CONVERSATION_TTL_MINUTES: 'soon' })[0]).toMatch(/^CONVERSATION_TTL_MINUTES="soon": /);
    expect(problemsOf({ CONVERSATIONS_IN_MEMORY_MAX: '10' })[0]).toMatch(
      /^CONVERSATIONS_IN_MEMORY_MAX="10": /,
    );
  });

  test('defaults: in memory, 24 h, 20 messages a minute, info', () => {
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
    expect(loadConfig({})).toMatchObject({
      CONVERSATION_TTL_HOURS: 24,
      MESSAGES_PER_MINUTE: 20,
      LOG_LEVEL: 'info',
    });
    expect(loadConfig({ REDIS_URL: 'rediss://cache:6380', STATE_SECRET: SECRET }).REDIS_URL).toBe(
      'rediss://cache:6380',
    );
  });
});
