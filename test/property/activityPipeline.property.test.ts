import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import fc from 'fast-check';
import { createApplication, type Application } from '../../src/app';
import { loadConfig } from '../../src/config';
import { readUserInput } from '../../src/dialogs/userInput';
import { activityProblem } from '../../src/server/activityShape';
import { captureLogs } from '../helpers/logs';

/** Any activity the channel might send, well-formed or not, in the fields the bot reads. */
const anyActivity = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...Object.values(ActivityTypes)), fc.string({ maxLength: 20 })),
    text: fc.oneof(
      { weight: 5, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
      { weight: 1, arbitrary: fc.anything() },
    ),
    value: fc.anything(),
    attachments: fc.oneof(
      { weight: 5, arbitrary: fc.array(fc.record({ contentType: fc.string(), content: fc.anything() })) },
      { weight: 1, arbitrary: fc.anything() },
    ),
    locale: fc.oneof(fc.constantFrom('de-CH', 'fr', 'it-IT', 'en-US', ''), fc.string({ maxLength: 12 })),
    membersAdded: fc.array(
      fc.record({ id: fc.string({ maxLength: 8 }), name: fc.string({ maxLength: 8 }) }),
      {
        maxLength: 3,
      },
    ),
    channelData: fc.anything(),
    entities: fc.oneof(
      { weight: 5, arbitrary: fc.array(fc.record({ type: fc.string(), locale: fc.anything() })) },
      { weight: 1, arbitrary: fc.anything() },
    ),
  },
  { requiredKeys: ['type'] },
);

let app: Application;
const logs = captureLogs('error');

beforeAll(async () => {
  app = await createApplication(loadConfig({ SANDBOX_PORT: '0', MESSAGES_PER_MINUTE: '1000' }), {
    sandboxLog: () => undefined,
    logger: logs.logger,
  });
});

afterAll(() => app.close());

describe('the activity pipeline, for any activity shape', () => {
  test('whatever /api/messages admits, the bot handles without throwing or failing a turn', async () => {
    let run = 0;
    let admitted = 0;
    await fc.assert(
      fc.asyncProperty(anyActivity, async (fields) => {
        run += 1;
        const activity = {
          ...fields,
          channelId: 'test',
          serviceUrl: 'https://channel.example/',
          conversation: { id: `property-${run}` },
          from: { id: 'user' },
          recipient: { id: 'bot' },
        } as Partial<Activity>;
        if (activityProblem(activity)) return;
        admitted += 1;
        const adapter = new TestAdapter(async (context) => app.bot.run(context));
        await adapter.processActivity(activity);
        expect(logs.lines).toEqual([]);
      }),
      { numRuns: 300 },
    );
    // The generator is not so wild that the boundary refuses everything.
    expect(admitted).toBeGreaterThan(50);
  });

  test('sorting user input and checking the HTTP shape never throw', () => {
    fc.assert(
      fc.property(anyActivity, fc.anything(), (fields, body) => {
        const input = readUserInput(fields as Pick<Activity, 'text' | 'value' | 'attachments'>, 2000);
        expect(['text', 'button', 'invalid-button', 'attachment-only', 'empty', 'too-long']).toContain(
          input.kind,
        );
        expect(['string', 'undefined']).toContain(typeof activityProblem(body));
      }),
      { numRuns: 500 },
    );
  });
});
