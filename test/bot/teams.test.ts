import {
  ActionTypes,
  ActivityTypes,
  CardFactory,
  Channels,
  MessageFactory,
  TestAdapter,
  type Activity,
  type Attachment,
} from 'botbuilder';
import { forTeams, TEAMS_MAX_SUGGESTED_ACTIONS } from '../../src/bot/teamsActivities';
import { channelLocale } from '../../src/bot/teamsLocale';
import { readUserInput } from '../../src/dialogs/userInput';
import { findAmbiguousQuestion } from '../helpers/ambiguity';
import { loadConfig } from '../../src/config';
import type { SupportRequestInput } from '../../src/dialogs/actions/ports';
import { createActionServices, createBotServices } from '../../src/services';
import { backendDown, offlineActionDependencies } from '../helpers/backendDown';
import { defaultServices, offlineBot, ui, type TurnHandler } from '../helpers/conversation';

type AdaptiveAction = { type: string; title: string; data?: unknown; url?: string };
type AdaptiveElement = {
  type: string;
  text?: string;
  actions?: AdaptiveAction[];
  selectAction?: AdaptiveAction;
  items?: AdaptiveElement[];
};
type AdaptiveCardContent = { version: string; body: AdaptiveElement[] };

function adaptiveCardsOf(replies: readonly Partial<Activity>[]): AdaptiveCardContent[] {
  return replies
    .flatMap((r) => r.attachments ?? [])
    .filter((a) => a.contentType === CardFactory.contentTypes.adaptiveCard)
    .map((a) => a.content as AdaptiveCardContent);
}

/** What the user can press: buttons and the wrapped options (a selectable row around the whole text). */
function actionsOf(card: AdaptiveCardContent): AdaptiveAction[] {
  return card.body.flatMap((element) => [
    ...(element.actions ?? []),
    ...(element.selectAction ? [element.selectAction] : []),
  ]);
}

function textsOf(elements: readonly AdaptiveElement[]): string[] {
  return elements.flatMap((e) => [...(e.text ? [e.text] : []), ...textsOf(e.items ?? [])]);
}

/** Everything the user reads: message texts and the cards' text blocks. */
function shown(replies: readonly Partial<Activity>[]): string {
  const cardTexts = adaptiveCardsOf(replies).flatMap((c) => textsOf(c.body));
  return [...replies.map((r) => r.text ?? ''), ...cardTexts].join('\n');
}

/** A personal chat in Teams with the real bot (offline backend). */
class TeamsChat {
  constructor(private readonly bot: TurnHandler = offlineBot()) {}

  private readonly adapter = new TestAdapter(async (context) => this.bot.run(context), {
    channelId: Channels.Msteams,
  });

  async send(fields: Partial<Activity>): Promise<Partial<Activity>[]> {
    await this.adapter.processActivity({ type: ActivityTypes.Message, ...fields });
    const replies: Partial<Activity>[] = [];
    for (let reply = this.adapter.getNextReply(); reply; reply = this.adapter.getNextReply())
      replies.push(reply);
    return replies;
  }

  /** Teams installs the app: the user joins, with the client's language only in the clientInfo entity. */
  async install(clientLocale: string): Promise<Partial<Activity>[]> {
    const { user, bot } = this.adapter.conversation;
    return this.send({
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [user!, bot!],
      entities: [{ type: 'clientInfo', locale: clientLocale, platform: 'Web' }],
    });
  }

  /** The user presses an Adaptive Card button: Teams sends its data as the value, without text. */
  submit(action: AdaptiveAction, locale = 'fr-CH'): Promise<Partial<Activity>[]> {
    return this.send({ value: action.data, locale });
  }
}

