import { ConfigError, loadConfig } from '../src/config';
import { FAQ_DIR, LOCALES_DIR } from './helpers/paths';

/** The ConfigError loadConfig throws for `env`; fails the test if it throws nothing or something else. */
function configErrorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw new Error(`expected a ConfigError, got ${String(error)}`);
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}, but the configuration loaded`);
}

describe('loadConfig', () => {
  test('without any variable: the documented defaults, content from the project', () => {
    const config = loadConfig({});
    // Unset, the matcher keeps its thresholds calibrated per language.
    expect([config.MATCH_ANSWER_THRESHOLD, config.MATCH_MARGIN, config.MATCH_AMBIGUOUS_THRESHOLD]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(config).toMatchObject({
      PORT: 3978,
      DEFAULT_LANGUAGE: 'de',
      FAQ_DIR,
      LOCALES_DIR,
      BRAND_NAME_DE: 'KPT',
      BRAND_NAME_FR: 'CPT',
      BRAND_NAME_IT: 'CPT',
      MAX_MESSAGE_LENGTH: 2000,
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
    });
  });

  test('values from the environment are read and converted', () => {
    const config = loadConfig({ PORT: '8080', DEFAULT_LANGUAGE: 'it', MATCH_ANSWER_THRESHOLD: '0.6' });
    expect(config.PORT).toBe(8080);
    expect(config.DEFAULT_LANGUAGE).toBe('it');
    expect(config.MATCH_ANSWER_THRESHOLD).toBe(0.6);
  });

  test('an empty variable counts as not set', () => {
    expect(loadConfig({ PORT: '', DEFAULT_LANGUAGE: '' })).toMatchObject({
      PORT: 3978,
      DEFAULT_LANGUAGE: 'de',
    });
  });

  test.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DEFAULT_LANGUAGE', 'en'],
    ['MATCH_ANSWER_THRESHOLD', '2'],
    ['MATCH_MARGIN', '2'],
    ['MATCH_AMBIGUOUS_THRESHOLD', '-1'],
    ['MAX_MESSAGE_LENGTH', 'lots'],
    ['LOCAL_CHANNEL_URLS', 'http://collaborator.example.com:8080'],
    ['LOCAL_CHANNEL_URLS', 'file:///etc/passwd'],
    ['MicrosoftAppType', 'Anybody'],
  ])('%s=%s is refused with a ConfigError naming the variable and the value', (name, value) => {
    const error = configErrorOf({ [name]: value });
    expect(error.message).toContain(name);
    expect(error.message).toContain(value);
    expect(error.problems).toHaveLength(1);
  });

  test('every bad variable is named at once', () => {
    const error = configErrorOf({ PORT: 'abc', DEFAULT_LANGUAGE: 'en', MATCH_ANSWER_THRESHOLD: '2' });
    for (const name of ['PORT', 'DEFAULT_LANGUAGE', 'MATCH_ANSWER_THRESHOLD'])
      expect(error.message).toContain(name);
    expect(error.problems).toHaveLength(3);
  });

  test('MicrosoftAppPassword never appears in a message', () => {
    const password = 'Xq9~very-secret-app-password';
    const error = configErrorOf({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000000',
      MicrosoftAppPassword: password,
      MicrosoftAppType: 'Anybody',
      DEFAULT_LANGUAGE: 'en',
    });
    expect(error.message).not.toContain(password);
    expect(error.problems.join('\n')).not.toContain(password);
    expect(String(error.stack)).not.toContain(password);
  });
});
