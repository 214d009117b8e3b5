/*
 * The portal help chat widget. One tag adds a chat button to any page:
 *
 *   <script src="https://BOT-SERVER/widget.js" data-lang="fr" data-title="…" data-color="#00704a" defer></script>
 *
 * or set window.PortalHelpWidgetOptions = { lang, title, color } before it. The language defaults to the
 * page's <html lang>. Opening the button loads Microsoft Web Chat (served by the bot server) in a panel; the
 * conversation survives a page reload within the tab (sessionStorage).
 */
(function () {
  'use strict';

  const LANGUAGES = ['de', 'fr', 'it'];
  /** Web Chat's own strings (send box, alt texts) exist for these locales. */
  const WEBCHAT_LOCALES = { de: 'de-DE', fr: 'fr-FR', it: 'it-IT' };
  /** Web Chat's own strings the widget replaces (formal address in every language), by the widget's key. */
  const WEBCHAT_STRINGS = {
    placeholder: 'TEXT_INPUT_PLACEHOLDER',
    youSaid: 'ACTIVITY_YOU_SAID_ALT',
    transcript: 'TRANSCRIPT_ARIA_LABEL_ALT',
    interactiveHint: 'TRANSCRIPT_LIVE_REGION_INTERACTIVE_LABEL_ALT',
    linksHint: 'TRANSCRIPT_LIVE_REGION_INTERACTIVE_WITH_LINKS_LABEL_ALT',
    suggestionsHint: 'TRANSCRIPT_LIVE_REGION_SUGGESTED_ACTIONS_LABEL_ALT',
    // Web Chat's German has "ß": Swiss spelling.
    closeHelp: 'KEYBOARD_HELP_CLOSE_BUTTON_ALT',
    dismiss: 'TOAST_DISMISS_BUTTON',
    // The keyboard help: Web Chat's Italian says "tu" ("Spostati", "Accedi", "Esegui"); infinitives everywhere.
    leaveMessage: 'KEYBOARD_HELP_CHAT_HISTORY_LEAVE_MESSAGE_HEADER',
    moveInWindow: 'KEYBOARD_HELP_CHAT_WINDOW_BODY_MOVE_BETWEEN_ITEMS_HEADER',
    doAction: 'KEYBOARD_HELP_CHAT_WINDOW_BODY_DO_ACTION_HEADER',
    moveBetweenMessages: 'KEYBOARD_HELP_CHAT_HISTORY_MOVE_BETWEEN_MESSAGES_HEADER',
    enterMessage: 'KEYBOARD_HELP_CHAT_HISTORY_ACCESS_ITEMS_IN_MESSAGE_HEADER',
    moveInMessage: 'KEYBOARD_HELP_CHAT_HISTORY_MOVE_BETWEEN_ITEMS_HEADER',
    fileWithSize: 'FILE_CONTENT_WITH_SIZE_ALT',
    downloadWithSize: 'FILE_CONTENT_DOWNLOADABLE_WITH_SIZE_ALT',
  };
  /** DirectLineJS connection states. */
  const ONLINE = 2;
  const EXPIRED_TOKEN = 3;
  const FAILED_TO_CONNECT = 4;

  const script =
    document.currentScript || document.querySelector('script[src$="/widget.js"], script[src="widget.js"]');
  const server = new URL(script.src, document.baseURI).origin;
  // The tag's data attributes win over the global options.
  const options = Object.assign({}, window.PortalHelpWidgetOptions);
  for (const key of ['lang', 'title', 'color']) if (script.dataset[key]) options[key] = script.dataset[key];
  // The page's language first; it follows the conversation when the user switches language in the chat.
  let lang = languageOf(options.lang || document.documentElement.lang);
  const color = options.color || '#00704a';
  const storageKey = 'portal-help-widget:' + server;

  function languageOf(tag) {
    return knownLanguage(tag) || 'de';
  }

  /** One of the bot's languages for a locale ("fr-CH" → "fr"), or undefined. */
  function knownLanguage(locale) {
    const prefix = String(locale || '')
      .slice(0, 2)
      .toLowerCase();
    return LANGUAGES.includes(prefix) ? prefix : undefined;
  }

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children || []) node.append(child);
    return node;
  }

  /** A speech bubble, drawn inline: no icon font or emoji needed. */
  function chatIcon() {
    const svgNs = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(svgNs, 'svg');
    for (const [name, value] of Object.entries({
      viewBox: '0 0 24 24',
      width: '20',
      height: '20',
      'aria-hidden': 'true',
      focusable: 'false',
    }))
      svg.setAttribute(name, value);
    const path = document.createElementNS(svgNs, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
    svg.append(path);
    return svg;
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const tag = element('script', { src });
      tag.onload = resolve;
      tag.onerror = () => reject(new Error('cannot load ' + src));
      document.head.append(tag);
    });
  }

  const session = {
    read() {
      try {
        return JSON.parse(sessionStorage.getItem(storageKey) || 'null') || {};
      } catch {
        return {};
      }
    },
    write(fields) {
      try {
        sessionStorage.setItem(storageKey, JSON.stringify(Object.assign(session.read(), fields)));
      } catch {
        // Storage may be off (private mode): the widget still works, without surviving a reload.
      }
    },
    forgetConversation() {
      session.write({ conversation: undefined });
    },
  };

  async function fetchJson(url, init) {
    const response = await fetch(url, init);
    if (!response.ok) throw new Error(url + ' answered ' + response.status);
    return response.json();
  }

  /** The widget's strings in the current language. */
  let strings = {};
  /** Set once the panel exists: switches the widget to the language the bot now speaks. */
  let followLanguage = () => {};
  /** Renders (again) Web Chat in the current language; set once a conversation is open. */
  let renderChat = () => {};
  /** Called with Web Chat's store once it renders; set once the panel exists. */
  let sendBoxShown = () => {};
  let sendBoxReady = false;
  /** Keys typed in the panel before the send box existed. */
  const typedEarly = { text: '' };

  async function start(initialStrings) {
    strings = initialStrings;
    document.head.append(element('link', { rel: 'stylesheet', href: server + '/widget.css' }));
    const title = options.title || strings.title;
    const launcher = element(
      'button',
      {
        type: 'button',
        class: 'phw-launcher',
        'aria-label': strings.launcher,
        'aria-expanded': 'false',
        'aria-controls': 'phw-panel',
      },
      [chatIcon(), strings.launcher],
    );
    const heading = element('h2', { id: 'phw-title', class: 'phw-panel__title' }, [title]);
    const close = element(
      'button',
      { type: 'button', class: 'phw-panel__close', 'aria-label': strings.close },
      [element('span', { 'aria-hidden': 'true' }, ['×'])],
    );
    const status = element('p', { class: 'phw-panel__status', role: 'status' }, [strings.loading]);
    const chat = element('div', { class: 'phw-panel__chat' });
    const panel = element(
      'section',
      { id: 'phw-panel', class: 'phw-panel', role: 'dialog', 'aria-labelledby': 'phw-title', lang },
      [element('header', { class: 'phw-panel__header' }, [heading, close]), status, chat],
    );
    panel.hidden = true;
    const root = element('div', { class: 'phw-root' }, [panel, launcher]);
    root.style.setProperty('--phw-color', color);
    document.body.append(root);

    /** The widget's own labels and Web Chat's in another language, when the conversation has switched to it. */
    async function relabel(newLang) {
      const next = await fetchJson(server + '/api/webchat/strings/' + newLang);
      if (newLang !== lang) return;
      strings = next;
      renderChat();
      launcher.setAttribute('aria-label', next.launcher);
      launcher.lastChild.textContent = next.launcher;
      close.setAttribute('aria-label', next.close);
      if (!options.title) heading.textContent = next.title;
      panel.setAttribute('lang', newLang);
    }
    followLanguage = (newLang) => {
      if (newLang === lang) return;
      lang = newLang;
      relabel(newLang).catch((error) => console.error('portal help widget:', error));
    };

    let chatStarted;
    /** Opens the panel; the focus moves into it only when the user opened it (not on a restore after reload). */
    function open(moveFocus) {
      panel.hidden = false;
      launcher.setAttribute('aria-expanded', 'true');
      session.write({ open: true });
      chatStarted = chatStarted || startChat(chat, status);
      if (!moveFocus) return;
      close.focus();
      chatStarted.then(
        () => focusSendBox(),
        () => close.focus(),
      );
    }
    // What the user types before the send box exists is kept and put into it.
    panel.addEventListener('keydown', (event) => {
      if (sendBoxReady || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key.length === 1) typedEarly.text += event.key;
      else if (event.key === 'Backspace') typedEarly.text = typedEarly.text.slice(0, -1);
      // Not on the close button: the text stays, to be sent from the send box.
      else if (event.key !== 'Enter' || !typedEarly.text) return;
      event.preventDefault();
    });
    // A choice on a card answers it: its buttons go inert (an old question cannot be sent again by mistake) and
    // the focus goes back to the send box, where the answer is read from.
    panel.addEventListener(
      'click',
      (event) => {
        const card =
          event.target.closest &&
          event.target.closest('.webchat__basic-transcript__activity .ac-adaptiveCard');
        const button = card && event.target.closest('button');
        if (!button || button.disabled) return;
        setTimeout(() => {
          for (const used of card.querySelectorAll('button')) {
            used.disabled = true;
            used.setAttribute('aria-disabled', 'true');
          }
          focusSendBox();
        });
      },
      true,
    ); // capture: Adaptive Cards stop the click's bubbling
    function hide() {
      panel.hidden = true;
      launcher.setAttribute('aria-expanded', 'false');
      session.write({ open: false });
      launcher.focus();
    }
    launcher.addEventListener('click', () => (panel.hidden ? open(true) : hide()));
    for (const intent of ['pointerenter', 'focus'])
      launcher.addEventListener(intent, () => loadWebChat().catch(() => {}), { once: true });
    close.addEventListener('click', hide);
    panel.addEventListener('keydown', (event) => {
      // Inside a message Escape is Web Chat's: it leaves the message's buttons for the transcript.
      const inMessage = event.target.closest && event.target.closest('.webchat__basic-transcript__activity');
      if (event.key === 'Escape' && !inMessage) {
        event.preventDefault();
        hide();
      }
    });
    /** Web Chat renders asynchronously: wait (briefly) for its send box, then put the focus there. */
    function focusSendBox(attempt = 0) {
      const input = chat.querySelector('.webchat__send-box-text-box__input');
      if (panel.hidden) return;
      if (input) input.focus();
      else if (attempt < 50) setTimeout(() => focusSendBox(attempt + 1), 50);
    }
    /** Once Web Chat shows its send box, what was typed meanwhile goes into it. */
    sendBoxShown = (store, attempt = 0) => {
      if (!chat.querySelector('.webchat__send-box-text-box__input')) {
        if (attempt < 100) setTimeout(() => sendBoxShown(store, attempt + 1), 50);
        return;
      }
      sendBoxReady = true;
      if (typedEarly.text)
        store.dispatch({ type: 'WEB_CHAT/SET_SEND_BOX', payload: { text: typedEarly.text } });
      typedEarly.text = '';
    };
    if (session.read().open) open(false);
  }

  /** A Direct Line to the saved conversation, or to a new one from the token endpoint. */
  async function connect(resume) {
    const saved = session.read().conversation;
    if (resume && saved) {
      const directLine = window.WebChat.createDirectLine({
        token: saved.token,
        conversationId: saved.conversationId,
        domain: saved.domain,
        webSocket: false,
      });
      return { directLine, domain: saved.domain };
    }
    const grant = await fetchJson(server + '/api/webchat/token', { method: 'POST' });
    const directLine = window.WebChat.createDirectLine({
      token: grant.token,
      domain: grant.domain,
      webSocket: false,
      conversationStartProperties: { locale: WEBCHAT_LOCALES[lang] },
    });
    return { directLine, domain: grant.domain };
  }

  let webChatScript;
  /** Web Chat's bundle, fetched once: from the first hover or focus of the launcher, before the click. */
  function loadWebChat() {
    webChatScript = webChatScript || loadScript(server + '/vendor/webchat.js');
    return webChatScript;
  }

  async function startChat(container, status) {
    try {
      await loadWebChat();
      await openConversation(container, true);
      status.hidden = true;
    } catch (error) {
      status.textContent = strings.unavailable;
      throw error;
    }
  }

  /** The brand colour on every interactive state; long choices wrap instead of being cut. */
  function styleOptions() {
    return {
      accent: color,
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
      bubbleBorderRadius: 8,
      bubbleFromUserBorderRadius: 8,
      bubbleFromUserBackground: color,
      bubbleFromUserBorderColor: color,
      bubbleFromUserTextColor: '#fff',
      bubbleMinWidth: 0,
      cardPushButtonBackgroundColor: color,
      cardPushButtonTextColor: '#fff',
      // The bot reads text only: no upload button.
      hideUploadButton: true,
      // A new answer scrolls into view from its first line (the greeting too), not to its end.
      autoScrollSnapOnActivity: true,
      autoScrollSnapOnActivityOffset: 8,
      suggestedActionLayout: 'stacked',
      suggestedActionsStackedLayoutButtonTextWrap: true,
      suggestedActionBorderRadius: 8,
      suggestedActionBorderWidth: 1,
      suggestedActionHeight: 44,
      suggestedActionTextColor: color,
      suggestedActionBorderColor: color,
      suggestedActionBackgroundColorOnHover: '#f0f5f3',
      suggestedActionBackgroundColorOnFocus: '#fff',
      suggestedActionBackgroundColorOnActive: color,
      suggestedActionTextColorOnActive: '#fff',
      suggestedActionKeyboardFocusIndicatorBorderColor: '#1a1a1a',
      suggestedActionKeyboardFocusIndicatorBorderStyle: 'solid',
      suggestedActionKeyboardFocusIndicatorBorderWidth: 2,
      suggestedActionKeyboardFocusIndicatorBorderRadius: 6,
      sendBoxButtonColorOnFocus: color,
      sendBoxButtonColorOnHover: color,
      typingAnimationDuration: 10000,
    };
  }

  /** Web Chat's strings the widget says in its own, formal words (from the locales). */
  function webChatStrings() {
    const overrides = {};
    for (const [key, id] of Object.entries(WEBCHAT_STRINGS)) if (strings[key]) overrides[id] = strings[key];
    return overrides;
  }

  /**
   * Web Chat's snap scrolls to the *end* of what the bot sent: the welcome (greeting, topics) and any answer taller
   * than the transcript showed only their last lines. Once Web Chat's scrolling has come to rest, the transcript
   * goes back to the first message the bot sent after the user's last one (the greeting before the user has
   * written). Not if the user has written or the bot has sent more meanwhile: the newest message decides.
   */
  function answersFromTheirStart(container) {
    let latest = 0;
    return () => (next) => (action) => {
      const result = next(action);
      const activity = action.payload && action.payload.activity;
      const sent = action.type === 'DIRECT_LINE/POST_ACTIVITY_PENDING';
      const incoming = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY';
      if (!activity || activity.type !== 'message' || !(sent || incoming)) return result;
      const mine = (latest += 1);
      if (incoming && !(activity.from && activity.from.role === 'user')) {
        setTimeout(() => toAnswerStart(container, () => mine === latest), 300);
      }
      return result;
    };
  }

  /** Once Web Chat's scrolling has come to rest at the end (its animation may still move after arriving). */
  function toAnswerStart(container, stillNewest, attempt = 0, before = -1) {
    const scroller = container.querySelector('.webchat__basic-transcript__scrollable');
    if (!scroller || !stillNewest()) return;
    const atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
    if (!atEnd || scroller.scrollTop !== before) {
      const now = scroller.scrollTop;
      if (attempt < 30) setTimeout(() => toAnswerStart(container, stillNewest, attempt + 1, now), 150);
      return;
    }
    let first;
    for (const activity of scroller.querySelectorAll('.webchat__basic-transcript__activity')) {
      if (activity.querySelector('.webchat__bubble--from-user')) first = undefined;
      else first = first || activity;
    }
    if (!first) return;
    const top =
      first.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop - 8;
    if (top < scroller.scrollTop) scroller.scrollTop = Math.max(0, top);
  }

  /** The bot's name (said with "… is typing") in the widget's language, whatever the channel calls it. */
  function botNamedInTheUsersLanguage() {
    return (next) => (action) => {
      const activity = action.payload && action.payload.activity;
      const fromBot = activity && activity.from && activity.from.role !== 'user';
      if (action.type !== 'DIRECT_LINE/INCOMING_ACTIVITY' || !fromBot || !strings.botName)
        return next(action);
      const from = Object.assign({}, activity.from, { name: strings.botName });
      const payload = Object.assign({}, action.payload, { activity: Object.assign({}, activity, { from }) });
      return next(Object.assign({}, action, { payload }));
    };
  }

  /**
   * Shows the bot "typing" from the moment the user sends until the bot's answer arrives (a message from the
   * bot ends it): feedback while the bot works, without an extra message from the bot.
   */
  function typingWhileTheBotWorks({ dispatch }) {
    let bot;
    return (next) => (action) => {
      const result = next(action);
      const activity = action.payload && action.payload.activity;
      if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && activity.type === 'message') {
        if (activity.from && activity.from.role !== 'user') bot = activity.from;
      } else if (action.type === 'DIRECT_LINE/POST_ACTIVITY_PENDING' && bot && activity.type === 'message') {
        dispatch({
          type: 'DIRECT_LINE/INCOMING_ACTIVITY',
          payload: {
            activity: {
              type: 'typing',
              id: 'phw-typing-' + Date.now(),
              from: Object.assign({}, bot, { role: 'bot' }),
              timestamp: new Date().toISOString(),
              channelData: {},
            },
          },
        });
      }
      return result;
    };
  }

  /**
   * Renders Web Chat on a Direct Line and keeps the conversation id and the current token (Web Chat
   * refreshes it) in the tab's session. A saved conversation the server no longer accepts is replaced by a
   * new one.
   */
  async function openConversation(container, resume) {
    const { directLine, domain } = await connect(resume);
    const remember = () =>
      session.write({
        conversation: { conversationId: directLine.conversationId, token: directLine.token, domain },
      });
    let replaced = false;
    directLine.connectionStatus$.subscribe((state) => {
      if (state === ONLINE) remember();
      if (resume && !replaced && (state === EXPIRED_TOKEN || state === FAILED_TO_CONNECT)) {
        replaced = true;
        session.forgetConversation();
        directLine.end();
        openConversation(container, false).catch((error) => console.error('portal help widget:', error));
      }
    });
    window.addEventListener('pagehide', () => directLine.conversationId && remember());
    const store = window.WebChat.createStore(
      {},
      botNamedInTheUsersLanguage,
      typingWhileTheBotWorks,
      answersFromTheirStart(container),
    );
    renderChat = () =>
      window.WebChat.renderWebChat(
        {
          directLine,
          store,
          locale: WEBCHAT_LOCALES[lang],
          overrideLocalizedStrings: webChatStrings(),
          styleOptions: styleOptions(),
        },
        container,
      );
    renderChat();
    sendBoxShown(store);
    // The bot marks its messages with the conversation's locale: the widget follows a language switch. Listened
    // to after Web Chat subscribed, so that Web Chat is the one that opens the connection.
    directLine.activity$.subscribe(
      (activity) => {
        const spoken = activity.type === 'message' && activity.from && activity.from.role !== 'user';
        const newLang = spoken && knownLanguage(activity.locale);
        if (newLang) followLanguage(newLang);
      },
      // Connection errors are Web Chat's to show (and the stale-conversation handling above); an unhandled error
      // here would be thrown into the stream Web Chat renders from.
      () => {},
    );
  }

  fetchJson(server + '/api/webchat/strings/' + lang)
    .then(start)
    .catch((error) => console.error('portal help widget:', error));
})();