describe('Microsoft Teams', () => {
  test('the welcome is in the language of the Teams client and its buttons are Adaptive Card submits', async () => {
    const chat = new TeamsChat();

    const replies = await chat.install('it-CH');

    expect(shown(replies)).toContain(ui('it', 'welcome.greeting', { brand: 'CPT' }));
    expect(replies.flatMap((r) => r.attachments ?? []).map((a) => a.contentType)).not.toContain(
      CardFactory.contentTypes.heroCard,
    );
    const cards = adaptiveCardsOf(replies);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card.version).toBe('1.5');
      for (const action of actionsOf(card)) {
        expect(action.type).toBe('Action.Submit');
        expect(readUserInput({ text: '', value: action.data }, 2000).kind).toBe('button');
      }
    }
    expect(replies.every((r) => !r.suggestedActions)).toBe(true);
  });

  test('an Adaptive Card submit without text works like the button (topic, then its questions)', async () => {
    const chat = new TeamsChat();
    const welcome = await chat.install('fr-CH');
    const topic = actionsOf(adaptiveCardsOf(welcome).find((c) => actionsOf(c).length > 1)!)[0];

    const replies = await chat.submit(topic);

    const category = defaultServices().faq.current().categories[0];
    expect(shown(replies)).toContain(ui('fr', 'categories.questions', { category: category.name.fr }));
    expect(actionsOf(adaptiveCardsOf(replies)[0]).length).toBeGreaterThan(0);
  });

  test('an answer is one message: the answer, then its follow-ups as whole wrapped questions and the feedback in one row', async () => {
    const chat = new TeamsChat();
    await chat.install('de-CH');

    const replies = await chat.send({ text: 'Wie hoch ist der Online-Rabatt?', locale: 'de-CH' });

    expect(replies).toHaveLength(1);
    expect(replies[0].suggestedActions).toBeUndefined();
    const faq = defaultServices().faq.current();
    expect(replies[0].text).toBe(faq.entry('online-discount')!.text.de.answer);
    const [card] = adaptiveCardsOf(replies);
    const followUp = faq.entry('loyalty-discount')!.text.de.question;
    const option = card.body.find((e) => e.selectAction?.title === followUp);
    expect(option?.items?.[0]).toEqual(expect.objectContaining({ text: followUp, wrap: true }));
    const rows = card.body.filter((e) => e.type === 'ActionSet');
    expect(rows.at(-1)?.actions?.map((a) => a.title)).toEqual([
      ui('de', 'feedback.helpful'),
      ui('de', 'feedback.notHelpful'),
    ]);
  });

  test('"did you mean" shows each candidate question whole, as a wrapped option the user can press', async () => {
    const chat = new TeamsChat();
    await chat.install('fr-CH');
    const { text, candidates } = findAmbiguousQuestion(defaultServices(), 'fr');

    const replies = await chat.send({ text, locale: 'fr-CH' });

    const [card] = adaptiveCardsOf(replies);
    for (const candidate of candidates) {
      const question = defaultServices().faq.current().entry(candidate.id)!.text.fr.question;
      const option = card.body.find((e) => e.selectAction?.title === question);
      expect(option?.items?.[0]).toEqual(expect.objectContaining({ text: question, wrap: true }));
      expect(option?.selectAction?.data).toEqual(expect.objectContaining({ kind: 'faq', id: candidate.id }));
    }
  });

  test('Teams messageBack values that arrive as JSON text are understood too', async () => {
    const chat = new TeamsChat();
    await chat.install('de-CH');

    const replies = await chat.send({
      value: JSON.stringify({ kind: 'language', lang: 'fr' }),
      locale: 'de-CH',
    });

    expect(shown(replies)).toContain(ui('fr', 'language.switched'));
  });

  test('a choice prompt of an action is an Adaptive Card (no suggested actions), answered by a submit', async () => {
    const chat = new TeamsChat();
    await chat.install('fr-CH');
    await chat.submit({ type: 'Action.Submit', title: '', data: { kind: 'action', id: 'request-code' } });

    const question = await chat.send({ text: 'KPT10000001', locale: 'fr-CH' });

    expect(question.every((r) => !r.suggestedActions)).toBe(true);
    const choices = actionsOf(adaptiveCardsOf(question)[0]);
    expect(choices.map((a) => a.title)).toEqual([
      ui('fr', 'channels.sms'),
      ui('fr', 'channels.email'),
      ui('fr', 'actions.cancel'),
    ]);
    // The offline backend is down: the bot accepted the choice and tried to send the code.
    const after = await chat.submit(choices[0]);
    expect(shown(after)).toContain(ui('fr', 'backend.unavailable'));
  });

  test('an FAQ question at a choice prompt: one message, the answer and the question again with its card', async () => {
    const chat = new TeamsChat();
    await chat.install('fr-CH');
    await chat.submit({ type: 'Action.Submit', title: '', data: { kind: 'action', id: 'request-code' } });
    await chat.send({ text: 'KPT10000001', locale: 'fr-CH' });
    const entry = defaultServices().faq.current().entry('ebill')!.text.fr;

    const answered = await chat.send({ text: entry.question, locale: 'fr-CH' });

    expect(answered).toHaveLength(1);
    expect(shown(answered)).toContain(entry.answer.slice(0, 40));
    expect(shown(answered)).toContain(ui('fr', 'requestCode.askChannel'));
    expect(answered[0]!.suggestedActions).toBeUndefined();
    expect(actionsOf(adaptiveCardsOf(answered)[0]!).map((a) => a.title)).toEqual([
      ui('fr', 'channels.sms'),
      ui('fr', 'channels.email'),
      ui('fr', 'actions.cancel'),
    ]);
  });
});

describe('a support request in Teams: one Adaptive Card form', () => {
  type FormElement = AdaptiveElement & {
    id?: string;
    label?: string;
    value?: string;
    isRequired?: boolean;
    choices?: Array<{ value: string }>;
  };
  type Form = { version: string; body: FormElement[]; actions: AdaptiveAction[] };
  const requests: SupportRequestInput[] = [];
  const config = loadConfig({});
  /** A bot whose backend records the requests (its own store: the limits start afresh). */
  const supportBot = () =>
    offlineBot(
      createBotServices(
        config,
        createActionServices(
          config,
          offlineActionDependencies({
            ...backendDown,
            createSupportRequest: async (request) => {
              requests.push(request);
              return { reference: 'CPT-2026-000007' };
            },
          }),
        ),
      ),
    );
  const formOf = (replies: readonly Partial<Activity>[]) =>
    adaptiveCardsOf(replies).find((c) => (c.body as FormElement[]).some((e) => e.type === 'Input.Text')) as
      Form | undefined;
  const inputs = (form: Form): Record<string, FormElement> =>
    Object.fromEntries(form.body.filter((e) => e.id).map((e) => [e.id, e]));

  test('offered after "talk to a person", filled in, checked, sent: the reference in the chat', async () => {
    const chat = new TeamsChat(supportBot());
    await chat.install('fr-CH');
    await chat.send({ text: 'Comment fonctionne la facture électronique?', locale: 'fr-CH' });
    const offer = await chat.send({ text: "j'aimerais parler avec un conseiller svp", locale: 'fr-CH' });
    const start = adaptiveCardsOf(offer)
      .flatMap(actionsOf)
      .find((a) => (a.data as { kind?: string }).kind === 'action');
    expect(start?.title).toBe(ui('fr', 'actions.support-request.button'));

    const form = formOf(await chat.submit(start!))!;
    expect(form.version).toBe('1.5');
    const fields = inputs(form);
    expect(Object.keys(fields)).toEqual(['topic', 'description', 'contact', 'consent']);
    expect(fields.topic?.value).toBe('Comment fonctionne la facture électronique?');
    expect(fields.description?.type).toBe('Input.Text');
    expect(fields.consent?.type).toBe('Input.ChoiceSet');
    expect(fields.consent?.choices?.map((c) => c.value)).toEqual(['yes', 'no']);
    expect(Object.values(fields).every((f) => f.label && f.isRequired)).toBe(true);
    expect(form.actions.map((a) => a.title)).toEqual([
      ui('fr', 'support.form.send'),
      ui('fr', 'actions.cancel'),
    ]);
    for (const action of form.actions)
      expect(readUserInput({ text: '', value: action.data }, 2000).kind).toBe('button');

    // Teams sends the submit's data with the inputs; a bad contact comes back with what was typed.
    const send = form.actions[0]!;
    const typed = { topic: 'E-facture', description: 'Je ne reçois plus mes factures.', consent: 'yes' };
    const again = await chat.send({
      value: { ...(send.data as object), ...typed, contact: 'anne@' },
      locale: 'fr-CH',
    });
    expect(shown(again)).toContain(ui('fr', 'support.badContact'));
    expect(inputs(formOf(again)!).description?.value).toBe(typed.description);
    // One word is no description: the form comes back asking for a few words.
    const oneWord = await chat.send({
      value: { ...(send.data as object), ...typed, description: 'oui', contact: '079 555 12 34' },
      locale: 'fr-CH',
    });
    expect(shown(oneWord)).toContain(ui('fr', 'support.badDescription', { max: 2000 }));
    expect(requests).toEqual([]);

    const sent = await chat.send({
      value: { ...(send.data as object), ...typed, contact: '079 555 12 34' },
      locale: 'fr-CH',
    });
    expect(shown(sent)).toContain(ui('fr', 'support.sentPhone', { reference: 'CPT-2026-000007' }));
    expect(requests).toEqual([
      expect.objectContaining({
        topic: 'E-facture',
        contact: { kind: 'phone', value: '+41795551234' },
        contractNumber: 'unverified',
        language: 'fr',
      }),
    ]);
  });

  test('the form comes again in the new language after a switch; consent refused: nothing is sent', async () => {
    requests.length = 0;
    const chat = new TeamsChat(supportBot());
    await chat.install('de-CH');
    const form = formOf(
      await chat.submit({
        type: 'Action.Submit',
        title: '',
        data: { kind: 'action', id: 'support-request' },
      }),
    )!;
    const switched = await chat.send({ text: 'italiano', locale: 'de-CH' });
    expect(shown(switched)).toContain(ui('it', 'support.form.title'));
    expect(inputs(formOf(switched)!).consent?.label).toBe(ui('it', 'support.form.consent'));
    const refused = await chat.send({
      value: {
        ...(form.actions[0]!.data as object),
        topic: 'Login',
        description: 'Das Login geht nicht.',
        contact: 'anna.muster@example.com',
        consent: 'no',
      },
      locale: 'de-CH',
    });
    expect(shown(refused)).toContain(ui('it', 'support.notSent'));
    expect(requests).toEqual([]);
  });
});

describe('rendering for Teams', () => {
  const rendering = { openDocumentTitle: 'PDF öffnen' };

  test('a document link becomes a card with a button that opens it', () => {
    const url = 'https://bot.example.ch/downloads/abc';
    const message: Partial<Activity> = {
      ...MessageFactory.text('Ihre Steuerbescheinigung ist bereit.'),
      attachments: [
        { contentType: 'application/pdf', contentUrl: url, name: 'Steuerbescheinigung-2025.pdf' },
      ],
    };

    const [card] = adaptiveCardsOf([forTeams(message, rendering)]);

    expect(card.body[0].text).toBe('Steuerbescheinigung-2025.pdf');
    expect(actionsOf(card)).toEqual([{ type: 'Action.OpenUrl', title: 'PDF öffnen', url }]);
  });

  test('more suggested actions than Teams shows become a card; three imBacks stay', () => {
    const actions = ['a', 'b', 'c', 'd'].map((t) => ({ type: ActionTypes.ImBack, title: t, value: t }));
    const many = forTeams({ ...MessageFactory.text('?'), suggestedActions: { actions, to: [] } }, rendering);
    const few = forTeams(
      {
        ...MessageFactory.text('?'),
        suggestedActions: { actions: actions.slice(0, TEAMS_MAX_SUGGESTED_ACTIONS), to: [] },
      },
      rendering,
    );

    expect(many.suggestedActions).toBeUndefined();
    expect(actionsOf(adaptiveCardsOf([many])[0]).map((a) => a.title)).toEqual(['a', 'b', 'c', 'd']);
    expect(few.suggestedActions?.actions).toHaveLength(3);
  });

  test('other attachments (images) pass unchanged', () => {
    const image: Attachment = { contentType: 'image/png', contentUrl: 'https://bot.example.ch/logo.png' };
    expect(forTeams({ type: 'message', attachments: [image] }, rendering).attachments).toEqual([image]);
  });
});

describe('the Teams client locale', () => {
  test('comes from the activity, else from the clientInfo entity', () => {
    expect(channelLocale({ locale: 'it-CH' })).toBe('it-CH');
    expect(channelLocale({ entities: [{ type: 'clientInfo', locale: 'fr-CH' }] })).toBe('fr-CH');
  });

  test('malformed entities from a channel are ignored, not a crash', () => {
    for (const entities of [{}, 'clientInfo', [null, 3, { type: 'clientInfo', locale: 7 }]]) {
      expect(channelLocale({ entities } as unknown as Partial<Activity>)).toBeUndefined();
    }
  });
});
